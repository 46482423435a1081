using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Platform.Feeds;

/// <summary>What an administrator set for a source on <c>/admin/feeds</c>; a null column keeps the configured value.</summary>
internal sealed class FeedSourceSetting
{
    public string SourceKey { get; set; } = "";

    public string? BaseUrl { get; set; }

    /// <summary>Data Protection ciphertext under the feeds' own purpose; the key itself is never stored.</summary>
    public string? ProtectedApiKey { get; set; }

    public bool? Enabled { get; set; }

    /// <summary>An interval, <c>00:15:00</c>.</summary>
    public string? Schedule { get; set; }

    /// <summary>UTC. "Update now" was pressed: the next run is due whatever the schedule says.</summary>
    public DateTime? UpdateRequestedAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>How a feed run ended, as stored: <c>running</c> until it ends.</summary>
public static class FeedRunOutcome
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>One import from a source: what the admin page lists and the operator's evidence that a feed works.</summary>
internal sealed class FeedRun
{
    public long Id { get; set; }

    public string SourceKey { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>UTC; null while it runs (or when the process died mid-run).</summary>
    public DateTime? FinishedAt { get; set; }

    public string Outcome { get; set; } = FeedRunOutcome.Running;

    /// <summary>What the data was, when the run got any: from a live source, the last good data, or sample data.</summary>
    public FeedProvenance? Provenance { get; set; }

    public int RecordsRead { get; set; }

    public int RecordsInserted { get; set; }

    public int RecordsUpdated { get; set; }

    public int RecordsRejected { get; set; }

    /// <summary>An integer so it sorts and sums on SQLite too.</summary>
    public long? DurationMilliseconds { get; set; }

    /// <summary>Exception type and message, truncated, secret-looking values masked; never a stack trace.</summary>
    public string? Error { get; set; }
}

/// <summary>The last good data a chain got for one request, served (labelled <c>cached</c>) when every source fails.</summary>
internal sealed class FeedSnapshot
{
    public long Id { get; set; }

    /// <summary>What kind of data (the request's <c>Kind</c>), so two chains' requests never collide.</summary>
    public string Kind { get; set; } = "";

    public string RequestKey { get; set; } = "";

    /// <summary>The source that answered.</summary>
    public string SourceKey { get; set; } = "";

    public FeedProvenance Provenance { get; set; }

    public string Payload { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime FetchedAt { get; set; }
}

internal sealed class FeedSourceSettingConfiguration : IEntityTypeConfiguration<FeedSourceSetting>
{
    public const int MaxBaseUrlLength = 2000;

    public void Configure(EntityTypeBuilder<FeedSourceSetting> builder)
    {
        builder.ToTable("platform_feed_sources");
        builder.HasKey(s => s.SourceKey);
        builder.Property(s => s.SourceKey).HasMaxLength(FeedSourceDefinition.MaxKeyLength);
        builder.Property(s => s.BaseUrl).HasMaxLength(MaxBaseUrlLength);
        builder.Property(s => s.ProtectedApiKey).HasMaxLength(4000);
        builder.Property(s => s.Schedule).HasMaxLength(32);
    }
}

internal sealed class FeedRunConfiguration : IEntityTypeConfiguration<FeedRun>
{
    public const int ErrorLength = 1000;

    public void Configure(EntityTypeBuilder<FeedRun> builder)
    {
        builder.ToTable("platform_feed_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SourceKey).HasMaxLength(FeedSourceDefinition.MaxKeyLength);
        builder.Property(r => r.Outcome).HasMaxLength(16);
        builder.Property(r => r.Provenance).HasConversion(new FeedProvenanceConverter()).HasMaxLength(FeedProvenances.MaxLength);
        builder.Property(r => r.Error).HasMaxLength(ErrorLength);
        builder.HasIndex(r => new { r.SourceKey, r.StartedAt });
        builder.HasIndex(r => r.StartedAt);
    }
}

internal sealed class FeedSnapshotConfiguration : IEntityTypeConfiguration<FeedSnapshot>
{
    public const int KindLength = 100;
    public const int RequestKeyLength = 200;

    public void Configure(EntityTypeBuilder<FeedSnapshot> builder)
    {
        builder.ToTable("platform_feed_snapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Kind).HasMaxLength(KindLength);
        builder.Property(s => s.RequestKey).HasMaxLength(RequestKeyLength);
        builder.Property(s => s.SourceKey).HasMaxLength(FeedSourceDefinition.MaxKeyLength);
        builder.Property(s => s.Provenance).HasFeedProvenanceConversion();
        builder.HasIndex(s => new { s.Kind, s.RequestKey }).IsUnique();
    }
}
