using Microsoft.EntityFrameworkCore;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Platform.Realtime;

namespace Podium.Modules.Club.Features.Polls;

/// <summary>Reading polls with the reader's rights, and voting. Pages and the API both go through here.</summary>
internal sealed class ClubPolls(PodiumDbContext db, ILiveUpdates live, TimeProvider time)
{
    public const string VoteEvent = "vote";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public static PollStatus StatusOf(DateTime opensAt, DateTime closesAt, DateTime? closedAt, DateTime now) =>
        closedAt is not null || closesAt <= now ? PollStatus.Closed : opensAt > now ? PollStatus.Upcoming : PollStatus.Open;

    public async Task<PagedList<PollSummary>> ListAsync(PollStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var now = Now;
        var query = db.Set<Poll>().AsNoTracking();
        query = status switch
        {
            PollStatus.Open => query.Where(p => p.ClosedAt == null && p.OpensAt <= now && p.ClosesAt > now),
            PollStatus.Upcoming => query.Where(p => p.ClosedAt == null && p.OpensAt > now),
            PollStatus.Closed => query.Where(p => p.ClosedAt != null || p.ClosesAt <= now),
            _ => query,
        };

        // Open and upcoming polls soonest first (what needs a vote now); closed ones newest first.
        query = status is PollStatus.Open or PollStatus.Upcoming
            ? query.OrderBy(p => p.ClosesAt).ThenBy(p => p.Id)
            : query.OrderByDescending(p => p.ClosesAt).ThenBy(p => p.Id);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.Skip(page.Skip).Take(page.PageSize)
            .Select(p => new { p.Id, p.Kind, p.Title, p.TournamentId, p.OpensAt, p.ClosesAt, p.ClosedAt })
            .ToListAsync(cancellationToken);
        return page.Of(
            [.. rows.Select(p => new PollSummary(p.Id, p.Kind, p.Title, p.TournamentId, p.OpensAt, p.ClosesAt, p.ClosedAt, StatusOf(p.OpensAt, p.ClosesAt, p.ClosedAt, now)))],
            total);
    }

    public async Task<PollView?> GetAsync(Guid id, ClubViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var poll = await db.Set<Poll>().AsNoTracking()
            .Include(p => p.Options).ThenInclude(o => o.Lake)
            .Include(p => p.Options).ThenInclude(o => o.Ramp)
            .Include(p => p.Tournament).ThenInclude(t => t!.Event)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (poll is null)
        {
            return null;
        }

        var options = poll.Options.OrderBy(o => o.SortOrder).ToList();
        var mine = viewer.Angler is { } angler
            ? await db.Set<PollVote>().AsNoTracking().FirstOrDefaultAsync(v => v.PollId == id && v.AnglerId == angler.Id, cancellationToken)
            : null;
        var status = StatusOf(poll.OpensAt, poll.ClosesAt, poll.ClosedAt, Now);

        var results = ResultsVisible(status, mine is not null) ? await ResultsAsync(poll, options, cancellationToken) : null;
        return new PollView(
            poll.Id, poll.Kind, poll.Title, poll.Description, poll.TournamentId, poll.Tournament?.Event.Title,
            poll.OpensAt, poll.ClosesAt, poll.ClosedAt, status, poll.AllowOther,
            [.. options.Select(o => new PollOptionView(o.Id, o.Text, o.LakeId, o.Lake?.Name, o.RampId, o.Ramp?.Name, o.StartsAt, o.EndsAt))],
            results,
            mine is null ? null : ToView(mine, options),
            status == PollStatus.Open && mine is null && viewer.InGoodStanding);
    }

    /// <summary>Whether <paramref name="viewer"/> may see the counts of a poll (false when there is no such poll).</summary>
    public async Task<bool> ResultsVisibleAsync(Guid pollId, ClubViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var poll = await db.Set<Poll>().AsNoTracking()
            .Where(p => p.Id == pollId)
            .Select(p => new { p.OpensAt, p.ClosesAt, p.ClosedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (poll is null)
        {
            return false;
        }

        var voted = viewer.Angler is { } angler
            && await db.Set<PollVote>().AnyAsync(v => v.PollId == pollId && v.AnglerId == angler.Id, cancellationToken);
        return ResultsVisible(StatusOf(poll.OpensAt, poll.ClosesAt, poll.ClosedAt, Now), voted);
    }

    /// <summary>Counts are shown to those who voted and, once it closed, to everyone: nobody votes with the bandwagon.</summary>
    private static bool ResultsVisible(PollStatus status, bool voted) => status == PollStatus.Closed || voted;

    /// <summary>
    /// Records a member's vote. The unique index on (poll, angler) is what keeps one vote per member: two requests
    /// racing past the "already voted?" read both insert, and the loser's insert fails; it is then answered exactly
    /// as if it had arrived second.
    /// </summary>
    public async Task<VoteResult> VoteAsync(ClubViewer viewer, Guid pollId, VoteInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(input);
        var poll = await db.Set<Poll>().AsNoTracking().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == pollId, cancellationToken);
        if (poll is null)
        {
            return new VoteResult(VoteStatus.NotFound, Message: "There is no such poll.");
        }

        var other = string.IsNullOrWhiteSpace(input.Other) ? null : input.Other.Trim();
        var errors = Validate(poll, input.OptionId, other);
        if (errors.Count > 0)
        {
            return new VoteResult(VoteStatus.Invalid, Errors: errors, Message: errors.Values.First()[0]);
        }

        if (viewer.Angler is not { } angler || !viewer.InGoodStanding)
        {
            return new VoteResult(VoteStatus.NotAllowed, Message: "Only members in good standing (dues paid) vote in club polls.");
        }

        var now = Now;
        switch (StatusOf(poll.OpensAt, poll.ClosesAt, poll.ClosedAt, now))
        {
            case PollStatus.Upcoming:
                return new VoteResult(VoteStatus.NotOpen, Message: "This poll is not open for voting yet.");
            case PollStatus.Closed:
                return new VoteResult(VoteStatus.NotOpen, Message: "This poll is closed.");
        }

        var options = poll.Options.OrderBy(o => o.SortOrder).ToList();
        var existing = await db.Set<PollVote>().AsNoTracking().FirstOrDefaultAsync(v => v.PollId == pollId && v.AnglerId == angler.Id, cancellationToken);
        if (existing is not null)
        {
            return Repeat(existing, input.OptionId, other, options);
        }

        var vote = new PollVote { PollId = pollId, AnglerId = angler.Id, OptionId = other is null ? input.OptionId : null, OtherText = other, CastAt = now };
        try
        {
            var open = await db.InTransactionAsync(async ct =>
            {
                // A vote and the close serialize on the poll's row (the closer claims it with the same kind of UPDATE): a
                // vote either commits before the close counts, or finds the poll closed. No vote lands after the tally.
                if (await db.Set<Poll>()
                    .Where(p => p.Id == pollId && p.ClosedAt == null && p.ClosesAt > now)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosesAt, p => p.ClosesAt), ct) == 0)
                {
                    return false;
                }

                db.Add(vote);
                await db.SaveChangesAsync(ct);
                return true;
            }, cancellationToken: cancellationToken);
            if (!open)
            {
                return new VoteResult(VoteStatus.NotOpen, Message: "This poll is closed.");
            }
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            existing = await db.Set<PollVote>().AsNoTracking().FirstOrDefaultAsync(v => v.PollId == pollId && v.AnglerId == angler.Id, cancellationToken);
            if (existing is null)
            {
                // Not the one-vote constraint (nothing is there): a real failure.
                throw;
            }

            return Repeat(existing, input.OptionId, other, options);
        }

        // Only to those who see the counts, and only the event's name: followers re-fetch the results with their own rights.
        await live.PublishAsync(ClubLiveTopics.ForPollResults(pollId), VoteEvent, null, cancellationToken);
        return new VoteResult(VoteStatus.Recorded, ToView(vote, options));
    }

    private static VoteResult Repeat(PollVote existing, Guid? optionId, string? other, List<PollOption> options)
    {
        var same = other is null
            ? existing.OtherText is null && existing.OptionId == optionId
            : string.Equals(existing.OtherText, other, StringComparison.OrdinalIgnoreCase);
        return same
            ? new VoteResult(VoteStatus.AlreadyRecorded, ToView(existing, options))
            : new VoteResult(VoteStatus.DifferentVoteExists, ToView(existing, options), Message: "You have already voted in this poll; a vote cannot be changed.");
    }

    private static Dictionary<string, string[]> Validate(Poll poll, Guid? optionId, string? other)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (optionId is null && other is null)
        {
            errors["optionId"] = [poll.AllowOther ? "Choose an option or write in your own answer." : "Choose an option."];
        }
        else if (optionId is not null && other is not null)
        {
            errors["other"] = ["Choose an option or write in an answer, not both."];
        }
        else if (optionId is { } id && poll.Options.All(o => o.Id != id))
        {
            errors["optionId"] = ["That option is not part of this poll."];
        }
        else if (other is not null && !poll.AllowOther)
        {
            errors["other"] = ["This poll does not take written-in answers."];
        }
        else if (other is { Length: > PollVote.MaxOtherLength })
        {
            errors["other"] = [$"A written-in answer is at most {PollVote.MaxOtherLength} characters."];
        }

        return errors;
    }

    private async Task<PollResults> ResultsAsync(Poll poll, List<PollOption> options, CancellationToken cancellationToken)
    {
        var counts = await CountAsync(db, poll.Id, options, cancellationToken);
        var others = await db.Set<PollVote>().AsNoTracking()
            .Where(v => v.PollId == poll.Id && v.OtherText != null)
            .Select(v => v.OtherText!)
            .ToListAsync(cancellationToken);
        var otherAnswers = others
            .GroupBy(text => text, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Text: g.First(), Votes: g.Count()))
            .OrderByDescending(a => a.Votes).ThenBy(a => a.Text, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var tie = poll.ClosedAt is not null && PollTally.Decide(counts).Tie;
        return new PollResults(counts, counts.Sum(c => c.Votes) + others.Count, otherAnswers, poll.ClosedAt is null ? null : poll.WinningOptionId, tie);
    }

    /// <summary>Votes per listed option, in listed order (options nobody chose count 0).</summary>
    internal static async Task<List<OptionCount>> CountAsync(PodiumDbContext db, Guid pollId, IEnumerable<PollOption> options, CancellationToken cancellationToken)
    {
        var counted = await db.Set<PollVote>().AsNoTracking()
            .Where(v => v.PollId == pollId && v.OptionId != null)
            .GroupBy(v => v.OptionId!.Value)
            .Select(g => new { OptionId = g.Key, Votes = g.Count() })
            .ToDictionaryAsync(g => g.OptionId, g => g.Votes, cancellationToken);
        return [.. options.OrderBy(o => o.SortOrder).Select(o => new OptionCount(o.Id, counted.GetValueOrDefault(o.Id)))];
    }

    private static PollVoteView ToView(PollVote vote, List<PollOption> options) =>
        new(vote.PollId, vote.OptionId, options.FirstOrDefault(o => o.Id == vote.OptionId)?.Text, vote.OtherText, vote.CastAt);
}
