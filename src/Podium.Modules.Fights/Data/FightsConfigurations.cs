using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Model;
using Podium.Platform.Feeds;
using Podium.Platform.Identity;
using Podium.Platform.Modules;

namespace Podium.Modules.Fights.Data;

internal sealed class FighterConfiguration : IEntityTypeConfiguration<Fighter>
{
    public void Configure(EntityTypeBuilder<Fighter> builder)
    {
        builder.ToTable("fights_fighters");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Name).HasMaxLength(Fighter.MaxNameLength);
        builder.Property(f => f.Nickname).HasMaxLength(80);
        builder.Property(f => f.Slug).HasMaxLength(Slugs.MaxLength + 8);
        builder.Property(f => f.Country).HasMaxLength(60);
        builder.Property(f => f.WeightClass).HasConversion<string>().HasMaxLength(24);
        builder.Property(f => f.Stance).HasConversion<string>().HasMaxLength(12);
        builder.Property(f => f.Team).HasMaxLength(120);
        builder.Property(f => f.Style).HasMaxLength(60);
        builder.Property(f => f.Source).HasMaxLength(32);
        builder.Property(f => f.Provenance).HasFeedProvenanceConversion();
        builder.Ignore(f => f.FeedRecord);
        builder.HasIndex(f => f.Slug).IsUnique();
        // Lists filter by class and sort by name; duplicate detection looks names up.
        builder.HasIndex(f => new { f.WeightClass, f.Name });
        builder.HasIndex(f => f.Name);
        builder.HasMany(f => f.ExternalIds).WithOne().HasForeignKey(x => x.FighterId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_fights_fighters_record", "wins >= 0 AND losses >= 0 AND draws >= 0 AND no_contests >= 0"));
    }
}

internal sealed class FighterExternalIdConfiguration : IEntityTypeConfiguration<FighterExternalId>
{
    public void Configure(EntityTypeBuilder<FighterExternalId> builder)
    {
        builder.ToTable("fights_fighter_external_ids");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Source).HasMaxLength(32);
        builder.Property(x => x.ExternalId).HasMaxLength(64);
        // One fighter per id at a source: a re-import updates, never duplicates.
        builder.HasIndex(x => new { x.Source, x.ExternalId }).IsUnique();
        builder.HasIndex(x => x.FighterId);
    }
}

internal sealed class FightEventConfiguration : IEntityTypeConfiguration<FightEvent>
{
    public void Configure(EntityTypeBuilder<FightEvent> builder)
    {
        builder.ToTable("fights_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Name).HasMaxLength(FightEvent.MaxNameLength);
        builder.Property(e => e.Slug).HasMaxLength(Slugs.MaxLength + 8);
        builder.Property(e => e.Organisation).HasMaxLength(80);
        builder.Property(e => e.Venue).HasMaxLength(120);
        builder.Property(e => e.City).HasMaxLength(80);
        builder.Property(e => e.Country).HasMaxLength(60);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(e => e.Source).HasMaxLength(32);
        builder.Property(e => e.ExternalId).HasMaxLength(64);
        builder.Property(e => e.Provenance).HasFeedProvenanceConversion();
        builder.HasIndex(e => e.Slug).IsUnique();
        builder.HasIndex(e => e.StartsAt);
        builder.HasIndex(e => new { e.Source, e.ExternalId }).IsUnique();
        builder.HasMany(e => e.Bouts).WithOne(b => b.Event).HasForeignKey(b => b.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BoutConfiguration : IEntityTypeConfiguration<Bout>
{
    public void Configure(EntityTypeBuilder<Bout> builder)
    {
        builder.ToTable("fights_bouts");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.WeightClass).HasConversion<string>().HasMaxLength(24);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(b => b.Outcome).HasConversion<string>().HasMaxLength(12);
        builder.Property(b => b.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.Source).HasMaxLength(32);
        builder.Property(b => b.ExternalId).HasMaxLength(64);
        builder.Property(b => b.Provenance).HasFeedProvenanceConversion();
        builder.Ignore(b => b.Lock);
        builder.Ignore(b => b.Result);
        builder.HasIndex(b => new { b.EventId, b.Order }).IsUnique();
        // A fighter's history reads their bouts from either corner.
        builder.HasIndex(b => b.FighterAId);
        builder.HasIndex(b => b.FighterBId);
        builder.HasIndex(b => new { b.Source, b.ExternalId }).IsUnique();
        builder.HasOne(b => b.FighterA).WithMany().HasForeignKey(b => b.FighterAId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(b => b.FighterB).WithMany().HasForeignKey(b => b.FighterBId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(b => b.Odds).WithOne().HasForeignKey(o => o.BoutId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_fights_bouts_fighters", "fighter_a_id <> fighter_b_id");
            t.HasCheckConstraint("ck_fights_bouts_rounds", "scheduled_rounds BETWEEN 1 AND 5 AND (round IS NULL OR round BETWEEN 1 AND scheduled_rounds)");
        });
    }
}

internal sealed class OddsLineConfiguration : IEntityTypeConfiguration<OddsLine>
{
    public void Configure(EntityTypeBuilder<OddsLine> builder)
    {
        builder.ToTable("fights_odds");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Source).HasMaxLength(32);
        builder.Property(o => o.Provenance).HasFeedProvenanceConversion();
        // The trend chart and the closing line both read a bout's snapshots in time order.
        builder.HasIndex(o => new { o.BoutId, o.TakenAt });
    }
}

internal sealed class FavouriteConfiguration : IEntityTypeConfiguration<Favourite>
{
    public void Configure(EntityTypeBuilder<Favourite> builder)
    {
        builder.ToTable("fights_favourites");
        builder.HasKey(f => new { f.UserId, f.FighterId });
        builder.HasIndex(f => f.FighterId);
        // A deleted account takes its follows with it; a merged-away fighter's follows are moved first by the merge.
        builder.HasOne<PodiumUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Fighter>().WithMany().HasForeignKey(f => f.FighterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BoutPredictionConfiguration : IEntityTypeConfiguration<BoutPrediction>
{
    public void Configure(EntityTypeBuilder<BoutPrediction> builder)
    {
        builder.ToTable("fights_predictions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Winner).HasConversion<string>().HasMaxLength(1);
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
        // One pick per user per bout: an edit updates it, and concurrent first picks cannot both insert.
        builder.HasIndex(p => new { p.BoutId, p.UserId }).IsUnique();
        builder.HasIndex(p => new { p.UserId, p.CreatedAt });
        builder.HasOne<PodiumUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Bout>().WithMany().HasForeignKey(p => p.BoutId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_fights_predictions_round", "round IS NULL OR round BETWEEN 1 AND 5"));
    }
}

internal sealed class QuarantinedRecordConfiguration : IEntityTypeConfiguration<QuarantinedRecord>
{
    public void Configure(EntityTypeBuilder<QuarantinedRecord> builder)
    {
        builder.ToTable("fights_quarantine");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Source).HasMaxLength(32);
        builder.Property(q => q.Kind).HasMaxLength(QuarantinedRecord.MaxKindLength);
        builder.Property(q => q.ExternalId).HasMaxLength(64);
        builder.Property(q => q.Issues).HasMaxLength(QuarantinedRecord.MaxIssuesLength);
        // One row per record: a re-import counts it again.
        builder.HasIndex(q => new { q.Source, q.Kind, q.ExternalId }).IsUnique();
        builder.HasIndex(q => q.LastSeenAt);
    }
}
