using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Podium.Modules.Fights.Model;

namespace Podium.Modules.Fights.Data;

internal sealed class LeagueConfiguration : IEntityTypeConfiguration<League>
{
    public void Configure(EntityTypeBuilder<League> builder)
    {
        builder.ToTable("fights_leagues");

        // The league is Platform's group plus these rules, created in one transaction with it: one row per group. The
        // group's table is Platform's own (no foreign key across), so the row keeps a key of its own given in code.
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasIndex(l => l.GroupId).IsUnique();
        builder.Ignore(l => l.Rules);
        builder.ToTable(t => t.HasCheckConstraint(
            "ck_fights_leagues_rules",
            "winner BETWEEN 0 AND 100 AND underdog_bonus_per_unit BETWEEN 0 AND 100 AND underdog_bonus_cap BETWEEN 0 AND 100 AND method BETWEEN 0 AND 50 AND round BETWEEN 0 AND 50"));
    }
}
