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
/// A member's place on a board, materialised: <see cref="Position"/> is the 1-based place in board order (score, then
/// user id, so two stores agree on the order of a tie) and <see cref="Rank"/> the tie-aware rank (1, 1, 3). Reads
/// look both up by index; batches keep them right (<c>LeaderboardStore</c>).
/// </summary>
internal sealed class LeaderboardEntry
{
    public required string BoardKey { get; init; }

    public Guid UserId { get; init; }

    public required byte[] SortKey { get; set; }

    public long Position { get; set; }

    public long Rank { get; set; }
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
        // Board order: a batch re-ranks a range of scores, and finds the place just before it, by this index.
        builder.HasIndex(e => new { e.BoardKey, e.SortKey, e.UserId });
        // Pages and neighbours: a range of places.
        builder.HasIndex(e => new { e.BoardKey, e.Position });
        // A member leaving everything (account deleted).
        builder.HasIndex(e => e.UserId);
    }
}
