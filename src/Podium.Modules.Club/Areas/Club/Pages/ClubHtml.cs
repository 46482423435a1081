using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Podium.Modules.Club.Areas.Club.Pages;

/// <summary>
/// Small pieces of markup the club's pages share (times and countdowns are Platform's <c>TimeHtml</c>). Built as tags
/// rather than partials: a partial ends with the file's newline, which put a stray space before the punctuation after it.
/// </summary>
internal static class ClubHtml
{
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
