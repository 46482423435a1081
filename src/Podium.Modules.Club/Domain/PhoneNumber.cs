namespace Podium.Modules.Club.Domain;

/// <summary>Phones are free text for people to read and dial, but only the characters a number is written with.</summary>
internal static class PhoneNumber
{
    public const int MaxLength = 32;

    public static bool IsPlausible(string phone) =>
        phone.Length <= MaxLength
        && phone.Count(char.IsAsciiDigit) >= 7
        && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.');
}
