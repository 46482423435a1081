using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Features.Calendar;

/// <summary>What an officer types for a meeting, holiday or other event: local dates and times as the form sends them.</summary>
internal sealed class EventInput
{
    public EventKind Kind { get; set; } = EventKind.Meeting;

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Location { get; set; }

    public bool AllDay { get; set; }

    /// <summary><c>yyyy-MM-dd</c>, in the club's zone.</summary>
    public string? StartDate { get; set; }

    /// <summary><c>HH:mm</c>; ignored for all-day events.</summary>
    public string? StartTime { get; set; }

    /// <summary>Defaults to the start date.</summary>
    public string? EndDate { get; set; }

    public string? EndTime { get; set; }

    public static EventInput From(ClubEvent e, LocalZone zone)
    {
        var start = zone.ToLocal(e.StartsAt);
        var end = zone.ToLocal(e.EndsAt);
        if (e.AllDay)
        {
            end = end.AddDays(-1);
        }

        return new EventInput
        {
            Kind = e.Kind,
            Title = e.Title,
            Description = e.Description,
            Location = e.Location,
            AllDay = e.AllDay,
            StartDate = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            StartTime = e.AllDay ? null : start.ToString("HH:mm", CultureInfo.InvariantCulture),
            EndDate = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            EndTime = e.AllDay ? null : end.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>
/// Creates, edits and deletes calendar events that are not tournaments (tournaments are edited with their lake and
/// fees). Local times are converted in the club's zone; a time the clocks skip is refused with a reason. Each edit
/// raises the event's iCalendar SEQUENCE, is audited, and drops the cached calendar.
/// </summary>
internal sealed class ClubEventEditor(PodiumDbContext db, ClubSettings settings, IAuditLog audit, IPodiumCache cache, TimeProvider time)
{
    public static readonly EventKind[] EditableKinds = [EventKind.Meeting, EventKind.Holiday, EventKind.Other];

    public async Task<CommandResult<ClubEvent>> SaveAsync(Guid? id, EventInput input, Guid? actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var zone = (await settings.GetAsync(cancellationToken)).Zone;
        var errors = new Dictionary<string, string>();
        var (startsAt, endsAt) = Validate(input, zone, errors);
        if (errors.Count > 0)
        {
            return CommandResult<ClubEvent>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        ClubEvent? e;
        object? before = null;
        if (id is { } existing)
        {
            e = await db.Set<ClubEvent>().FirstOrDefaultAsync(x => x.Id == existing && x.Kind != EventKind.Tournament, cancellationToken);
            if (e is null)
            {
                return CommandResult<ClubEvent>.Invalid("", "That event no longer exists.");
            }

            before = Snapshot(e);
            e.Sequence++;
        }
        else
        {
            e = new ClubEvent { CreatedAt = now };
            db.Add(e);
        }

        e.Kind = input.Kind;
        e.Title = input.Title!.Trim();
        e.Description = Blank(input.Description);
        e.Location = Blank(input.Location);
        e.AllDay = input.AllDay;
        e.StartsAt = startsAt;
        e.EndsAt = endsAt;
        e.UpdatedAt = now;
        await db.SaveChangesInTransactionAsync(
            ct => audit.RecordInTransactionAsync(db, before is null ? "club.event.created" : "club.event.updated", "success", actorId, $"club-event:{e.Id}",
                new { before, after = Snapshot(e) }, ct),
            cancellationToken);
        await cache.InvalidateTagAsync(ClubCacheTags.Calendar, cancellationToken);
        return CommandResult<ClubEvent>.Ok(e);
    }

    public async Task<bool> DeleteAsync(Guid id, Guid? actorId, CancellationToken cancellationToken)
    {
        var e = await db.Set<ClubEvent>().FirstOrDefaultAsync(x => x.Id == id && x.Kind != EventKind.Tournament, cancellationToken);
        if (e is null)
        {
            return false;
        }

        db.Remove(e);
        await db.SaveChangesInTransactionAsync(
            ct => audit.RecordInTransactionAsync(db, "club.event.deleted", "success", actorId, $"club-event:{e.Id}", new { before = Snapshot(e) }, ct),
            cancellationToken);
        await cache.InvalidateTagAsync(ClubCacheTags.Calendar, cancellationToken);
        return true;
    }

    private static (DateTime Start, DateTime End) Validate(EventInput input, LocalZone zone, Dictionary<string, string> errors)
    {
        if (!EditableKinds.Contains(input.Kind))
        {
            errors[nameof(input.Kind)] = "Choose meeting, holiday or other (tournaments are added on the tournaments page).";
        }

        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors[nameof(input.Title)] = "Give the event a title.";
        }
        else if (input.Title.Trim().Length > ClubEvent.MaxTitleLength)
        {
            errors[nameof(input.Title)] = $"Keep the title to {ClubEvent.MaxTitleLength} characters.";
        }

        if (input.Description?.Length > 4000)
        {
            errors[nameof(input.Description)] = "Keep the description to 4,000 characters.";
        }

        if (input.Location?.Trim().Length > 200)
        {
            errors[nameof(input.Location)] = "Keep the place to 200 characters.";
        }

        if (!TryDate(input.StartDate, out var startDate))
        {
            errors[nameof(input.StartDate)] = "Enter the start date, for example 2026-11-01.";
            return default;
        }

        var endDate = startDate;
        if (!string.IsNullOrWhiteSpace(input.EndDate) && !TryDate(input.EndDate, out endDate))
        {
            errors[nameof(input.EndDate)] = "Enter the end date, for example 2026-11-01, or leave it empty for a one-day event.";
            return default;
        }

        if (input.AllDay)
        {
            if (endDate < startDate)
            {
                errors[nameof(input.EndDate)] = "The last day cannot be before the first.";
                return default;
            }

            return (zone.DayBounds(startDate).Start, zone.DayBounds(endDate).End);
        }

        var start = LocalInstant(input.StartTime, startDate, nameof(input.StartTime), "start", zone, errors);
        var end = LocalInstant(input.EndTime, endDate, nameof(input.EndTime), "end", zone, errors);
        if (start is { } s && end is { } e && e <= s)
        {
            errors[nameof(input.EndTime)] = "The event must end after it starts.";
        }

        return (start ?? default, end ?? default);
    }

    private static DateTime? LocalInstant(string? text, DateOnly date, string field, string what, LocalZone zone, Dictionary<string, string> errors)
    {
        if (!TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            errors[field] = $"Enter the {what} time, for example 18:30, or tick \"All day\".";
            return null;
        }

        var local = date.ToDateTime(clock);
        if (!zone.TryToUtc(local, out var utc))
        {
            errors[field] = zone.SkippedTimeMessage(local);
            return null;
        }

        return utc;
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && date.Year is >= 2000 and <= 2100;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static object Snapshot(ClubEvent e) => new { e.Kind, e.Title, e.Location, e.AllDay, e.StartsAt, e.EndsAt, e.Sequence };
}
