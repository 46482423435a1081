using System.Globalization;

namespace Podium.Platform.Modules.LocalTime;

/// <summary>
/// The wall clock of whoever owns the times (a league, an organiser): people enter and read local times ("launch 6:30,
/// weigh-in 3:00"); the database keeps UTC. Conversions are DST-safe: a local time that happens twice (the fall-back
/// hour) means the first one, and a local time that never happens (the spring-forward gap) is refused rather than
/// silently moved.
/// </summary>
public sealed class LocalZone
{
    private LocalZone(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    /// <summary>The IANA id, e.g. <c>America/Chicago</c>.</summary>
    public string Id => Zone.Id;

    /// <exception cref="ArgumentException">Not an IANA zone this machine knows.</exception>
    public static LocalZone Find(string ianaId)
    {
        if (!TryFind(ianaId, out var zone))
        {
            throw new ArgumentException($"'{ianaId}' is not a known IANA time zone (for example America/Chicago).", nameof(ianaId));
        }

        return zone;
    }

    public static bool TryFind(string? ianaId, out LocalZone zone)
    {
        zone = null!;
        if (string.IsNullOrWhiteSpace(ianaId) || !TimeZoneInfo.TryFindSystemTimeZoneById(ianaId.Trim(), out var found))
        {
            return false;
        }

        zone = new LocalZone(found);
        return true;
    }

    /// <summary>Converts a wall-clock time; false when it falls in a spring-forward gap.</summary>
    public bool TryToUtc(DateTime local, out DateTime utc)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            utc = default;
            return false;
        }

        // An ambiguous time has two offsets; the larger one (daylight time) is the earlier instant, the first occurrence.
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);

        // The last hours of year 9999 west of UTC (or the first of year 1 east of it) are no instant DateTime can hold:
        // false rather than an overflow. Callers check DateRules first, so people see that rule's words, not these.
        var ticks = local.Ticks - offset.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            utc = default;
            return false;
        }

        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    /// <exception cref="ArgumentException">The time does not exist on this day in this zone.</exception>
    public DateTime ToUtc(DateTime local) =>
        TryToUtc(local, out var utc) ? utc : throw new ArgumentException(SkippedTimeMessage(local), nameof(local));

    /// <summary>What every form says when <see cref="TryToUtc"/> refuses a time: the same words wherever it is typed.</summary>
    public string SkippedTimeMessage(DateTime local) => string.Create(
        CultureInfo.InvariantCulture,
        $"{local:MMMM d, yyyy h:mm tt} does not exist in {Id}: at the spring forward that night, the clocks jump forward an hour. Pick a later time.");

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>An instant as people here read it: local time, invariant culture (pages are in English whatever the server's).</summary>
    public string Format(DateTime utc, string format) =>
        ToLocal(utc).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// An instant for machines (<c>&lt;time datetime&gt;</c>, scripts, feeds): ISO 8601 in UTC with its "Z". The
    /// round-trip "O" format of a UTC value read back from the database has no zone marker, so readers took it for local time.
    /// </summary>
    public static string Iso(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The local calendar year an instant falls in (New Year's Eve evening in America is already next year in UTC).</summary>
    public int YearOf(DateTime utc) => ToLocal(utc).Year;

    public DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(ToLocal(time.GetUtcNow().UtcDateTime));
    }

    /// <summary>The UTC instants bounding a local calendar day (23 or 25 hours long on DST days).</summary>
    public (DateTime Start, DateTime End) DayBounds(DateOnly day) =>
        (StartOfDay(day), StartOfDay(day.AddDays(1)));

    /// <summary>
    /// The local calendar days [<paramref name="startUtc"/>, <paramref name="endUtc"/>) covers: the end is exclusive,
    /// so something ending at midnight ends the day before, and an empty or backwards span is its first day alone.
    /// </summary>
    public (DateOnly First, DateOnly Last) Days(DateTime startUtc, DateTime endUtc)
    {
        var first = DateOnly.FromDateTime(ToLocal(startUtc));
        // The last day is the one holding the last instant covered, one tick before the end.
        return (first, endUtc > startUtc ? DateOnly.FromDateTime(ToLocal(endUtc.AddTicks(-1))) : first);
    }

    private DateTime StartOfDay(DateOnly day)
    {
        // Midnight itself can be skipped in a few zones; the day then starts at the first instant that exists.
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (!TryToUtc(local, out _))
        {
            local = local.AddMinutes(30);
        }

        return ToUtc(local);
    }
}
