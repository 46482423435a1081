using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Modules.LocalTime;
using Podium.Platform.Input;

namespace Podium.Modules.Club.Features.Polls;

/// <summary>What an officer fills in; times are the club's local wall-clock times.</summary>
internal sealed class PollInput
{
    public const int MaxOptions = 12;

    public PollKind Kind { get; set; } = PollKind.General;

    public string? Title { get; set; }

    public string? Description { get; set; }

    public Guid? TournamentId { get; set; }

    public DateTime? OpensLocal { get; set; }

    public DateTime? ClosesLocal { get; set; }

    public bool AllowOther { get; set; }

    public List<PollOptionInput> Options { get; set; } = [];
}

internal sealed class PollOptionInput
{
    public string? Text { get; set; }

    public int? LakeId { get; set; }

    public int? RampId { get; set; }

    public DateTime? StartsLocal { get; set; }

    public DateTime? EndsLocal { get; set; }

    /// <summary>Rows the form offers but the officer left empty are not options.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && LakeId is null && RampId is null && StartsLocal is null && EndsLocal is null;
}

/// <summary>Officers create, edit (until the first vote) and delete (while nobody voted) polls.</summary>
internal sealed class PollEditor(PodiumDbContext db, ClubSettings settings, IAuditLog audit, IPodiumCache cache, TimeProvider time)
{
    public static readonly CommandProblem NoPoll = CommandProblem.NotFound("Not found", "There is no such poll.");

    /// <summary>Votes are in (or it closed): changing the question now would change what people voted for.</summary>
    private const string LockedTitle = "Poll locked";

    public async Task<CommandResult<Guid>> SaveAsync(Guid? pollId, PollInput input, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Poll? poll = null;
        if (pollId is { } id)
        {
            poll = await db.Set<Poll>().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (poll is null)
            {
                return CommandResult<Guid>.Failed(NoPoll);
            }

            if (await LockedReasonAsync(poll, cancellationToken) is { } reason)
            {
                return CommandResult<Guid>.Conflict(LockedTitle, reason);
            }
        }

        var zone = (await settings.GetAsync(cancellationToken)).Zone;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var options = await ValidateAsync(input, zone, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult<Guid>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var created = poll is null;
        if (poll is null)
        {
            poll = new Poll { CreatedBy = actorId, CreatedAt = now };
            db.Add(poll);
        }
        else
        {
            db.RemoveRange(poll.Options);
            poll.Options.Clear();
        }

        poll.Kind = input.Kind;
        poll.Title = input.Title!.Trim();
        poll.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        poll.TournamentId = input.Kind == PollKind.Location ? input.TournamentId : null;
        poll.OpensAt = zone.ToUtc(input.OpensLocal!.Value);
        poll.ClosesAt = zone.ToUtc(input.ClosesLocal!.Value);

        // A write-in cannot become a tournament's lake and ramp.
        poll.AllowOther = input.Kind == PollKind.General && input.AllowOther;
        for (var i = 0; i < options.Count; i++)
        {
            options[i].SortOrder = i;
            options[i].PollId = poll.Id;
            poll.Options.Add(options[i]);
        }

        await db.SaveChangesInTransactionAsync(
            ct => audit.RecordInTransactionAsync(db, created ? "club.poll-created" : "club.poll-updated", AuditOutcome.Success, actorId, poll.Id.ToString(),
                new { poll.Kind, poll.Title, poll.TournamentId, poll.OpensAt, poll.ClosesAt, options = options.Select(o => o.Text) }, ct),
            cancellationToken);
        await cache.InvalidateTagAsync(ClubCacheTags.Polls, cancellationToken);
        return CommandResult<Guid>.Ok(poll.Id);
    }

    public async Task<CommandResult<Guid>> DeleteAsync(Guid pollId, Guid actorId, CancellationToken cancellationToken)
    {
        var poll = await db.Set<Poll>().FirstOrDefaultAsync(p => p.Id == pollId, cancellationToken);
        if (poll is null)
        {
            return CommandResult<Guid>.Failed(NoPoll);
        }

        if (await db.Set<PollVote>().AnyAsync(v => v.PollId == pollId, cancellationToken))
        {
            return CommandResult<Guid>.Conflict(LockedTitle, "Members have voted in this poll, so it stays on record; close it instead.");
        }

        db.Remove(poll);
        await db.SaveChangesInTransactionAsync(
            ct => audit.RecordInTransactionAsync(db, "club.poll-deleted", AuditOutcome.Success, actorId, pollId.ToString(), new { poll.Title }, ct),
            cancellationToken);
        await cache.InvalidateTagAsync(ClubCacheTags.Polls, cancellationToken);
        return CommandResult<Guid>.Ok(pollId);
    }

    /// <summary>Why a poll can no longer be edited, or null when it can.</summary>
    public async Task<string?> LockedReasonAsync(Poll poll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        if (poll.ClosedAt is not null)
        {
            return "This poll is closed and can no longer be edited.";
        }

        return await db.Set<PollVote>().AnyAsync(v => v.PollId == poll.Id, cancellationToken)
            ? "Members have voted in this poll, so its question and options can no longer be edited."
            : null;
    }

    private async Task<List<PollOption>> ValidateAsync(PollInput input, LocalZone zone, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(input.Kind))
        {
            errors[nameof(PollInput.Kind)] = ["Choose a location poll or a general poll."];
            return [];
        }

        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors[nameof(PollInput.Title)] = ["Give the poll a question, e.g. \"Where should the April tournament be?\""];
        }
        else if (title.Length > Poll.MaxTitleLength)
        {
            errors[nameof(PollInput.Title)] = [$"The question is at most {Poll.MaxTitleLength} characters."];
        }

        if (input.Description?.Trim().Length > 2000)
        {
            errors[nameof(PollInput.Description)] = ["The description is at most 2000 characters."];
        }

        var opens = LocalToUtc(input.OpensLocal, nameof(PollInput.OpensLocal), "when voting opens", zone, errors);
        var closes = LocalToUtc(input.ClosesLocal, nameof(PollInput.ClosesLocal), "when voting closes", zone, errors);
        if (opens is not null && closes is not null && closes <= opens)
        {
            errors[nameof(PollInput.ClosesLocal)] = ["Voting must close after it opens."];
        }
        else if (closes is not null && closes <= time.GetUtcNow().UtcDateTime)
        {
            errors[nameof(PollInput.ClosesLocal)] = ["That closing time has already passed."];
        }

        var rows = input.Options.Select((option, index) => (Option: option, Index: index)).Where(r => !r.Option.IsBlank).ToList();
        if (input.Options.Count > PollInput.MaxOptions * 2 || rows.Count > PollInput.MaxOptions)
        {
            errors[nameof(PollInput.Options)] = [$"A poll has at most {PollInput.MaxOptions} options."];
            return [];
        }

        if (rows.Count < 2)
        {
            errors[nameof(PollInput.Options)] = ["Give at least two options to choose from."];
        }

        return input.Kind == PollKind.Location
            ? await ValidateLocationAsync(input, rows, zone, errors, cancellationToken)
            : ValidateGeneral(rows, errors);
    }

    private static List<PollOption> ValidateGeneral(List<(PollOptionInput Option, int Index)> rows, Dictionary<string, string[]> errors)
    {
        var options = new List<PollOption>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, index) in rows)
        {
            var key = $"Options[{index}].Text";
            var text = row.Text?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                errors[key] = ["Write the option's text (a general poll's options are text)."];
            }
            else if (text.Length > PollOption.MaxTextLength)
            {
                errors[key] = [$"An option is at most {PollOption.MaxTextLength} characters."];
            }
            else if (!seen.Add(text))
            {
                errors[key] = ["This option is listed twice."];
            }
            else
            {
                options.Add(new PollOption { Text = text });
            }
        }

        return options;
    }

    private async Task<List<PollOption>> ValidateLocationAsync(
        PollInput input, List<(PollOptionInput Option, int Index)> rows, LocalZone zone, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (input.TournamentId is not { } tournamentId)
        {
            errors[nameof(PollInput.TournamentId)] = ["Choose the tournament this poll decides."];
        }
        else if (!await db.Set<Tournament>().AnyAsync(t => t.Id == tournamentId && t.Status == TournamentStatus.Scheduled, cancellationToken))
        {
            errors[nameof(PollInput.TournamentId)] = ["Choose a scheduled tournament (not one already fished or cancelled)."];
        }

        var lakeIds = rows.Select(r => r.Option.LakeId).OfType<int>().Distinct().ToList();
        var lakes = await db.Set<Lake>().AsNoTracking().Include(l => l.Ramps).Where(l => lakeIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        var options = new List<PollOption>();
        foreach (var (row, index) in rows)
        {
            var prefix = $"Options[{index}]";
            if (row.LakeId is not { } lakeId || !lakes.TryGetValue(lakeId, out var lake))
            {
                errors[$"{prefix}.LakeId"] = ["Choose a lake for this option."];
                continue;
            }

            var ramp = row.RampId is { } rampId ? lake.Ramps.FirstOrDefault(r => r.Id == rampId) : null;
            if (row.RampId is not null && ramp is null)
            {
                errors[$"{prefix}.RampId"] = [$"That ramp is not on {lake.Name}."];
                continue;
            }

            var starts = LocalToUtc(row.StartsLocal, $"{prefix}.StartsLocal", "the start", zone, errors, required: row.EndsLocal is not null);
            var ends = LocalToUtc(row.EndsLocal, $"{prefix}.EndsLocal", "the end", zone, errors, required: row.StartsLocal is not null);
            if (starts is not null && ends is not null && ends <= starts)
            {
                errors[$"{prefix}.EndsLocal"] = ["The tournament must end after it starts."];
                continue;
            }

            var text = lake.Name + (ramp is null ? "" : $" · {ramp.Name}")
                + (row.StartsLocal is { } s && row.EndsLocal is { } e
                    ? string.Create(CultureInfo.InvariantCulture, $" · {s:ddd MMM d, h:mm tt}–{e:h:mm tt}")
                    : "");
            options.Add(new PollOption { Text = text.Length > PollOption.MaxTextLength ? text[..PollOption.MaxTextLength] : text, LakeId = lake.Id, RampId = ramp?.Id, StartsAt = starts, EndsAt = ends });
        }

        return options;
    }

    /// <summary>A local time in the club's zone to UTC; a time the clocks skip is refused with a message people understand.</summary>
    private static DateTime? LocalToUtc(DateTime? local, string key, string what, LocalZone zone, Dictionary<string, string[]> errors, bool required = true)
    {
        if (local is not { } value)
        {
            if (required)
            {
                errors[key] = [$"Enter {what} (date and time, {zone.Id})."];
            }

            return null;
        }

        if (!DateRules.IsSane(value))
        {
            errors[key] = [DateRules.Message];
            return null;
        }

        if (!zone.TryToUtc(value, out var utc))
        {
            errors[key] = [zone.SkippedTimeMessage(value)];
            return null;
        }

        return utc;
    }
}
