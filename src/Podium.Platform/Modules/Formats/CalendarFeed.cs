using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Platform.Modules.Formats;

/// <summary>One event of an iCalendar feed.</summary>
/// <param name="Id">Never changes: subscribers match updates on it.</param>
/// <param name="Sequence">Grows with every edit, so subscribers replace the event they have instead of adding a copy.</param>
/// <param name="Link">The event's page, relative to the site (<c>/events/42</c>).</param>
/// <param name="AllDay">Whole local days: the feed gives dates, not times.</param>
public sealed record CalendarFeedEvent(
    Guid Id, int Sequence, DateTime UpdatedAt, string Title, string? Location, string? Description, string Link,
    bool Cancelled, DateTime StartsAt, DateTime EndsAt, bool AllDay);

/// <summary>
/// An iCalendar (RFC 5545) subscription feed. Times carry the owner's TZID with its VTIMEZONE, so Google Calendar and
/// Outlook show them right in any zone; each event keeps one UID for life and its SEQUENCE grows with every edit.
/// </summary>
public static class CalendarFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <param name="productId">The feed's PRODID, e.g. <c>-//Podium//Events//EN</c>.</param>
    /// <param name="name">The calendar's name in subscribers' lists.</param>
    /// <param name="baseUrl">The site's absolute address: event links are made absolute with it, and UIDs carry its host.</param>
    public static string Build(
        string productId, string name, LocalZone zone, IReadOnlyList<CalendarFeedEvent> events, string baseUrl, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(events);
        var root = new Uri(baseUrl);
        var feed = new Ical.Net.Calendar { ProductId = productId, Method = "PUBLISH" };
        feed.AddProperty("X-WR-CALNAME", name);
        feed.AddProperty("X-WR-TIMEZONE", zone.Id);
        // Ical.Net builds the zone's rules from this date up to now, and throws when it lies in the future (a feed of
        // only upcoming events): start from whichever is earlier.
        var earliest = events.Count == 0 ? nowUtc : new DateTime(Math.Min(events.Min(e => e.StartsAt).Ticks, nowUtc.Ticks), DateTimeKind.Utc);
        feed.AddTimeZone(zone.Id, zone.ToLocal(earliest).AddDays(-1), includeHistoricalData: false);

        foreach (var entry in events)
        {
            var item = new CalendarEvent
            {
                // The id never changes and the host says whose id it is: clients match updates on this.
                Uid = $"{entry.Id:N}@{root.Host}",
                Sequence = entry.Sequence,
                DtStamp = new CalDateTime(DateTime.SpecifyKind(entry.UpdatedAt == default ? nowUtc : entry.UpdatedAt, DateTimeKind.Utc), "UTC"),
                Summary = entry.Cancelled ? $"Cancelled: {entry.Title}" : entry.Title,
                Location = entry.Location,
                Description = entry.Description,
                Url = new Uri(root, entry.Link),
                Status = entry.Cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
            };
            if (entry.AllDay)
            {
                var (first, last) = zone.Days(entry.StartsAt, entry.EndsAt);
                item.DtStart = new CalDateTime(first);
                item.DtEnd = new CalDateTime(last.AddDays(1));
            }
            else
            {
                item.DtStart = new CalDateTime(zone.ToLocal(entry.StartsAt), zone.Id, hasTime: true);
                item.DtEnd = new CalDateTime(zone.ToLocal(entry.EndsAt), zone.Id, hasTime: true);
            }

            feed.Events.Add(item);
        }

        return new CalendarSerializer(feed).SerializeToString() ?? "";
    }
}
