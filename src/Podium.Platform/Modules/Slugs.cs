using System.Globalization;
using System.Text;

namespace Podium.Platform.Modules;

/// <summary>
/// URL segments made from names (<c>José Aldo Júnior</c> → <c>jose-aldo-junior</c>), and the folding they are made with,
/// which also serves to compare names as people read them (case, accents and punctuation aside).
/// </summary>
public static class Slugs
{
    /// <summary>Long enough for any name; a longer one is cut at a word break.</summary>
    public const int MaxLength = 80;

    /// <summary>
    /// Lower-case ASCII letters and digits with one hyphen between words; empty when the text has none (a name in a
    /// script that does not fold to Latin), so the caller chooses its fallback.
    /// </summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new StringBuilder(text.Length);
        foreach (var c in Fold(text))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().TrimEnd('-');
        if (result.Length <= MaxLength)
        {
            return result;
        }

        // Cut at the last word break that fits, so a long name does not end mid-word. A slug never starts with a
        // hyphen, so cut is never 0: "cut >= 0" is an equivalent mutant of "cut > 0".
        var cut = result.LastIndexOf('-', MaxLength);
        return cut > 0 ? result[..cut] : result[..MaxLength];
    }

    /// <summary>
    /// The slug itself when free, else the first free of <c>slug-2</c>, <c>slug-3</c>…: the first holder of a name keeps
    /// the plain slug, and a slug once given never changes, so links stay good.
    /// </summary>
    public static string Unique(string slug, Func<string, bool> isTaken)
    {
        ArgumentException.ThrowIfNullOrEmpty(slug);
        ArgumentNullException.ThrowIfNull(isTaken);
        var candidate = slug;
        for (var n = 2; isTaken(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    /// <summary>
    /// Lower case with accents taken off (é → e) and the Latin letters Unicode does not decompose spelled out
    /// (ø → o, ł → l, ß → ss), so names typed with and without them compare equal.
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(c switch
            {
                'ø' => "o",
                'ł' => "l",
                'đ' => "d",
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ı' => "i",
                _ => c.ToString(),
            });
        }

        return folded.ToString();
    }
}
