using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Podium.Platform.Caching;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Formats;

namespace Podium.Modules.Club.Features.Calendar;

/// <summary><c>/club/calendar.ics</c>: the club calendar, tournaments and all, as an iCalendar subscription in the club's zone.</summary>
internal static class ClubCalendarFeed
{
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
        return TypedResults.Text(Build(club, entries, links.Absolute("/"), now), CalendarFeed.ContentType);
    }

    private static string Build(ClubSettingsSnapshot club, IReadOnlyList<CalendarEntry> entries, string baseUrl, DateTime nowUtc)
    {
        var zone = club.Zone;
        return CalendarFeed.Build("-//Podium//Club calendar//EN", club.Name, zone, [.. entries.Select(e => new CalendarFeedEvent(
            e.Id, e.Sequence, e.UpdatedAt, e.Title, e.Place, e.Description, e.Link(zone), e.Cancelled, e.StartsAt, e.EndsAt, e.AllDay))], baseUrl, nowUtc);
    }
}
