using System.Globalization;
using System.Text;
using Podium.Modules.Fights.Domain;
using Podium.Platform.Api;
using Podium.Platform.Modules;

namespace Podium.Modules.Fights.Features.Search;

/// <summary>Retired or still fighting; null in a query means either.</summary>
internal enum FighterStatus
{
    Active,
    Retired,
}

/// <summary>
/// A fighter search as the page's form and the API both send it (the same parameter names), checked once here so the
/// page shows the same complaint the API returns as a 400. Text is folded as slugs are (lower case, accents off) and
/// cut into words of letters and digits, so punctuation and quotes never reach the full-text syntax of either database.
/// </summary>
internal sealed record FighterSearchQuery(
    IReadOnlyList<string> Words,
    WeightClass? WeightClass,
    Stance? Stance,
    string? Style,
    string? Country,
    FighterStatus? Status,
    int? MinWins,
    int? MaxWins,
    int? MinLosses,
    int? MaxLosses)
{
    public const int MaxQueryLength = 100;
    public const int MaxRecord = 1000;

    /// <summary>More words than any name has: the rest of a pasted paragraph would only slow the query.</summary>
    public const int MaxWords = 8;

    public bool HasText => Words.Count > 0;

    /// <summary>The folded words joined by single spaces: how the index folds a name, to compare whole names.</summary>
    public string Text => string.Join(' ', Words);

    /// <summary>What the raw parameters say, or the field errors to show (keyed by parameter name).</summary>
    public static bool TryParse(FighterSearchParameters raw, bool textRequired, out FighterSearchQuery query, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var words = Array.Empty<string>();
        var text = raw.Q?.Trim() ?? "";
        if (text.Length > MaxQueryLength)
        {
            errors["q"] = [$"The search text is at most {MaxQueryLength} characters."];
        }
        else if (text.Length == 0)
        {
            if (textRequired)
            {
                errors["q"] = ["Type the first letters of a name or nickname."];
            }
        }
        else
        {
            words = WordsOf(text);
            if (words.Length == 0)
            {
                errors["q"] = ["Search with letters or digits."];
            }
        }

        var weightClass = ParseChoice<WeightClass>(raw.WeightClass, "weightClass", "weight class", errors);
        var stance = ParseChoice<Stance>(raw.Stance, "stance", "stance", errors);
        var status = ParseChoice<FighterStatus>(raw.Status, "status", "status", errors);
        var style = Optional(raw.Style, "style", 60, errors);
        var country = Optional(raw.Country, "country", 60, errors);
        var minWins = Count(raw.MinWins, "minWins", errors);
        var maxWins = Count(raw.MaxWins, "maxWins", errors);
        var minLosses = Count(raw.MinLosses, "minLosses", errors);
        var maxLosses = Count(raw.MaxLosses, "maxLosses", errors);
        if (minWins > maxWins)
        {
            errors["maxWins"] = ["The most wins is below the fewest."];
        }

        if (minLosses > maxLosses)
        {
            errors["maxLosses"] = ["The most losses is below the fewest."];
        }

        query = new FighterSearchQuery(words.Take(MaxWords).ToArray(), weightClass, stance, style, country, status, minWins, maxWins, minLosses, maxLosses);
        return errors.Count == 0;
    }

    /// <summary>Lower case, accents off (Platform's <see cref="Slugs.Fold"/>), split at anything not a letter or digit.</summary>
    public static string[] WordsOf(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in Slugs.Fold(text))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }

    /// <summary>
    /// An enum's value as the API writes it (<c>lightHeavyweight</c>, any case; <see cref="ApiEnums"/>), so the page's
    /// links and the API take the same words; never its number, so "3" is unknown rather than a class.
    /// </summary>
    public static T? ParseChoice<T>(string? value, string field, string what, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (ApiEnums.TryParse<T>(value.Trim(), out var parsed))
        {
            return parsed;
        }

        errors[field] = [$"Unknown {what} \"{Shorten(value)}\". Choose one of: {ApiEnums.Choices<T>()}."];
        return null;
    }

    private static string? Optional(string? value, string field, int maxLength, Dictionary<string, string[]> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors[field] = [$"At most {maxLength} characters."];
            return null;
        }

        return trimmed;
    }

    private static int? Count(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= MaxRecord)
        {
            return n;
        }

        errors[field] = [$"A whole number from 0 to {MaxRecord}."];
        return null;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

/// <summary>The search's parameters as sent (text), so a bad number is a field error of ours rather than a binding failure.</summary>
internal sealed record FighterSearchParameters(
    string? Q = null,
    string? WeightClass = null,
    string? Stance = null,
    string? Style = null,
    string? Country = null,
    string? Status = null,
    string? MinWins = null,
    string? MaxWins = null,
    string? MinLosses = null,
    string? MaxLosses = null);
