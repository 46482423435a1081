using System.Globalization;
using System.Text.RegularExpressions;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Features.Catalogue;

/// <summary>Which events a list shows: those still to come (or under way), or those done.</summary>
internal enum EventsWhen
{
    Upcoming,
    Past,
}

/// <summary>Where a fighter, event or bout came from, as every page and API answer says it.</summary>
internal sealed record Origin(string Source, FeedProvenance Provenance)
{
    /// <summary>Bundled made-up data: badged on pages, never passed off as real.</summary>
    public bool Sample => Provenance == FeedProvenance.Sample;
}

/// <summary>The checks and words the catalogue's pages and API share.</summary>
internal static partial class CatalogueText
{
    /// <summary>How long after its start a card still counts as upcoming when the feed has not marked it live or done.</summary>
    public static readonly TimeSpan CardLength = TimeSpan.FromHours(6);

    /// <summary>A slug as <see cref="FightSlugs"/> makes them: lower-case letters and digits with single hyphens between.</summary>
    public static bool IsSlug(string? text) => text is { Length: > 0 and <= Podium.Platform.Modules.Slugs.MaxLength + 8 } && SlugPattern().IsMatch(text);

    /// <summary><c>upcoming</c> (also when absent) or <c>past</c>, any case, as <see cref="ApiEnums"/> reads enum values.</summary>
    public static bool TryParseWhen(string? text, out EventsWhen when)
    {
        if (string.IsNullOrEmpty(text))
        {
            when = EventsWhen.Upcoming;
            return true;
        }

        return ApiEnums.TryParse(text, out when);
    }

    /// <summary>A moneyline as the landing page prints it (+150, −200, EVEN).</summary>
    public static string Moneyline(int line) => Areas.Fights.Pages.IndexModel.Moneyline(line);

    public static string When(DateTime utc) => Areas.Fights.Pages.IndexModel.When(utc);

    public static string StatusText(EventStatus status) => status switch
    {
        EventStatus.Live => "Live now",
        EventStatus.Completed => "Completed",
        EventStatus.Cancelled => "Cancelled",
        _ => "Scheduled",
    };

    public static string CardPlace(int order) => order switch
    {
        1 => "Main event",
        2 => "Co-main event",
        _ => $"Bout {order}",
    };

    public static string Place(string? venue, string? city, string? country) =>
        string.Join(", ", new[] { venue, city, country }.Where(p => !string.IsNullOrWhiteSpace(p)));

    public static string Date(DateTime utc) => utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Percent(double? ratio) => ratio is { } r ? r.ToString("0%", CultureInfo.InvariantCulture) : "–";

    public static string Number(double? value, string format = "0.00") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>Fight time as m:ss (or h:mm:ss past an hour, which no bout reaches).</summary>
    public static string Duration(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(Math.Round(s)).ToString(s >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "–";

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
