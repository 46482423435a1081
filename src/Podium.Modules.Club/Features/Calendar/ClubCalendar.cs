using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Features.Calendar;

/// <summary>One thing on the club calendar, tournament or not, as pages and the iCalendar feed show it.</summary>
internal sealed record CalendarEntry(
    Guid Id, EventKind Kind, string Title, string? Description, string? Location, DateTime StartsAt, DateTime EndsAt,
    bool AllDay, int Sequence, DateTime UpdatedAt, TournamentStatus? Status, string? Lake, string? Ramp)
{
    public bool IsTournament => Kind == EventKind.Tournament;

    public bool Cancelled => Status == TournamentStatus.Cancelled;

    /// <summary>Where to be: the lake and ramp of a tournament, the free-text place of anything else.</summary>
    public string? Place => IsTournament
        ? Lake is null ? null : Ramp is null ? Lake : $"{Lake}, {Ramp}"
        : Location;

    /// <summary>Tournaments have their own page; other events are anchored in their month of the calendar.</summary>
    public string Link(LocalZone zone) => IsTournament
        ? $"/club/tournaments/{Id}"
        : $"/club/calendar?month={zone.ToLocal(StartsAt):yyyy-MM}#event-{Id:N}";

    /// <summary>Local calendar days the entry covers (the end is exclusive, so an event ending at midnight ends the day before).</summary>
    public (DateOnly First, DateOnly Last) LocalDays(LocalZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.Days(StartsAt, EndsAt);
    }
}

/// <summary>Reads the calendar: every event, tournaments with their lake, ramp and status.</summary>
internal sealed class ClubCalendar(PodiumDbContext db)
{
    /// <summary>Entries overlapping [fromUtc, toUtc), in start order.</summary>
    public Task<List<CalendarEntry>> BetweenAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken) =>
        Project(db.Set<ClubEvent>().AsNoTracking().Where(e => e.EndsAt > fromUtc && e.StartsAt < toUtc))
            .ToListAsync(cancellationToken);

    /// <summary>What is still to come (or going on now), cancelled tournaments left out.</summary>
    public Task<List<CalendarEntry>> UpcomingAsync(DateTime nowUtc, int count, CancellationToken cancellationToken) =>
        Project(db.Set<ClubEvent>().AsNoTracking()
                .Where(e => e.EndsAt > nowUtc && (e.Tournament == null || e.Tournament.Status != TournamentStatus.Cancelled)))
            .Take(count)
            .ToListAsync(cancellationToken);

    private static IQueryable<CalendarEntry> Project(IQueryable<ClubEvent> events) =>
        events
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Title)
            .Select(e => new CalendarEntry(
                e.Id, e.Kind, e.Title, e.Description, e.Location, e.StartsAt, e.EndsAt, e.AllDay, e.Sequence, e.UpdatedAt,
                e.Tournament != null ? e.Tournament.Status : null,
                e.Tournament != null && e.Tournament.Lake != null ? e.Tournament.Lake.Name : null,
                e.Tournament != null && e.Tournament.Ramp != null ? e.Tournament.Ramp.Name : null));
}
