using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;
using Podium.Platform.Modules.Events;

namespace Podium.Platform.Leaderboards;

/// <summary>
/// The database's rank table, the boards' source of truth: applies batches and reads places by index.
/// </summary>
/// <remarks>
/// How a batch keeps places and ranks right without re-ranking the board: every changed member's old and new scores
/// fall within [lo, hi]. Members scoring better than lo are untouched, so their places stand; members scoring worse
/// than hi keep their order and only move by the number of members added minus removed (one UPDATE of that tail, none
/// when the count is unchanged); only the range [lo, hi] is re-ranked, by one window query, starting from the place of
/// the last member before it. A batch of a few members near each other touches a few rows; one that spans the board
/// (a result that moves most members) re-ranks it, measured in bench/README.md ("Leaderboards").
/// Batches on one board are serialised by the board row, which each takes first (a row lock on PostgreSQL; SQLite has
/// one writer), so two batches never re-rank from the same stale places.
/// </remarks>
internal sealed class LeaderboardStore(PodiumDbContext db, LeaderboardFamilies families, IDomainEvents events)
{
    /// <summary>More changes than this in one event and the Redis copy is rebuilt rather than patched (keeps outbox rows small).</summary>
    public const int MaxChangesPerEvent = 5000;

    public Task ApplyAsync(LeaderboardBatch batch, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            foreach (var (board, changes) in batch.Boards)
            {
                await ApplyToBoardAsync(board, changes, ct);
            }
        }, cancellationToken: cancellationToken);

    private async Task ApplyToBoardAsync(string board, Dictionary<Guid, byte[]?> changes, CancellationToken ct)
    {
        // First, so concurrent batches on this board queue here (the row stays locked until the caller commits).
        var version = (await db.Database.SqlQuery<long>($"""
            INSERT INTO platform_leaderboards (board_key, version, member_count) VALUES ({board}, 1, 0)
            ON CONFLICT (board_key) DO UPDATE SET version = platform_leaderboards.version + 1
            RETURNING version AS "Value"
            """).ToListAsync(ct)).Single();

        var ids = changes.Keys.ToList();
        var existing = await db.Set<LeaderboardEntry>().Where(e => e.BoardKey == board && ids.Contains(e.UserId)).ToDictionaryAsync(e => e.UserId, ct);
        byte[]? lo = null, hi = null;
        void Widen(byte[] key)
        {
            lo = lo is null || SortKey.Compare(key, lo) < 0 ? key : lo;
            hi = hi is null || SortKey.Compare(key, hi) > 0 ? key : hi;
        }

        var delta = 0L;
        var applied = new List<LeaderboardChange>();
        foreach (var (userId, key) in changes)
        {
            var entry = existing.GetValueOrDefault(userId);
            if (entry is not null && key is not null && SortKey.Compare(entry.SortKey, key) == 0)
            {
                continue;
            }

            if (entry is null && key is null)
            {
                continue;
            }

            if (entry is not null)
            {
                Widen(entry.SortKey);
            }

            if (key is not null)
            {
                Widen(key);
            }

            if (entry is null)
            {
                db.Add(new LeaderboardEntry { BoardKey = board, UserId = userId, SortKey = key! });
                delta++;
            }
            else if (key is null)
            {
                db.Remove(entry);
                delta--;
            }
            else
            {
                entry.SortKey = key;
            }

            applied.Add(new LeaderboardChange(userId, key));
        }

        if (lo is not null && hi is not null)
        {
            await db.SaveChangesAsync(ct);
            await RerankAsync(board, lo, hi, delta, ct);
        }

        events.Publish(new LeaderboardChanged(board, version - 1, version, applied.Count <= MaxChangesPerEvent ? applied : null));
        await db.SaveChangesAsync(ct);
        foreach (var entry in db.ChangeTracker.Entries<LeaderboardEntry>().ToList())
        {
            // Their places were rewritten in SQL: a tracked copy would be stale.
            entry.State = EntityState.Detached;
        }
    }

    private async Task RerankAsync(string board, byte[] lo, byte[] hi, long delta, CancellationToken ct)
    {
        if (delta != 0)
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE platform_leaderboard_entries SET "position" = "position" + {delta}, "rank" = "rank" + {delta}
                WHERE board_key = {board} AND sort_key > {hi}
                """, ct);
            await db.Database.ExecuteSqlAsync($"UPDATE platform_leaderboards SET member_count = member_count + {delta} WHERE board_key = {board}", ct);
        }

        var before = (await db.Database.SqlQuery<long>($"""
            SELECT "position" AS "Value" FROM platform_leaderboard_entries
            WHERE board_key = {board} AND sort_key < {lo} ORDER BY sort_key DESC, user_id DESC LIMIT 1
            """).ToListAsync(ct)).SingleOrDefault();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE platform_leaderboard_entries AS e SET "position" = r.pos, "rank" = r.rnk
            FROM (
                SELECT user_id, {before} + row_number() OVER (ORDER BY sort_key, user_id) AS pos, {before} + rank() OVER (ORDER BY sort_key) AS rnk
                FROM platform_leaderboard_entries
                WHERE board_key = {board} AND sort_key >= {lo} AND sort_key <= {hi}
            ) AS r
            WHERE e.board_key = {board} AND e.user_id = r.user_id AND (e."position" <> r.pos OR e."rank" <> r.rnk)
            """, ct);
    }

    /// <summary>Takes the member off every board they are on, in the caller's transaction (account deletion).</summary>
    public async Task RemoveEverywhereAsync(Guid userId, CancellationToken ct)
    {
        var boards = await db.Set<LeaderboardEntry>().Where(e => e.UserId == userId).Select(e => e.BoardKey).ToListAsync(ct);
        var batch = new LeaderboardBatch(families);
        foreach (var board in boards)
        {
            batch.Remove(board, userId);
        }

        if (!batch.IsEmpty)
        {
            await ApplyAsync(batch, ct);
        }
    }

    public async Task<LeaderboardPage> GetPageAsync(string board, int page, int pageSize, CancellationToken ct)
    {
        var family = families.For(board);
        var total = await TotalAsync(board, ct);
        var first = ((long)page - 1) * pageSize + 1;
        var last = first + pageSize - 1;
        var rows = await db.Set<LeaderboardEntry>().AsNoTracking()
            .Where(e => e.BoardKey == board && e.Position >= first && e.Position <= last)
            .OrderBy(e => e.Position)
            .Select(e => new { e.Rank, e.UserId, e.SortKey })
            .ToListAsync(ct);
        return new LeaderboardPage(board, page, pageSize, total, [.. rows.Select(r => new LeaderboardRow(r.Rank, r.UserId, SortKey.Decode(family, r.SortKey)))]);
    }

    public async Task<LeaderboardStanding> GetStandingAsync(string board, Guid userId, int neighbours, CancellationToken ct)
    {
        var family = families.For(board);
        var total = await TotalAsync(board, ct);
        var me = await db.Set<LeaderboardEntry>().AsNoTracking().Where(e => e.BoardKey == board && e.UserId == userId).Select(e => new { e.Position }).FirstOrDefaultAsync(ct);
        if (me is null)
        {
            return new LeaderboardStanding(board, total, null, [], []);
        }

        var rows = await db.Set<LeaderboardEntry>().AsNoTracking()
            .Where(e => e.BoardKey == board && e.Position >= me.Position - neighbours && e.Position <= me.Position + neighbours)
            .OrderBy(e => e.Position)
            .Select(e => new { e.Rank, e.UserId, e.SortKey, e.Position })
            .ToListAsync(ct);
        var mapped = rows.Select(r => (r.Position, Row: new LeaderboardRow(r.Rank, r.UserId, SortKey.Decode(family, r.SortKey)))).ToList();
        return new LeaderboardStanding(
            board,
            total,
            mapped.Single(r => r.Position == me.Position).Row,
            [.. mapped.Where(r => r.Position < me.Position).Select(r => r.Row)],
            [.. mapped.Where(r => r.Position > me.Position).Select(r => r.Row)]);
    }

    /// <summary>The board's committed version and size (0 and 0 for a board nothing was ever put on).</summary>
    public async Task<(long Version, long Total)> VersionAsync(string board, CancellationToken ct)
    {
        var row = await db.Set<LeaderboardBoard>().AsNoTracking().Where(b => b.BoardKey == board).Select(b => new { b.Version, b.MemberCount }).FirstOrDefaultAsync(ct);
        return row is null ? (0, 0) : (row.Version, row.MemberCount);
    }

    private async Task<long> TotalAsync(string board, CancellationToken ct) => (await VersionAsync(board, ct)).Total;
}

/// <summary>A member's new sort key on a board, or null when they left it.</summary>
internal sealed record LeaderboardChange(Guid UserId, byte[]? SortKey);

/// <summary>
/// A batch committed on a board: <see cref="FromVersion"/> → <see cref="ToVersion"/>. <see cref="Changes"/> is null when
/// there were too many to carry (the Redis copy is then rebuilt).
/// </summary>
internal sealed record LeaderboardChanged(string Board, long FromVersion, long ToVersion, IReadOnlyList<LeaderboardChange>? Changes)
{
    public const string Name = "platform.leaderboard-changed";
}
