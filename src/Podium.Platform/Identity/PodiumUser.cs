using Microsoft.AspNetCore.Identity;

namespace Podium.Platform.Identity;

/// <summary>A person with a Podium account. Modules refer to people by <see cref="IdentityUser{TKey}.Id"/> only.</summary>
public sealed class PodiumUser : IdentityUser<Guid>
{
    public const int MaxDisplayNameLength = 100;

    public PodiumUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    /// <summary>How the person is shown to others (never the e-mail address).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>IANA time zone for showing times to this person; null uses the viewer's module default.</summary>
    public string? TimeZone { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// An account for a program, made by an administrator: it has no password and cannot sign in, and acts only
    /// through the API keys administrators give it.
    /// </summary>
    public bool IsServiceAccount { get; set; }

    /// <summary>
    /// A made-up account of demo data (a module's sample members in Development): never shown as a real person (a
    /// "sample" badge wherever its name appears) and it cannot sign in (no password, locked out).
    /// </summary>
    public bool IsSample { get; set; }

    /// <summary>Two letters for the avatar, from the display name.</summary>
    public string Initials => Identity.Initials.From(DisplayName);
}

public sealed class PodiumRole : IdentityRole<Guid>
{
    public PodiumRole()
    {
        Id = Guid.CreateVersion7();
    }

    public PodiumRole(string name)
        : this()
    {
        Name = name;
    }
}

public static class Initials
{
    public static string From(string displayName)
    {
        var words = displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length switch
        {
            0 => "?",
            1 => new string(words[0].EnumerateRunes().Take(2).SelectMany(r => r.ToString()).ToArray()).ToUpperInvariant(),
            _ => string.Concat(words[0].EnumerateRunes().First().ToString(), words[^1].EnumerateRunes().First().ToString()).ToUpperInvariant(),
        };
    }
}
