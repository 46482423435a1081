namespace Podium.Modules.Club.Domain;

/// <summary>
/// Phones are free text for people to read and dial, but only the characters a number is written with. They are kept
/// as typed; the club is in the US, so a US number is shown the one way people there write it and dialled with +1 (a
/// tel: link without a country code fails on phones abroad or on some VoIP apps). Anything else stays as typed.
/// </summary>
internal static class PhoneNumber
{
    public const int MaxLength = 32;

    public static bool IsPlausible(string phone) =>
        phone.Length <= MaxLength
        && phone.Count(char.IsAsciiDigit) >= 7
        && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.');

    /// <summary>"5125550142", "512-555-0142" or "+1 512 555 0142" as "(512) 555-0142"; other numbers as typed.</summary>
    public static string Display(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return UsDigits(phone) is { } us ? $"({us[..3]}) {us[3..6]}-{us[6..]}" : phone.Trim();
    }

    /// <summary>The number to dial from a link: tel:+15125550142 for a US number; otherwise its digits (and its + if typed).</summary>
    public static string TelUri(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        if (UsDigits(phone) is { } us)
        {
            return $"tel:+1{us}";
        }

        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return phone.TrimStart().StartsWith('+') ? $"tel:+{digits}" : $"tel:{digits}";
    }

    /// <summary>
    /// The ten digits of a North American number: 10 digits, or 11 starting with the country code 1 (with a + only
    /// before that 1). Area code and exchange never start with 0 or 1, which keeps, say, a UK "07700 900123" as typed.
    /// </summary>
    private static string? UsDigits(string phone)
    {
        var trimmed = phone.Trim();
        if (!IsPlausible(trimmed) || trimmed.LastIndexOf('+') > 0)
        {
            return null;
        }

        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);
        if (trimmed.StartsWith('+') || digits.Length == 11)
        {
            if (digits.Length != 11 || digits[0] != '1')
            {
                return null;
            }

            digits = digits[1..];
        }

        return digits.Length == 10 && digits[0] is >= '2' and <= '9' && digits[3] is >= '2' and <= '9' ? digits : null;
    }
}
