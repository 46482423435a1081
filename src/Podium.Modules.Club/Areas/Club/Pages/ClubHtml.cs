using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Podium.Modules.Club.Domain;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Areas.Club.Pages;

/// <summary>
/// Small pieces of markup the club's pages share. Built as tags rather than partials: a partial ends with the file's
/// newline, which put a stray space before the punctuation after it ("in 4 days 11 hours ,").
/// </summary>
internal static class ClubHtml
{
    /// <summary>An instant as the club reads it, marked up with its UTC value for machines.</summary>
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

    /// <summary>"in 3 days 4 hours" as the server says it now, kept current by js/club-countdown.js (the page loads it).</summary>
    public static IHtmlContent Countdown(DateTime now, DateTime at)
    {
        var span = new TagBuilder("span");
        span.Attributes["data-club-countdown"] = LocalZone.Iso(at);
        span.Attributes["aria-live"] = "off";
        span.InnerHtml.Append(Platform.Modules.LocalTime.Countdown.Until(now, at));
        return span;
    }

    /// <summary>Where a tournament is: "Lake Travis, Pace Bend Park", the lake linked to its page.</summary>
    public static IHtmlContent Place(string lake, string slug, string? ramp)
    {
        var link = new TagBuilder("a");
        link.Attributes["href"] = $"/club/lakes/{Uri.EscapeDataString(slug)}";
        link.InnerHtml.Append(lake);
        return ramp is null ? link : new HtmlContentBuilder().AppendHtml(link).Append($", {ramp}");
    }

    /// <summary>A phone number to read and tap, for members' eyes (callers decide who sees it).</summary>
    public static IHtmlContent Phone(string phone)
    {
        var link = new TagBuilder("a");
        link.Attributes["href"] = PhoneNumber.TelUri(phone);
        link.AddCssClass("text-nowrap");
        link.InnerHtml.Append(PhoneNumber.Display(phone));
        return link;
    }
}
