using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Platform.Competitions;

/// <summary>A member's standing in a private group. More than one owner is allowed (co-owners of a pool).</summary>
public enum GroupRole
{
    Member = 0,
    Owner = 1,
}

/// <summary>A private group of members (a league, a pool): only its members see who is in it.</summary>
internal sealed class CompetitionGroup
{
    public const int KindMaxLength = 64;
    public const int NameMaxLength = 80;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Namespaced by the module that owns it (<c>test.league</c>): one module never lists another's groups.</summary>
    public string Kind { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Who created it (the first owner); ownership itself is the members' <see cref="GroupRole"/>.</summary>
    public Guid CreatedBy { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Stored as shown without its dash, upper case: entry is normalised to it, so the look-up is one index seek.</summary>
    public string InviteCode { get; set; } = "";

    /// <summary>At most the kind's cap; an owner may set fewer (a pool's maximum entries).</summary>
    public int MaxMembers { get; set; }

    /// <summary>Kept with each join and leave, under the group's row lock, so the cap holds under concurrent joins.</summary>
    public int MemberCount { get; set; }
}

internal sealed class CompetitionGroupMember
{
    public Guid GroupId { get; set; }

    public Guid UserId { get; set; }

    public GroupRole Role { get; set; }

    /// <summary>UTC.</summary>
    public DateTime JoinedAt { get; set; }
}

internal sealed class CompetitionGroupConfiguration : IEntityTypeConfiguration<CompetitionGroup>
{
    public void Configure(EntityTypeBuilder<CompetitionGroup> builder)
    {
        builder.ToTable("platform_competition_groups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Kind).HasMaxLength(CompetitionGroup.KindMaxLength);
        builder.Property(g => g.Name).HasMaxLength(CompetitionGroup.NameMaxLength);
        builder.Property(g => g.InviteCode).HasMaxLength(InviteCodes.Length);
        builder.HasIndex(g => g.InviteCode).IsUnique();
    }
}

internal sealed class CompetitionGroupMemberConfiguration : IEntityTypeConfiguration<CompetitionGroupMember>
{
    public void Configure(EntityTypeBuilder<CompetitionGroupMember> builder)
    {
        builder.ToTable("platform_competition_group_members");

        // The key is what makes joining twice one membership, whichever instance each join ran on.
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.HasOne<CompetitionGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);

        // "My groups" reads a member's rows without scanning every group.
        builder.HasIndex(m => m.UserId);

        // A group's members page, in the order they joined.
        builder.HasIndex(m => new { m.GroupId, m.JoinedAt });
    }
}
