using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Modules.Club.Data;

internal sealed class ClubEventConfiguration : IEntityTypeConfiguration<ClubEvent>
{
    public void Configure(EntityTypeBuilder<ClubEvent> builder)
    {
        builder.ToTable("club_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Title).HasMaxLength(ClubEvent.MaxTitleLength);
        builder.Property(e => e.Description).HasMaxLength(4000);
        builder.Property(e => e.Location).HasMaxLength(200);
        builder.HasIndex(e => e.StartsAt);
        builder.HasOne(e => e.Tournament).WithOne(t => t.Event).HasForeignKey<Tournament>(t => t.Id).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TournamentConfiguration : IEntityTypeConfiguration<Tournament>
{
    public void Configure(EntityTypeBuilder<Tournament> builder)
    {
        builder.ToTable("club_tournaments");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.PayoutPercents).HasMaxLength(100);
        builder.Property(t => t.ImportId).HasMaxLength(64);
        builder.HasIndex(t => t.ImportId).IsUnique();
        builder.HasIndex(t => new { t.Season, t.Status });
        builder.HasOne(t => t.Lake).WithMany().HasForeignKey(t => t.LakeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Ramp).WithMany().HasForeignKey(t => t.RampId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Results).WithOne(r => r.Tournament).HasForeignKey(r => r.TournamentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.TeamResults).WithOne().HasForeignKey(r => r.TournamentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TournamentResultConfiguration : IEntityTypeConfiguration<TournamentResult>
{
    public void Configure(EntityTypeBuilder<TournamentResult> builder)
    {
        builder.ToTable("club_results");
        builder.HasKey(r => r.Id);
        builder.Ignore(r => r.NetWeight);
        builder.HasIndex(r => new { r.TournamentId, r.AnglerId }).IsUnique();
        builder.HasIndex(r => r.AnglerId);
        builder.HasOne(r => r.Angler).WithMany().HasForeignKey(r => r.AnglerId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_club_results_weights", "fish >= 0 AND total_weight >= 0 AND big_bass >= 0 AND dead_fish_penalty >= 0");
        });
    }
}

internal sealed class TeamResultConfiguration : IEntityTypeConfiguration<TeamResult>
{
    public void Configure(EntityTypeBuilder<TeamResult> builder)
    {
        builder.ToTable("club_team_results");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.TournamentId, r.Angler1Id }).IsUnique();
        builder.HasOne(r => r.Angler1).WithMany().HasForeignKey(r => r.Angler1Id).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Angler2).WithMany().HasForeignKey(r => r.Angler2Id).OnDelete(DeleteBehavior.Restrict);
    }
}
