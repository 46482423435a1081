using System.Buffers;
using System.Globalization;

namespace Podium.Platform.Input;

/// <summary>
/// What text the site accepts, wherever it arrives (form field, query, route value, JSON, CSV): anything but the C0
/// control characters other than tab, line feed and carriage return, and halves of UTF-16 surrogate pairs. NUL is
/// refused by PostgreSQL (so the same input stored on SQLite failed on PostgreSQL), the other controls are invisible,
/// and a lone surrogate cannot be written as UTF-8 at all.
/// </summary>
public static class TextRules
{
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c)]);

    /// <summary>The position of the first character text may not hold, or -1.</summary>
    public static int IndexOfRefused(ReadOnlySpan<char> text)
    {
        var control = text.IndexOfAny(Controls);
        var surrogate = IndexOfLoneSurrogate(text);
        return control < 0 ? surrogate : surrogate < 0 ? control : Math.Min(control, surrogate);
    }

    public static bool IsAcceptable(ReadOnlySpan<char> text) => IndexOfRefused(text) < 0;

    /// <summary>
    /// Why <paramref name="text"/> is refused, naming the character by its code (it is invisible, and echoing it would
    /// carry it into the very page, log line or audit row it must stay out of); null when it is acceptable.
    /// </summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        var at = IndexOfRefused(text);
        if (at < 0)
        {
            return null;
        }

        var code = string.Create(CultureInfo.InvariantCulture, $"U+{(int)text[at]:X4}");
        return char.IsSurrogate(text[at])
            ? $"It contains half of a character ({code}), which is not text."
            : $"It contains the control character {code}: text may hold tabs and line breaks but no other control characters.";
    }

    private static int IndexOfLoneSurrogate(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var found = text[offset..].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (found < 0)
            {
                return -1;
            }

            var at = offset + found;
            if (!char.IsHighSurrogate(text[at]) || at + 1 >= text.Length || !char.IsLowSurrogate(text[at + 1]))
            {
                return at;
            }

            offset = at + 2;
        }
    }
}

/// <summary>
/// The years a date a person types may fall in. Wide enough for any history a club imports and any plan it makes, and
/// narrow enough that converting between zones or adding a day never leaves what <see cref="DateTime"/> can hold
/// (9999-12-31 23:59 in Chicago is past DateTime.MaxValue in UTC).
/// </summary>
public static class DateRules
{
    public const int MinYear = 1900;
    public const int MaxYear = 2200;

    public static string Message { get; } = string.Create(CultureInfo.InvariantCulture, $"Enter a date between the years {MinYear} and {MaxYear}.");

    public static bool IsSane(int year) => year is >= MinYear and <= MaxYear;

    public static bool IsSane(DateOnly date) => IsSane(date.Year);

    public static bool IsSane(DateTime value) => IsSane(value.Year);

    public static bool IsSane(DateTimeOffset value) => IsSane(value.Year);

    /// <summary>False for a date, date-time or offset date-time outside the years; true for anything else.</summary>
    public static bool IsSaneValue(object? value) => value switch
    {
        DateTime d => IsSane(d),
        DateOnly d => IsSane(d),
        DateTimeOffset d => IsSane(d),
        _ => true,
    };

    /// <summary>The date types this rule governs, nullable or not.</summary>
    public static bool Governs(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(DateTimeOffset));
}
