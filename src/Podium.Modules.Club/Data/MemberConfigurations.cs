using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Modules.Club.Data;

internal sealed class ClubProfileConfiguration : IEntityTypeConfiguration<ClubProfile>
{
    public void Configure(EntityTypeBuilder<ClubProfile> builder)
    {
        builder.ToTable("club_profile");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.TimeZone).HasMaxLength(64);
        builder.Property(p => p.SizeRules).HasMaxLength(1000);
    }
}

internal sealed class AnglerConfiguration : IEntityTypeConfiguration<Angler>
{
    public void Configure(EntityTypeBuilder<Angler> builder)
    {
        builder.ToTable("club_anglers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(Angler.MaxNameLength);
        builder.Property(a => a.Email).HasMaxLength(Angler.MaxEmailLength);
        builder.Property(a => a.Phone).HasMaxLength(32);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(a => a.Email).IsUnique();
        builder.HasIndex(a => a.UserId).IsUnique();
        builder.HasIndex(a => a.Name);
    }
}

internal sealed class OfficerPositionConfiguration : IEntityTypeConfiguration<OfficerPosition>
{
    public void Configure(EntityTypeBuilder<OfficerPosition> builder)
    {
        builder.ToTable("club_officer_positions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(OfficerPosition.MaxNameLength);
        builder.HasIndex(p => p.Name).IsUnique();

        // The offices most clubs elect; the club edits the list from there.
        string[] defaults = ["President", "Vice President", "Secretary", "Treasurer", "Tournament Director", "Assistant Tournament Director", "Technology Director"];
        builder.HasData(defaults.Select((name, i) => new OfficerPosition { Id = i + 1, Name = name, SortOrder = (i + 1) * 10 }));
    }
}

internal sealed class OfficerTermConfiguration : IEntityTypeConfiguration<OfficerTerm>
{
    public void Configure(EntityTypeBuilder<OfficerTerm> builder)
    {
        builder.ToTable("club_officer_terms");
        builder.HasKey(t => t.Id);
        builder.HasOne(t => t.Position).WithMany().HasForeignKey(t => t.PositionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Angler).WithMany().HasForeignKey(t => t.AnglerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.Season, t.PositionId, t.AnglerId }).IsUnique();
        builder.HasIndex(t => new { t.AnglerId, t.Season });
    }
}

internal sealed class LakeConfiguration : IEntityTypeConfiguration<Lake>
{
    public void Configure(EntityTypeBuilder<Lake> builder)
    {
        builder.ToTable("club_lakes");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Name).HasMaxLength(Lake.MaxNameLength);
        builder.Property(l => l.Slug).HasMaxLength(Lake.MaxNameLength);
        builder.Property(l => l.Notes).HasMaxLength(2000);
        builder.HasIndex(l => l.Name).IsUnique();
        builder.HasIndex(l => l.Slug).IsUnique();
        builder.HasMany(l => l.Ramps).WithOne(r => r.Lake).HasForeignKey(r => r.LakeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RampConfiguration : IEntityTypeConfiguration<Ramp>
{
    public void Configure(EntityTypeBuilder<Ramp> builder)
    {
        builder.ToTable("club_ramps");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(Lake.MaxNameLength);
        builder.HasIndex(r => new { r.LakeId, r.Name }).IsUnique();
    }
}
