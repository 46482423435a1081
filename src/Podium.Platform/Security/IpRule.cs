using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Platform.Security;

/// <summary>Where an IP rule applies.</summary>
public static class IpRuleScopes
{
    /// <summary>Every request except the infrastructure endpoints (<c>/health/*</c>, <c>/metrics</c>).</summary>
    public const string Site = "site";

    /// <summary>The admin pages (<c>/admin</c>) and the admin API (<c>/api/v1/admin</c>), on top of the site's rules.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Site, Admin];
}

/// <summary>What an IP rule does to the addresses it covers.</summary>
public static class IpRuleKinds
{
    /// <summary>Once a scope has one allow rule, only addresses some allow rule of it covers get in.</summary>
    public const string Allow = "allow";

    /// <summary>Covered addresses are refused, whatever any allow rule says.</summary>
    public const string Deny = "deny";

    public static readonly IReadOnlyList<string> All = [Allow, Deny];
}

/// <summary>One administrator-managed allow or deny entry for a range of client addresses.</summary>
internal sealed class IpRule
{
    public long Id { get; set; }

    public string Scope { get; set; } = IpRuleScopes.Site;

    public string Kind { get; set; } = IpRuleKinds.Deny;

    /// <summary>CIDR as <see cref="IpRanges.Format"/> writes it (a single address is a /32 or /128).</summary>
    public string Network { get; set; } = "";

    /// <summary>Why the rule exists, for whoever reads the list next.</summary>
    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedBy { get; set; }
}

internal sealed class IpRuleConfiguration : IEntityTypeConfiguration<IpRule>
{
    public const int NoteLength = 200;

    public void Configure(EntityTypeBuilder<IpRule> builder)
    {
        builder.ToTable("platform_ip_rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Scope).HasMaxLength(16);
        builder.Property(r => r.Kind).HasMaxLength(16);
        // The longest IPv6 text (45 characters with an embedded IPv4 part) plus "/128".
        builder.Property(r => r.Network).HasMaxLength(49);
        builder.Property(r => r.Note).HasMaxLength(NoteLength);
        builder.HasIndex(r => new { r.Scope, r.Kind, r.Network }).IsUnique();
    }
}
