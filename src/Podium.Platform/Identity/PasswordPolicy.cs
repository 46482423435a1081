using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Identity;

/// <summary>
/// OWASP ASVS V6 password rules: long rather than complex (12 characters with a second factor, 15 without, at most
/// 128, any Unicode, no composition rules), not guessable (zxcvbn and its common-password dictionaries), and not
/// built from the account's own e-mail address or name.
/// </summary>
public sealed class PasswordPolicy(IOptions<PodiumIdentityOptions> options) : IPasswordValidator<PodiumUser>
{
    public const int MinimumLengthWithSecondFactor = 12;
    public const int MinimumLengthWithoutSecondFactor = 15;
    public const int MaximumLength = 128;

    public static int MinimumLength(bool hasSecondFactor) =>
        hasSecondFactor ? MinimumLengthWithSecondFactor : MinimumLengthWithoutSecondFactor;

    public Task<IdentityResult> ValidateAsync(UserManager<PodiumUser> manager, PodiumUser user, string? password) =>
        Task.FromResult(Validate(user, password));

    public IdentityResult Validate(PodiumUser user, string? password)
    {
        password ??= "";
        // Length in characters as people count them (a surrogate pair or emoji is one).
        var length = password.EnumerateRunes().Count();
        var minimum = MinimumLength(user.TwoFactorEnabled);
        if (length < minimum)
        {
            return Fail("PasswordTooShort", user.TwoFactorEnabled
                ? $"Use at least {minimum} characters."
                : $"Use at least {minimum} characters (12 once two-factor sign-in is on).");
        }

        if (length > MaximumLength)
        {
            return Fail("PasswordTooLong", $"Use at most {MaximumLength} characters.");
        }

        var personal = PersonalWords(user).ToList();
        if (personal.Any(word => password.Contains(word, StringComparison.OrdinalIgnoreCase)))
        {
            return Fail("PasswordContainsPersonalData", "Don't use your e-mail address or name in your password.");
        }

        var strength = Zxcvbn.Zxcvbn.MatchPassword(password, personal);
        if (strength.Score < options.Value.MinimumPasswordScore)
        {
            return Fail("PasswordTooGuessable",
                "That password is too easy to guess (it is common or follows a simple pattern). A few unrelated words make a strong one.");
        }

        return IdentityResult.Success;
    }

    private static IEnumerable<string> PersonalWords(PodiumUser user)
    {
        if (!string.IsNullOrWhiteSpace(user.Email))
        {
            yield return user.Email;
            var local = user.Email.Split('@')[0];
            if (local.Length >= 3)
            {
                yield return local;
            }
        }

        foreach (var part in user.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Short name parts ("Al", "Jo") occur inside too many good passwords to forbid.
            if (part.Length >= 4)
            {
                yield return part;
            }
        }
    }

    private static IdentityResult Fail(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
