using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Podium.Platform.Data;

namespace Podium.Platform.Leaderboards;

/// <summary>
/// Fills a board with made-up members in bulk, for benchmarks and load tests (<c>podium leaderboard seed</c>): a
/// million members in well under a minute, where a million batches would take hours. Replaces what the board held.
/// </summary>
/// <remarks>
/// Buckets and their counts are computed here, in memory, and written with the rows (PostgreSQL: binary COPY; SQLite:
/// one prepared INSERT in one transaction), so the board is ready to read at once. The Redis copy, if any, is
/// left to rebuild on first read (or <c>podium leaderboard rebuild</c>).
/// </remarks>
internal sealed class LeaderboardSeeder(PodiumDbContext db, LeaderboardFamilies families)
{
    public async Task<TimeSpan> SeedAsync(string board, int members, int randomSeed, CancellationToken cancellationToken)
    {
        var family = families.For(board);
        ArgumentOutOfRangeException.ThrowIfNegative(members);
        var started = Stopwatch.GetTimestamp();
        var random = new Random(randomSeed);
        var rows = new (byte[] Key, Guid User, long Bucket)[members];
        var buckets = new SortedDictionary<long, long>();
        for (var i = 0; i < members; i++)
        {
            var user = RandomGuid(random);
            var key = SortKey.Encode(family, [.. family.Components.Select(c => RandomValue(c, random))]);
            var bucket = SortKey.Bucket(family, key);
            buckets[bucket] = buckets.GetValueOrDefault(bucket) + 1;
            rows[i] = (key, user, bucket);
        }

        // Board order (the key, then the user id in RFC byte order, as both databases and Redis order them), which
        // inserts the index in order.
        Array.Sort(rows, (a, b) => SortKey.Compare(a.Key, b.Key) is var byKey and not 0 ? byKey : a.User.CompareTo(b.User));
        await db.InTransactionAsync(async ct =>
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM platform_leaderboard_entries WHERE board_key = {board}", ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM platform_leaderboard_buckets WHERE board_key = {board}", ct);
            foreach (var (bucket, count) in buckets)
            {
                await db.Database.ExecuteSqlAsync($"INSERT INTO platform_leaderboard_buckets (board_key, bucket, member_count) VALUES ({board}, {bucket}, {count})", ct);
            }

            // A new version, so a Redis copy of what the board held before is never served again.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO platform_leaderboards (board_key, version, member_count) VALUES ({board}, 1, {(long)members})
                ON CONFLICT (board_key) DO UPDATE SET version = platform_leaderboards.version + 1, member_count = excluded.member_count
                """, ct);
            var connection = db.Database.GetDbConnection();
            if (connection is NpgsqlConnection npgsql)
            {
                await CopyAsync(npgsql, board, rows, ct);
            }
            else
            {
                await InsertAsync((SqliteConnection)connection, db.Database.CurrentTransaction!.GetDbTransaction(), board, rows, ct);
            }
        }, cancellationToken: cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // Rows just copied in are not yet marked all-visible, so every rank count would visit the table for each row it
            // counts until autovacuum came by; a load test should measure the board as it runs, not as it was loaded.
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) platform_leaderboard_entries, platform_leaderboard_buckets", cancellationToken);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string board, (byte[] Key, Guid User, long Bucket)[] rows, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY platform_leaderboard_entries (board_key, user_id, sort_key, bucket) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < rows.Length; i++)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(board, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(rows[i].User, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(rows[i].Key, NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(rows[i].Bucket, NpgsqlDbType.Bigint, ct);
        }

        await copy.CompleteAsync(ct);
    }

    private static async Task InsertAsync(SqliteConnection connection, DbTransaction transaction, string board, (byte[] Key, Guid User, long Bucket)[] rows, CancellationToken ct)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = (SqliteTransaction)transaction;
        insert.CommandText = "INSERT INTO platform_leaderboard_entries (board_key, user_id, sort_key, bucket) VALUES ($b, $u, $k, $g)";
        var (b, u, k, g) = (insert.Parameters.Add("$b", SqliteType.Text), insert.Parameters.Add("$u", SqliteType.Text),
            insert.Parameters.Add("$k", SqliteType.Blob), insert.Parameters.Add("$g", SqliteType.Integer));
        b.Value = board;
        for (var i = 0; i < rows.Length; i++)
        {
            // As EF Core stores a Guid on SQLite: upper-case text, which sorts in RFC byte order.
            u.Value = rows[i].User.ToString().ToUpperInvariant();
            k.Value = rows[i].Key;
            g.Value = rows[i].Bucket;
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Whole numbers over a range narrow enough for ties (or 3 decimals in a range of at most 1000, such as a ratio).</summary>
    internal static double RandomValue(ScoreComponent component, Random random)
    {
        var low = Math.Max(component.Min, Math.Min(0, component.Max));
        var span = component.Max - low;
        return span <= 1000 ? Math.Round(low + random.NextDouble() * span, 3) : low + random.NextInt64(0, (long)Math.Min(span, 100_000) + 1);
    }

    private static Guid RandomGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
