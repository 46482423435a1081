using System.Globalization;
using Podium.Modules.Club.Features.Calendar;

namespace Podium.Modules.Club.Areas.Club.Pages;

/// <summary>The club calendar: one month as a grid (a list on phones) and what is coming up, in the club's zone.</summary>
internal sealed class CalendarModel(ClubCalendar calendar, ClubSettings settings, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    /// <summary>The first of the month shown.</summary>
    public DateOnly First { get; private set; }

    /// <summary>Weeks of seven days, Sunday first, padded with the neighbouring months' days.</summary>
    public List<DateOnly[]> Weeks { get; } = [];

    public ILookup<DateOnly, CalendarEntry> ByDay { get; private set; } = Enumerable.Empty<CalendarEntry>().ToLookup(e => default(DateOnly));

    public List<CalendarEntry> Upcoming { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        var zone = Club.Zone;
        Today = zone.Today(time);
        First = DateOnly.TryParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year is >= 2000 and <= 2100
            ? month
            : new DateOnly(Today.Year, Today.Month, 1);

        var gridStart = First.AddDays(-(int)First.DayOfWeek);
        var afterMonth = First.AddMonths(1);
        for (var day = gridStart; day < afterMonth; day = day.AddDays(7))
        {
            Weeks.Add(Enumerable.Range(0, 7).Select(day.AddDays).ToArray());
        }

        var gridEnd = Weeks[^1][^1].AddDays(1);
        var entries = await calendar.BetweenAsync(zone.DayBounds(gridStart).Start, zone.DayBounds(gridEnd).Start, cancellationToken);
        ByDay = entries
            .SelectMany(e =>
            {
                var (from, to) = e.LocalDays(zone);
                from = from < gridStart ? gridStart : from;
                to = to >= gridEnd ? gridEnd.AddDays(-1) : to;
                return Enumerable.Range(0, Math.Max(0, to.DayNumber - from.DayNumber + 1)).Select(i => (Day: from.AddDays(i), Entry: e));
            })
            .ToLookup(x => x.Day, x => x.Entry);
        Upcoming = await calendar.UpcomingAsync(time.GetUtcNow().UtcDateTime, 12, cancellationToken);
    }

    public string MonthLink(DateOnly month) => $"/club/calendar?month={month:yyyy-MM}";

    public string When(CalendarEntry entry)
    {
        var zone = Club.Zone;
        var (first, last) = entry.LocalDays(zone);
        if (entry.AllDay)
        {
            return first == last ? Format(first, "dddd, MMMM d, yyyy") : $"{Format(first, "MMMM d")} – {Format(last, "MMMM d, yyyy")}";
        }

        var start = zone.ToLocal(entry.StartsAt);
        var end = zone.ToLocal(entry.EndsAt);
        return first == last
            ? $"{Format(start, "dddd, MMMM d, yyyy · h:mm tt")} – {Format(end, "h:mm tt")}"
            : $"{Format(start, "MMMM d, h:mm tt")} – {Format(end, "MMMM d, yyyy, h:mm tt")}";
    }

    public string Clock(CalendarEntry entry) => entry.AllDay ? "All day" : Format(Club.Zone.ToLocal(entry.StartsAt), "h:mm tt");

    public static string Format(DateOnly day, string format) => day.ToString(format, CultureInfo.InvariantCulture);

    public static string Format(DateTime local, string format) => local.ToString(format, CultureInfo.InvariantCulture);

    public static string KindLabel(EventKind kind) => kind switch
    {
        EventKind.Tournament => "Tournament",
        EventKind.Meeting => "Meeting",
        EventKind.Holiday => "Holiday",
        _ => "Club event",
    };
}
