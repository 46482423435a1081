using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;
using Podium.Platform.Modules.Events;

namespace Podium.Platform.Leaderboards;

/// <summary>
/// The database's copy of the boards, their source of truth: applies batches, and counts ranks by index.
/// </summary>
/// <remarks>
/// Nothing per member depends on other members, so a batch writes only what it changes: each moved member's row, and
/// ±1 on the count of the bucket they leave and the one they enter (<see cref="SortKey.Bucket"/>): O(changed · log N),
/// however far a member moves. A rank is counted when read: 1 + the members of better buckets (a sum over the board's
/// bucket counts, a few thousand small rows at most) + the members of the member's own bucket with a better key (an
/// index range count, bounded by the bucket's size). Neighbours are index reads either side of the member's key; a page
/// walks the bucket counts to the bucket holding its first place and skips inside that bucket only. Measured in
/// bench/README.md ("Leaderboards").
/// Batches on one board are serialised by the board row, which each takes first (a row lock on PostgreSQL; SQLite has
/// one writer), so two batches never count from each other's half-written buckets.
/// </remarks>
internal sealed class LeaderboardStore(PodiumDbContext db, LeaderboardFamilies families, IDomainEvents events)
{
    /// <summary>More changes than this in one event and the Redis copy is rebuilt rather than patched (keeps outbox rows small).</summary>
    public const int MaxChangesPerEvent = 5000;

    /// <summary>Bucket rows per statement: 3 parameters each, well under both providers' parameter limits.</summary>
    private const int BucketsPerStatement = 500;

    /// <summary>Members looked up per statement when a batch loads their current scores.</summary>
    private const int MembersPerLookup = 500;

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
        var family = families.For(board);
        // First, so concurrent batches on this board queue here (the row stays locked until the caller commits).
        var version = (await db.Database.SqlQuery<long>($"""
            INSERT INTO platform_leaderboards (board_key, version, member_count) VALUES ({board}, 1, 0)
            ON CONFLICT (board_key) DO UPDATE SET version = platform_leaderboards.version + 1
            RETURNING version AS "Value"
            """).ToListAsync(ct)).Single();

        var existing = new Dictionary<Guid, LeaderboardEntry>();
        foreach (var ids in changes.Keys.Chunk(MembersPerLookup))
        {
            // Looked up by user id. On SQLite the board term is kept out of index choice (unary +): the board-order index
            // holds every column, and without statistics SQLite scans this board's whole copy of it for an IN list
            // (measured: 0.15 s for two members of a million, 10 s for 10,000) instead of looking each member up.
            var boardTerm = db.Database.IsNpgsql() ? "board_key" : "+board_key";
            var members = string.Join(", ", ids.Select((_, i) => "{" + (i + 1) + "}"));
            var sql = "SELECT * FROM platform_leaderboard_entries WHERE " + boardTerm + " = {0} AND user_id IN (" + members + ")";
            foreach (var entry in await db.Set<LeaderboardEntry>().FromSqlRaw(sql, [board, .. ids.Select(UserParameter)]).ToListAsync(ct))
            {
                existing[entry.UserId] = entry;
            }
        }

        var buckets = new Dictionary<long, long>();
        void Count(long bucket, long by) => buckets[bucket] = buckets.GetValueOrDefault(bucket) + by;

        var delta = 0L;
        var applied = new List<LeaderboardChange>();
        foreach (var (userId, key) in changes)
        {
            var entry = existing.GetValueOrDefault(userId);
            if ((entry is not null && key is not null && SortKey.Compare(entry.SortKey, key) == 0) || (entry is null && key is null))
            {
                continue;
            }

            if (entry is not null)
            {
                Count(entry.Bucket, -1);
            }

            var bucket = key is null ? 0 : SortKey.Bucket(family, key);
            if (key is not null)
            {
                Count(bucket, +1);
            }

            if (entry is null)
            {
                db.Add(new LeaderboardEntry { BoardKey = board, UserId = userId, SortKey = key!, Bucket = bucket });
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
                entry.Bucket = bucket;
            }

            applied.Add(new LeaderboardChange(userId, key));
        }

        await db.SaveChangesAsync(ct);
        await CountAsync(board, [.. buckets.Where(b => b.Value != 0)], ct);
        if (delta != 0)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE platform_leaderboards SET member_count = member_count + {delta} WHERE board_key = {board}", ct);
        }

        events.Publish(new LeaderboardChanged(board, version - 1, version, applied.Count <= MaxChangesPerEvent ? applied : null));
        await db.SaveChangesAsync(ct);
        foreach (var entry in db.ChangeTracker.Entries<LeaderboardEntry>().ToList())
        {
            // The caller's context need not carry a big batch's rows after it.
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>Adds each delta to its bucket's count, in a few statements; buckets left empty go, so sums stay short.</summary>
    private async Task CountAsync(string board, KeyValuePair<long, long>[] deltas, CancellationToken ct)
    {
        foreach (var chunk in deltas.Chunk(BucketsPerStatement))
        {
            var parameters = new List<object> { board };
            var rows = new List<string>(chunk.Length);
            foreach (var (bucket, by) in chunk)
            {
                rows.Add($"({{0}}, {{{parameters.Count}}}, {{{parameters.Count + 1}}})");
                parameters.Add(bucket);
                parameters.Add(by);
            }

            // Only placeholders are spliced in; every value is a parameter.
            var upsert = $"""
                INSERT INTO platform_leaderboard_buckets (board_key, bucket, member_count) VALUES {string.Join(", ", rows)}
                ON CONFLICT (board_key, bucket) DO UPDATE SET member_count = platform_leaderboard_buckets.member_count + excluded.member_count
                """;
            await db.Database.ExecuteSqlRawAsync(upsert, parameters, ct);
        }

        if (deltas.Any(d => d.Value < 0))
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM platform_leaderboard_buckets WHERE board_key = {board} AND member_count = 0", ct);
        }
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
        var offset = ((long)page - 1) * pageSize;
        if (offset >= total)
        {
            return new LeaderboardPage(board, page, pageSize, total, []);
        }

        if (await BucketHoldingAsync(board, offset, ct) is not var (start, before))
        {
            return new LeaderboardPage(board, page, pageSize, total, []);
        }

        var rows = await db.Set<LeaderboardEntry>().FromSql($"""
            SELECT * FROM platform_leaderboard_entries WHERE board_key = {board} AND bucket >= {start}
            ORDER BY bucket, sort_key, user_id LIMIT {pageSize} OFFSET {offset - before}
            """).AsNoTracking().ToListAsync(ct);
        if (rows.Count == 0)
        {
            return new LeaderboardPage(board, page, pageSize, total, []);
        }

        var better = before + await BetterInBucketAsync(board, rows[0].Bucket, rows[0].SortKey, ct);
        return new LeaderboardPage(board, page, pageSize, total, Rows(family, rows, offset, better));
    }

    public async Task<LeaderboardStanding> GetStandingAsync(string board, Guid userId, int neighbours, CancellationToken ct)
    {
        var family = families.For(board);
        var total = await TotalAsync(board, ct);
        var me = await db.Set<LeaderboardEntry>().AsNoTracking().Where(e => e.BoardKey == board && e.UserId == userId).FirstOrDefaultAsync(ct);
        if (me is null)
        {
            return new LeaderboardStanding(board, total, null, [], []);
        }

        var user = UserParameter(userId);
        List<LeaderboardEntry> above = neighbours == 0 ? [] : await db.Set<LeaderboardEntry>().FromSql($"""
            SELECT * FROM platform_leaderboard_entries
            WHERE board_key = {board} AND (bucket, sort_key, user_id) < ({me.Bucket}, {me.SortKey}, {user})
            ORDER BY bucket DESC, sort_key DESC, user_id DESC LIMIT {neighbours}
            """).AsNoTracking().ToListAsync(ct);
        List<LeaderboardEntry> below = neighbours == 0 ? [] : await db.Set<LeaderboardEntry>().FromSql($"""
            SELECT * FROM platform_leaderboard_entries
            WHERE board_key = {board} AND (bucket, sort_key, user_id) > ({me.Bucket}, {me.SortKey}, {user})
            ORDER BY bucket, sort_key, user_id LIMIT {neighbours}
            """).AsNoTracking().ToListAsync(ct);
        above.Reverse();
        var first = above.Count > 0 ? above[0] : me;

        // The first row's place and rank: members of better buckets, then of its bucket before it / with a better key.
        var before = await BetterBucketsAsync(board, first.Bucket, ct);
        var ahead = (await db.Database.SqlQuery<long>($"""
            SELECT COUNT(*) AS "Value" FROM platform_leaderboard_entries
            WHERE board_key = {board} AND bucket = {first.Bucket} AND (sort_key, user_id) < ({first.SortKey}, {UserParameter(first.UserId)})
            """).ToListAsync(ct)).Single();
        var better = await BetterInBucketAsync(board, first.Bucket, first.SortKey, ct);
        var rows = Rows(family, [.. above, me, .. below], before + ahead, before + better);
        return new LeaderboardStanding(board, total, rows[above.Count], [.. rows.Take(above.Count)], [.. rows.Skip(above.Count + 1)]);
    }

    /// <summary>
    /// The bucket holding place <paramref name="offset"/> + 1 (the first whose running total passes the offset) and the
    /// members of the buckets before it; null past the end.
    /// </summary>
    /// <remarks>
    /// PostgreSQL runs the running sum as a window over the bucket index and stops at the first bucket past the offset.
    /// SQLite computes a window over every row before filtering it: a board of a million fills all 16,384 buckets, and
    /// that window was most of a page's cost (page 1 included). So on SQLite the bucket rows are read in order, in chunks
    /// that grow eightfold (64, 512, 4,096, …: at most four statements for 16,384 buckets), and summed here until the
    /// page's bucket: page 1 reads 64 small rows. Each chunk is read to its end: streaming the rows and stopping part-way measured 5× slower.
    /// </remarks>
    private async Task<(long Bucket, long Before)?> BucketHoldingAsync(string board, long offset, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var bucket = (await db.Database.SqlQuery<long>($"""
                SELECT bucket AS "Value" FROM (
                    SELECT bucket, SUM(member_count) OVER (ORDER BY bucket) AS running
                    FROM platform_leaderboard_buckets WHERE board_key = {board}
                ) AS b
                WHERE running > {offset} ORDER BY bucket LIMIT 1
                """).ToListAsync(ct)).Cast<long?>().SingleOrDefault();
            return bucket is { } start ? (start, await BetterBucketsAsync(board, start, ct)) : null;
        }

        var running = 0L;
        var after = long.MinValue;
        for (var chunk = 64; ; chunk *= 8)
        {
            var from = after;
            var rows = await db.Set<LeaderboardBucket>().AsNoTracking().Where(b => b.BoardKey == board && b.Bucket > from).OrderBy(b => b.Bucket)
                .Take(chunk).Select(b => new { b.Bucket, b.MemberCount }).ToListAsync(ct);
            foreach (var row in rows)
            {
                if (running + row.MemberCount > offset)
                {
                    return (row.Bucket, running);
                }

                running += row.MemberCount;
            }

            if (rows.Count < chunk)
            {
                return null;
            }

            after = rows[^1].Bucket;
        }
    }

    /// <summary>A member's rank on a board, or null when they are not on it.</summary>
    public async Task<long?> RankAsync(string board, Guid userId, CancellationToken ct)
    {
        var me = await db.Set<LeaderboardEntry>().AsNoTracking().Where(e => e.BoardKey == board && e.UserId == userId).FirstOrDefaultAsync(ct);
        return me is null ? null : 1 + await BetterBucketsAsync(board, me.Bucket, ct) + await BetterInBucketAsync(board, me.Bucket, me.SortKey, ct);
    }

    /// <summary>The board's committed version and size (0 and 0 for a board nothing was ever put on).</summary>
    public async Task<(long Version, long Total)> VersionAsync(string board, CancellationToken ct)
    {
        var row = await db.Set<LeaderboardBoard>().AsNoTracking().Where(b => b.BoardKey == board).Select(b => new { b.Version, b.MemberCount }).FirstOrDefaultAsync(ct);
        return row is null ? (0, 0) : (row.Version, row.MemberCount);
    }

    private async Task<long> TotalAsync(string board, CancellationToken ct) => (await VersionAsync(board, ct)).Total;

    private Task<long> BetterBucketsAsync(string board, long bucket, CancellationToken ct) =>
        db.Set<LeaderboardBucket>().Where(b => b.BoardKey == board && b.Bucket < bucket).SumAsync(b => b.MemberCount, ct);

    private async Task<long> BetterInBucketAsync(string board, long bucket, byte[] key, CancellationToken ct) =>
        (await db.Database.SqlQuery<long>($"""
            SELECT COUNT(*) AS "Value" FROM platform_leaderboard_entries WHERE board_key = {board} AND bucket = {bucket} AND sort_key < {key}
            """).ToListAsync(ct)).Single();

    /// <summary>
    /// A user id as the column holds it, for raw SQL comparisons: SQLite stores EF Core's upper-case text (which sorts in
    /// RFC byte order, as PostgreSQL's uuid and Redis do), and would bind a bare Guid as a blob.
    /// </summary>
    private object UserParameter(Guid userId) => db.Database.IsNpgsql() ? userId : userId.ToString().ToUpperInvariant();

    /// <summary>Ranks along a run of members in board order, from the first's place (0-based) and count of better keys.</summary>
    private static List<LeaderboardRow> Rows(LeaderboardFamily family, IReadOnlyList<LeaderboardEntry> entries, long firstPlace, long better)
    {
        var rows = new List<LeaderboardRow>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var rank = i == 0 ? better + 1 : SortKey.Compare(entries[i].SortKey, entries[i - 1].SortKey) == 0 ? rows[^1].Rank : firstPlace + i + 1;
            rows.Add(new LeaderboardRow(rank, entries[i].UserId, SortKey.Decode(family, entries[i].SortKey)));
        }

        return rows;
    }
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
