using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Podium.Platform.Modules.LocalTime;

/// <summary>
/// The markup of an instant on a page. Built as tags rather than partials: a partial ends with the file's newline,
/// which put a stray space before the punctuation after it ("in 4 days 11 hours ,").
/// </summary>
public static class TimeHtml
{
    /// <summary>An instant as people in <paramref name="zone"/> read it, marked up with its UTC value for machines.</summary>
    public static IHtmlContent Time(LocalZone zone, DateTime utc, string format)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Time(utc, zone.Format(utc, format));
    }

    /// <summary>An instant with words of the page's own choosing ("Sat, Mar 14 · 6:30 AM–3:00 PM").</summary>
    public static IHtmlContent Time(DateTime utc, string text)
    {
        var time = new TagBuilder("time");
        time.Attributes["datetime"] = LocalZone.Iso(utc);
        time.InnerHtml.Append(text);
        return time;
    }

    /// <summary>
    /// "in 3 days 4 hours" as the server says it now, kept current by js/countdown.js: a page that shows one renders
    /// the <c>_CountdownScript</c> partial in its Scripts section.
    /// </summary>
    public static IHtmlContent Countdown(DateTime nowUtc, DateTime atUtc)
    {
        var span = new TagBuilder("span");
        span.Attributes["data-countdown"] = LocalZone.Iso(atUtc);
        // The words change every minute; a screen reader announcing each change would drown out the page.
        span.Attributes["aria-live"] = "off";
        span.InnerHtml.Append(LocalTime.Countdown.Until(nowUtc, atUtc));
        return span;
    }
}
