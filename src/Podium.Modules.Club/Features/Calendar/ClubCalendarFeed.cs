using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Podium.Modules.Club.Domain;
using Podium.Platform.Caching;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Features.Calendar;

/// <summary>
/// <c>/club/calendar.ics</c>: the club calendar as an iCalendar subscription. Times carry the club's TZID with its
/// VTIMEZONE, so Google Calendar and Outlook show them right in any zone; each event keeps one UID for life and its
/// SEQUENCE grows with every edit, so subscribers update the event they have instead of adding a copy.
/// </summary>
internal static class CalendarFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>Subscribers want what is coming; a year of history keeps last season's events in their calendars.</summary>
    private static readonly TimeSpan History = TimeSpan.FromDays(366);

    public static IEndpointRouteBuilder MapClubCalendarFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/club/calendar.ics", GetAsync)
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithMetadata(new OutputCacheAttribute { PolicyName = CachePolicies.PublicPage, Tags = [ClubCacheTags.Results, ClubCacheTags.Calendar] });
        return endpoints;
    }

    private static async Task<ContentHttpResult> GetAsync(
        ClubCalendar calendar, ClubSettings settings, AccountLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        var club = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var entries = await calendar.BetweenAsync(now - History, now.AddYears(5), cancellationToken);
        return TypedResults.Text(Build(club, entries, links.Absolute("/"), now), ContentType);
    }

    public static string Build(ClubSettingsSnapshot club, IReadOnlyList<CalendarEntry> entries, string baseUrl, DateTime nowUtc)
    {
        var zone = club.Zone;
        var root = new Uri(baseUrl);
        var feed = new Ical.Net.Calendar { ProductId = "-//Podium//Club calendar//EN", Method = "PUBLISH" };
        feed.AddProperty("X-WR-CALNAME", club.Name);
        feed.AddProperty("X-WR-TIMEZONE", zone.Id);
        // Ical.Net builds the zone's rules from this date up to now, and throws when it lies in the future (a feed of
        // only upcoming events): start from whichever is earlier.
        var earliest = entries.Count == 0 ? nowUtc : new DateTime(Math.Min(entries.Min(e => e.StartsAt).Ticks, nowUtc.Ticks), DateTimeKind.Utc);
        feed.AddTimeZone(zone.Id, zone.ToLocal(earliest).AddDays(-1), includeHistoricalData: false);

        foreach (var entry in entries)
        {
            var item = new CalendarEvent
            {
                // The id never changes and the host says whose id it is: clients match updates on this.
                Uid = $"{entry.Id:N}@{root.Host}",
                Sequence = entry.Sequence,
                DtStamp = new CalDateTime(DateTime.SpecifyKind(entry.UpdatedAt == default ? nowUtc : entry.UpdatedAt, DateTimeKind.Utc), "UTC"),
                Summary = entry.Cancelled ? $"Cancelled: {entry.Title}" : entry.Title,
                Location = entry.Place,
                Description = entry.Description,
                Url = new Uri(root, entry.Link(zone)),
                Status = entry.Cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
            };
            if (entry.AllDay)
            {
                var (first, last) = entry.LocalDays(zone);
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
