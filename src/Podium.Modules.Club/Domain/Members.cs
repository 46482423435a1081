using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Domain;

/// <summary>The club itself: one per Podium server. A missing row means the defaults below.</summary>
internal sealed class ClubProfile
{
    public const int SingletonId = 1;
    public const string DefaultTimeZone = "America/Chicago";
    public const int DefaultFishLimit = 5;

    public static LocalZone DefaultZone { get; } = LocalZone.Find(DefaultTimeZone);

    public int Id { get; set; } = SingletonId;

    public string Name { get; set; } = "Bass Club";

    /// <summary>IANA id; seasons, calendars and poll deadlines are in this zone.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    public int FishLimit { get; set; } = DefaultFishLimit;

    /// <summary>Minimum size rules as the club states them, e.g. "Largemouth 14 in, Kentucky 12 in".</summary>
    public string SizeRules { get; set; } = "";

    /// <summary>Yearly dues in cents; 0 when the club charges none (then every member is in good standing).</summary>
    public int DuesCents { get; set; }

    /// <summary>
    /// Made-up demo data (the Development seeder's club), so pages can say so in as many words: a visitor must never
    /// take the sample anglers and results for a real club's. Settings never clear it; a real club starts empty.
    /// </summary>
    public bool IsSampleData { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal enum MembershipKind
{
    Member,
    Guest,
}

/// <summary>
/// A person who fishes with the club. Linked to a Podium account when one with the same confirmed e-mail exists;
/// results can be entered for anglers who never signed in.
/// </summary>
internal sealed class Angler
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 256;

    /// <summary>The name an erased angler (<see cref="Erase"/>) keeps on results and standings.</summary>
    public const string ErasedName = "Former angler";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid? UserId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lower-case; the key imports and account linking match on.</summary>
    public string Email { get; set; } = "";

    /// <summary>Shown only to members.</summary>
    public string? Phone { get; set; }

    public MembershipKind Kind { get; set; } = MembershipKind.Member;

    public DateOnly? DuesPaidThrough { get; set; }

    /// <summary>Whether club news is e-mailed to them.</summary>
    public bool NewsEmails { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// What deleting the linked account leaves of the angler. The account page promises "what you contributed to
    /// competitions stays, without your name", and a club needs its history to add up: the row stays, so every result,
    /// place, point, team entry, office and poll vote still counts exactly as before, but the name becomes
    /// <see cref="ErasedName"/> and the contact details and the link to the account go. The e-mail is the angler's
    /// unique key, so it becomes a placeholder that can never receive mail nor link to a new account with the old address.
    /// </summary>
    public void Erase()
    {
        Name = ErasedName;
        Email = $"erased-{Id:N}@erased.invalid";
        Phone = null;
        UserId = null;
        NewsEmails = false;
    }

    /// <summary>Members in good standing vote: dues paid through today when the club charges dues.</summary>
    public bool InGoodStanding(DateOnly today, int duesCents) => InGoodStanding(Kind, DuesPaidThrough, today, duesCents);

    /// <summary>The same rule for a copy of the angler's facts (the club viewer caches those, not the entity).</summary>
    public static bool InGoodStanding(MembershipKind kind, DateOnly? duesPaidThrough, DateOnly today, int duesCents) =>
        kind == MembershipKind.Member && (duesCents == 0 || duesPaidThrough >= today);
}

/// <summary>An office the club elects (President, Treasurer, …); the list is the club's to edit.</summary>
internal sealed class OfficerPosition
{
    public const int MaxNameLength = 60;

    public int Id { get; set; }

    public string Name { get; set; } = "";

    public int SortOrder { get; set; }
}

/// <summary>An angler holding an office for one season. Officers manage the club.</summary>
internal sealed class OfficerTerm
{
    public int Id { get; set; }

    public int Season { get; set; }

    public int PositionId { get; set; }

    public OfficerPosition Position { get; set; } = null!;

    public Guid AnglerId { get; set; }

    public Angler Angler { get; set; } = null!;
}
