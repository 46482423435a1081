using System.Security.Cryptography;

namespace Podium.Platform.Competitions;

/// <summary>
/// The codes that let someone join a private group. Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L,
/// and no U beside V), shown as two groups of five: read aloud, copied from a phone or typed in lower
/// case, they still match. 30^10 ≈ 2^49 codes, drawn from the system's cryptographic generator, so with the join
/// attempts limited per user, guessing any group's code is out of reach.
/// </summary>
public static class InviteCodes
{
    public const int Length = 10;

    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Generate() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>
    /// The stored form of what someone typed: case, spaces and dashes ignored. Null when it cannot be a code (wrong
    /// length, a character outside the alphabet), so it is refused without a look-up.
    /// </summary>
    public static string? Normalize(string? entered)
    {
        if (entered is null || entered.Length > 4 * Length)
        {
            return null;
        }

        Span<char> code = stackalloc char[Length];
        var count = 0;
        foreach (var c in entered)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (count == Length || !Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            code[count++] = upper;
        }

        return count == Length ? new string(code) : null;
    }

    /// <summary>As people are shown it: <c>ABCDE-FGHJK</c>.</summary>
    public static string Format(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length ? $"{code[..(Length / 2)]}-{code[(Length / 2)..]}" : code;
    }
}
