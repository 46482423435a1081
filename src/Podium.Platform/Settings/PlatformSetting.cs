using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Platform.Settings;

/// <summary>One runtime setting an operator can change without a deploy (site name, feature switches, …).</summary>
internal sealed class PlatformSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }
}

internal sealed class PlatformSettingConfiguration : IEntityTypeConfiguration<PlatformSetting>
{
    public void Configure(EntityTypeBuilder<PlatformSetting> builder)
    {
        builder.ToTable("platform_settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(SettingsStore.MaxKeyLength);
        builder.Property(s => s.Value).HasMaxLength(SettingsStore.MaxValueLength);
    }
}
