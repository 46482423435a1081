namespace Podium.Platform.Identity;

/// <summary>The platform-wide roles. Module ownership (a club officer, a pool commissioner) is a policy on top.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Organizer = "Organizer";
    public const string Member = "Member";

    public static readonly IReadOnlyList<string> All = [Admin, Organizer, Member];
}

/// <summary>Authorization policy names, declared once; endpoints and pages refer to these constants.</summary>
public static class Policies
{
    /// <summary>Any signed-in person.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Administrators (with a second factor when the configuration requires it).</summary>
    public const string Admin = "admin";

    /// <summary>Organizers and administrators.</summary>
    public const string Organizer = "organizer";
}
