using System.Globalization;

namespace Podium.Modules.Club.Domain;

/// <summary>Weights are stored as integer hundredths of a pound and shown as <c>12.34 lb</c>.</summary>
internal static class Weight
{
    /// <summary>No bag of five bass comes near this; anything heavier is a typing error.</summary>
    public const int MaxHundredths = 100_00;

    public static string Format(int hundredths) => $"{Pounds(hundredths)} lb";

    /// <summary>Without the unit, for inputs and CSV: <c>12.34</c>.</summary>
    public static string Pounds(int hundredths) =>
        (hundredths / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Pounds for JSON, always with two decimals (1234 → 12.34, 720 → 7.20, 0 → 0.00): the same figure on every
    /// endpoint and as a scale reads it, which a plain division (7.2, 0) would not give.
    /// </summary>
    public static decimal ToPounds(int hundredths) => new(Math.Abs(hundredths), 0, 0, hundredths < 0, 2);

    /// <summary>Parses pounds as people type them (<c>12</c>, <c>12.3</c>, <c>12.34</c>); refuses a third decimal and negatives.</summary>
    public static bool TryParsePounds(string? text, out int hundredths)
    {
        hundredths = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.EndsWith("lb", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^2].TrimEnd();
        }

        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pounds))
        {
            return false;
        }

        var scaled = pounds * 100m;
        if (scaled != decimal.Truncate(scaled) || scaled > MaxHundredths)
        {
            return false;
        }

        hundredths = (int)scaled;
        return true;
    }
}

/// <summary>Money is stored as integer cents and shown in dollars.</summary>
internal static class Money
{
    public static string Format(int cents) =>
        (cents / 100m).ToString("$#,##0.00", CultureInfo.InvariantCulture);

    public static bool TryParseDollars(string? text, out int cents)
    {
        cents = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim().TrimStart('$');
        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var dollars))
        {
            return false;
        }

        var scaled = dollars * 100m;
        if (scaled != decimal.Truncate(scaled) || scaled > int.MaxValue / 2)
        {
            return false;
        }

        cents = (int)scaled;
        return true;
    }
}
