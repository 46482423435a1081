using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Jobs;
using Podium.Platform.Modules.LocalTime;
using Podium.Platform.Modules.Events;

namespace Podium.Modules.Club.Features.Polls;

/// <summary>
/// Closes polls: decides the winner and, for a location poll, moves the tournament there. The scheduled job and an
/// officer's "close now" both come here, so a poll closes the same way whoever closes it, and only once.
/// </summary>
internal sealed class PollCloser(PodiumDbContext db, ClubSettings settings, IPodiumCache cache, IAuditLog audit, IDomainEvents events, TimeProvider time)
{
    public const string ClosedEvent = "closed";

    /// <summary>Closes every poll whose closing time has passed and that is not closed yet; returns how many this call closed.</summary>
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Set<Poll>().AsNoTracking()
            .Where(p => p.ClosedAt == null && p.ClosesAt <= now)
            .OrderBy(p => p.ClosesAt)
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var id in due)
        {
            if (await CloseAsync(id, null, cancellationToken) is not null)
            {
                closed++;
            }
        }

        return closed;
    }

    /// <summary>Closes one poll now (the job, or an officer closing early). Null when it was already closed or does not exist.</summary>
    public async Task<PollWinner?> CloseAsync(Guid pollId, Guid? actorId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var zone = (await settings.GetAsync(cancellationToken)).Zone;
        var closed = await db.InTransactionAsync(async ct =>
        {
            // Exactly once, with two instances, a retried run or an officer clicking while the job runs: the close is
            // claimed by a conditional UPDATE … WHERE closed_at IS NULL. A second closer's UPDATE waits on the first's
            // row lock (PostgreSQL) or write lock (SQLite), then re-checks the condition against the committed row and
            // matches nothing. The claim, the winner's effects and the PollClosed event are one transaction, so a crash in
            // between leaves the poll open for the next run rather than closed without a winner applied or announced.
            var claimed = await db.Set<Poll>()
                .Where(p => p.Id == pollId && p.ClosedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosedAt, now), ct);
            if (claimed == 0)
            {
                return default((PollWinner Winner, TournamentMove? Move)?);
            }

            var poll = await db.Set<Poll>().Include(p => p.Options).FirstAsync(p => p.Id == pollId, ct);
            poll.ClosedAt = now;
            var winner = PollTally.Decide(await ClubPolls.CountAsync(db, pollId, poll.Options, ct));
            poll.WinningOptionId = winner.WinnerId;
            var move = poll is { Kind: PollKind.Location, TournamentId: { } tournamentId } && winner.WinnerId is { } winnerId
                ? await MoveTournamentAsync(tournamentId, poll.Options.Single(o => o.Id == winnerId), zone, now, ct)
                : null;
            events.Publish(new PollClosed(pollId));
            await db.SaveChangesAsync(ct);
            await audit.RecordInTransactionAsync(
                db, "club.poll-closed", AuditOutcome.Success, actorId, pollId.ToString(),
                new { winner = winner.WinnerId, tie = winner.Tie, early = actorId is not null, tournament = move }, ct);
            return (winner, move);
        }, cancellationToken: cancellationToken);
        if (closed is not { } outcome)
        {
            return null;
        }

        var (winner, move) = outcome;
        await cache.InvalidateTagAsync(ClubCacheTags.Polls, cancellationToken);
        if (move is not null)
        {
            await cache.InvalidateTagAsync(ClubCacheTags.Results, cancellationToken);
        }

        return winner;
    }

    private async Task<TournamentMove?> MoveTournamentAsync(Guid tournamentId, PollOption winner, LocalZone zone, DateTime now, CancellationToken cancellationToken)
    {
        var tournament = await db.Set<Tournament>().Include(t => t.Event).FirstOrDefaultAsync(t => t.Id == tournamentId, cancellationToken);

        // A tournament already fished (or called off) keeps where it happened; the poll still records its winner.
        if (tournament is null || tournament.Status is TournamentStatus.Completed or TournamentStatus.Cancelled)
        {
            return null;
        }

        var before = new Placement(tournament.LakeId, tournament.RampId, tournament.Event.StartsAt, tournament.Event.EndsAt);
        tournament.LakeId = winner.LakeId;
        tournament.RampId = winner.RampId;
        if (winner is { StartsAt: { } starts, EndsAt: { } ends })
        {
            tournament.Event.StartsAt = starts;
            tournament.Event.EndsAt = ends;
            tournament.Season = zone.SeasonOf(starts);
        }

        // Calendar clients replace an event only when its SEQUENCE grows.
        tournament.Event.Sequence++;
        tournament.Event.UpdatedAt = now;
        return new TournamentMove(tournamentId, before, new Placement(tournament.LakeId, tournament.RampId, tournament.Event.StartsAt, tournament.Event.EndsAt));
    }

    private sealed record Placement(int? LakeId, int? RampId, DateTime StartsAt, DateTime EndsAt);

    private sealed record TournamentMove(Guid TournamentId, Placement Before, Placement After);
}

/// <summary>Every minute: closes the polls whose time is up (see <see cref="PollCloser"/> for why never twice).</summary>
internal sealed class ClosePollsJob(PodiumJobServices services, PollCloser closer) : PodiumJob(services)
{
    public const string Key = "club-close-polls";

    protected override async Task<long> RunAsync(PodiumJobContext context, CancellationToken cancellationToken) =>
        await closer.CloseDueAsync(cancellationToken);
}
