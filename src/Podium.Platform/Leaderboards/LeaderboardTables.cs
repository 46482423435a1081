using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Platform.Leaderboards;

/// <summary>A board: its version (one more per committed batch, which the Redis copy is checked against) and size.</summary>
internal sealed class LeaderboardBoard
{
    public required string BoardKey { get; init; }

    public long Version { get; set; }

    public long MemberCount { get; set; }
}

/// <summary>
/// A member on a board: the score as an order-preserving key (<see cref="Leaderboards.SortKey"/>) and the key's
/// <see cref="Bucket"/>. No place or rank is stored: one result moves many members, and a stored place would have to
/// shift for everyone between a member's old and new score. Ranks are counted instead, bounded by a bucket
/// (<c>LeaderboardStore</c>).
/// </summary>
internal sealed class LeaderboardEntry
{
    public required string BoardKey { get; init; }

    public Guid UserId { get; init; }

    public required byte[] SortKey { get; set; }

    /// <summary>A coarse band of the first score component, in board order (<see cref="Leaderboards.SortKey.Bucket"/>).</summary>
    public long Bucket { get; set; }
}

/// <summary>How many members of a board are in one bucket; a batch adds or takes one per member it moves in or out.</summary>
internal sealed class LeaderboardBucket
{
    public required string BoardKey { get; init; }

    public long Bucket { get; init; }

    public long MemberCount { get; set; }
}

internal sealed class LeaderboardBoardConfiguration : IEntityTypeConfiguration<LeaderboardBoard>
{
    public void Configure(EntityTypeBuilder<LeaderboardBoard> builder)
    {
        builder.ToTable("platform_leaderboards");
        builder.HasKey(b => b.BoardKey);
        builder.Property(b => b.BoardKey).HasMaxLength(LeaderboardKeys.MaxLength);
    }
}

internal sealed class LeaderboardEntryConfiguration : IEntityTypeConfiguration<LeaderboardEntry>
{
    public void Configure(EntityTypeBuilder<LeaderboardEntry> builder)
    {
        builder.ToTable("platform_leaderboard_entries");
        builder.HasKey(e => new { e.BoardKey, e.UserId });
        builder.Property(e => e.BoardKey).HasMaxLength(LeaderboardKeys.MaxLength);
        builder.Property(e => e.SortKey).HasMaxLength(LeaderboardFamily.MaxComponents * Leaderboards.SortKey.ComponentBytes);
        // Board order, and the members of a bucket better than a key: the bucket is monotonic in the key, so ordering by
        // (bucket, key, user) is ordering by (key, user), and a rank's count stays inside one bucket.
        builder.HasIndex(e => new { e.BoardKey, e.Bucket, e.SortKey, e.UserId });
        // A member leaving everything (account deleted).
        builder.HasIndex(e => e.UserId);
    }
}

internal sealed class LeaderboardBucketConfiguration : IEntityTypeConfiguration<LeaderboardBucket>
{
    public void Configure(EntityTypeBuilder<LeaderboardBucket> builder)
    {
        builder.ToTable("platform_leaderboard_buckets");
        builder.HasKey(b => new { b.BoardKey, b.Bucket });
        builder.Property(b => b.BoardKey).HasMaxLength(LeaderboardKeys.MaxLength);
    }
}
