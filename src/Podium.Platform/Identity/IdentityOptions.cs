using System.ComponentModel.DataAnnotations;

namespace Podium.Platform.Identity;

public sealed class PodiumIdentityOptions
{
    public const string SectionName = "Podium:Identity";

    /// <summary>The OWASP figure for PBKDF2-HMAC-SHA512; Production refuses to start below it.</summary>
    public const int OwaspPbkdf2Sha512Iterations = 210_000;

    /// <summary>PBKDF2-HMAC-SHA512 iterations. Older hashes are upgraded at the next successful sign-in.</summary>
    [Range(1_000, 10_000_000)]
    public int PasswordHashIterations { get; set; } = OwaspPbkdf2Sha512Iterations;

    /// <summary>zxcvbn score (0–4) a new password must reach.</summary>
    [Range(0, 4)]
    public int MinimumPasswordScore { get; set; } = 3;

    /// <summary>Admins must have a second factor before the admin policy lets them in.</summary>
    public bool RequireTwoFactorForAdmins { get; set; } = true;
}
