using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Modules.LocalTime;
using Podium.Platform.Input;

namespace Podium.Modules.Club.Features.Tournaments;

/// <summary>A tournament as an officer types it: local date and times in the club's zone, money in dollars.</summary>
internal sealed class TournamentForm
{
    public string Title { get; set; } = "";

    public DateOnly? Date { get; set; }

    public TimeOnly? StartTime { get; set; } = new(6, 30);

    public TimeOnly? EndTime { get; set; } = new(15, 0);

    public int? LakeId { get; set; }

    public int? RampId { get; set; }

    public string EntryFee { get; set; } = "0.00";

    public string BigBassPot { get; set; } = "0.00";

    public string PayoutPercents { get; set; } = Tournament.DefaultPayoutPercents;

    public int FishLimit { get; set; } = ClubProfile.DefaultFishLimit;

    public bool CountsForAnglerOfTheYear { get; set; } = true;
}

/// <summary>
/// Officers create and edit tournaments here. A tournament is a calendar event with the same id: creating one creates
/// its event, and every edit bumps the event's iCalendar sequence so subscribed calendars replace their copy.
/// </summary>
internal sealed class TournamentEditor(PodiumDbContext db, ClubSettings settings, IAuditLog audit, IPodiumCache cache, TimeProvider time)
{
    public async Task<TournamentForm> NewFormAsync(CancellationToken cancellationToken = default) =>
        new() { FishLimit = (await settings.GetAsync(cancellationToken)).FishLimit };

    public static TournamentForm FormOf(Tournament t, LocalZone zone)
    {
        var start = zone.ToLocal(t.Event.StartsAt);
        var end = zone.ToLocal(t.Event.EndsAt);
        return new TournamentForm
        {
            Title = t.Event.Title,
            Date = DateOnly.FromDateTime(start),
            StartTime = TimeOnly.FromDateTime(start),
            EndTime = TimeOnly.FromDateTime(end),
            LakeId = t.LakeId,
            RampId = t.RampId,
            EntryFee = (t.EntryFeeCents / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            BigBassPot = (t.BigBassPotCents / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            PayoutPercents = t.PayoutPercents,
            FishLimit = t.FishLimit,
            CountsForAnglerOfTheYear = t.CountsForAnglerOfTheYear,
        };
    }

    /// <summary>Creates (<paramref name="id"/> null) or updates a tournament; errors are keyed by <see cref="TournamentForm"/> property.</summary>
    public async Task<CommandResult<Guid>> SaveAsync(Guid? id, TournamentForm form, Guid? actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var zone = (await settings.GetAsync(cancellationToken)).Zone;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var title = form.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors[nameof(form.Title)] = "Give the tournament a name, e.g. “March Madness at Lake Travis”.";
        }
        else if (title.Length > ClubEvent.MaxTitleLength)
        {
            errors[nameof(form.Title)] = $"Keep the name under {ClubEvent.MaxTitleLength} characters.";
        }

        DateTime startUtc = default, endUtc = default;
        if (form.Date is not { } date)
        {
            errors[nameof(form.Date)] = "Pick the tournament's date.";
        }
        else if (!DateRules.IsSane(date))
        {
            errors[nameof(form.Date)] = DateRules.Message;
        }
        else
        {
            if (form.StartTime is not { } startTime)
            {
                errors[nameof(form.StartTime)] = "Enter the launch time.";
            }
            else if (!zone.TryToUtc(date.ToDateTime(startTime), out startUtc))
            {
                errors[nameof(form.StartTime)] = zone.SkippedTimeMessage(date.ToDateTime(startTime));
            }

            if (form.EndTime is not { } endTime)
            {
                errors[nameof(form.EndTime)] = "Enter the weigh-in time.";
            }
            else if (!zone.TryToUtc(date.ToDateTime(endTime), out endUtc))
            {
                errors[nameof(form.EndTime)] = zone.SkippedTimeMessage(date.ToDateTime(endTime));
            }
            else if (form.StartTime is not null && !errors.ContainsKey(nameof(form.StartTime)) && endUtc <= startUtc)
            {
                errors[nameof(form.EndTime)] = "The weigh-in has to be after the launch.";
            }
        }

        if (form.RampId is not null && form.LakeId is null)
        {
            errors[nameof(form.LakeId)] = "Pick the lake of that ramp.";
        }
        else if (form.LakeId is { } lakeId)
        {
            if (!await db.Set<Lake>().AnyAsync(l => l.Id == lakeId, cancellationToken))
            {
                errors[nameof(form.LakeId)] = "That lake is not on the club's list.";
            }
            else if (form.RampId is { } rampId && !await db.Set<Ramp>().AnyAsync(r => r.Id == rampId && r.LakeId == lakeId, cancellationToken))
            {
                errors[nameof(form.RampId)] = "That ramp is not on the chosen lake.";
            }
        }

        if (!Money.TryParseDollars(form.EntryFee, out var entryFee))
        {
            errors[nameof(form.EntryFee)] = "Enter the entry fee in dollars, e.g. 50 or 50.00 (0 for none).";
        }

        if (!Money.TryParseDollars(form.BigBassPot, out var bigBassPot))
        {
            errors[nameof(form.BigBassPot)] = "Enter the big-bass pot per angler in dollars, e.g. 10 (0 for none).";
        }

        if (!Domain.PayoutPercents.TryParse(form.PayoutPercents, out var percents, out var percentError))
        {
            errors[nameof(form.PayoutPercents)] = percentError!;
        }

        if (form.FishLimit is < 1 or > 25)
        {
            errors[nameof(form.FishLimit)] = "The fish limit is between 1 and 25 per angler.";
        }

        Tournament? tournament = null;
        if (id is { } existing)
        {
            tournament = await db.Set<Tournament>().Include(t => t.Event).Include(t => t.Results).FirstOrDefaultAsync(t => t.Id == existing, cancellationToken);
            if (tournament is null && errors.Count == 0)
            {
                return CommandResult<Guid>.NotFound("Tournament not found", "This tournament no longer exists.");
            }

            if (tournament is null)
            {
                errors[""] = "This tournament no longer exists.";
            }
            else if (tournament.Results.Any(r => r.Fish > form.FishLimit) && !errors.ContainsKey(nameof(form.FishLimit)))
            {
                errors[nameof(form.FishLimit)] = $"A bag already weighed has {tournament.Results.Max(r => r.Fish)} fish; the limit can't be lower.";
            }
        }

        if (errors.Count > 0)
        {
            return CommandResult<Guid>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = tournament is null ? null : Describe(tournament);
        if (tournament is null)
        {
            var clubEvent = new ClubEvent { Kind = EventKind.Tournament, CreatedAt = now };
            tournament = new Tournament { Id = clubEvent.Id, Event = clubEvent, Status = TournamentStatus.Scheduled };
            db.Add(tournament);
        }
        else
        {
            tournament.Event.Sequence++;
        }

        tournament.Event.Title = title;
        tournament.Event.StartsAt = startUtc;
        tournament.Event.EndsAt = endUtc;
        tournament.Event.UpdatedAt = now;
        tournament.Season = zone.SeasonOf(startUtc);
        tournament.LakeId = form.LakeId;
        tournament.RampId = form.RampId;
        tournament.EntryFeeCents = entryFee;
        tournament.BigBassPotCents = bigBassPot;
        tournament.PayoutPercents = Domain.PayoutPercents.Format(percents);
        tournament.FishLimit = form.FishLimit;
        tournament.CountsForAnglerOfTheYear = form.CountsForAnglerOfTheYear;
        await SaveAuditedAsync(before is null ? "club.tournament.created" : "club.tournament.updated", tournament.Id, actorId, new { before, after = Describe(tournament) }, cancellationToken);
        return CommandResult<Guid>.Ok(tournament.Id);
    }

    /// <summary>Opening the weigh-in, completing, cancelling: the calendar copy changes too (a cancelled event says so).</summary>
    public async Task<bool> SetStatusAsync(Guid id, TournamentStatus status, Guid? actorId, CancellationToken cancellationToken = default)
    {
        var tournament = await db.Set<Tournament>().Include(t => t.Event).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tournament is null)
        {
            return false;
        }

        await ChangeStatusAsync(tournament, status, actorId, cancellationToken);
        return true;
    }

    /// <summary>
    /// Undoes a cancellation (one tap cancels, so one must undo it). The status it returns to follows from what is
    /// recorded: no bags, scheduled; bags and the day is over, completed; bags on the day itself, weigh-in open.
    /// </summary>
    public async Task<bool> RestoreAsync(Guid id, Guid? actorId, CancellationToken cancellationToken = default)
    {
        var tournament = await db.Set<Tournament>().Include(t => t.Event).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tournament is null)
        {
            return false;
        }

        if (tournament.Status == TournamentStatus.Cancelled)
        {
            var status = !await db.Set<TournamentResult>().AnyAsync(r => r.TournamentId == id, cancellationToken) ? TournamentStatus.Scheduled
                : tournament.Event.EndsAt <= time.GetUtcNow().UtcDateTime ? TournamentStatus.Completed
                : TournamentStatus.InProgress;
            await ChangeStatusAsync(tournament, status, actorId, cancellationToken);
        }

        return true;
    }

    private async Task ChangeStatusAsync(Tournament tournament, TournamentStatus status, Guid? actorId, CancellationToken cancellationToken)
    {
        if (tournament.Status == status)
        {
            return;
        }

        var before = tournament.Status;
        tournament.Status = status;
        tournament.Event.Sequence++;
        tournament.Event.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await SaveAuditedAsync("club.tournament.status", tournament.Id, actorId, new { before = before.ToString(), after = status.ToString() }, cancellationToken);
    }

    /// <summary>Deletes a tournament (and its event) that has no results; one with results can only be cancelled.</summary>
    public async Task<string?> DeleteAsync(Guid id, Guid? actorId, CancellationToken cancellationToken = default)
    {
        var tournament = await db.Set<Tournament>().Include(t => t.Event).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tournament is null)
        {
            return "This tournament no longer exists.";
        }

        if (await db.Set<TournamentResult>().AnyAsync(r => r.TournamentId == id, cancellationToken)
            || await db.Set<TeamResult>().AnyAsync(r => r.TournamentId == id, cancellationToken))
        {
            return "This tournament has results, so it can't be deleted; cancel it instead, or delete its results first.";
        }

        var before = Describe(tournament);
        db.Remove(tournament.Event);
        await SaveAuditedAsync("club.tournament.deleted", id, actorId, new { before, after = (object?)null }, cancellationToken);
        return null;
    }

    /// <summary>Saves the change with its audit row (one transaction), then drops the cached boards.</summary>
    private async Task SaveAuditedAsync(string action, Guid id, Guid? actorId, object details, CancellationToken cancellationToken)
    {
        await db.SaveChangesInTransactionAsync(
            ct => audit.RecordInTransactionAsync(db, action, "success", actorId, $"tournament:{id:N}", details, ct), cancellationToken);
        await cache.InvalidateTagAsync(ClubCacheTags.Results, cancellationToken);
    }

    private static object Describe(Tournament t) => new
    {
        t.Event.Title, t.Event.StartsAt, t.Event.EndsAt, t.Season, t.LakeId, t.RampId, t.EntryFeeCents, t.BigBassPotCents,
        t.PayoutPercents, t.FishLimit, t.CountsForAnglerOfTheYear, Status = t.Status.ToString(),
    };
}
