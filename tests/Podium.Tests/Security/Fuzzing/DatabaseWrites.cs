using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security.Fuzzing;

/// <summary>
/// Counts every row written to every table of the EF model, in the database itself: a trigger per table bumps a counter
/// in the same transaction as the write, so a rolled-back write counts nothing and a committed one counts whatever
/// wrote it (EF, raw SQL, Identity's stores). Reading the counters is one small query, cheap enough to run before and
/// after every fuzzed request. Tables come from the model, so a new module's tables are watched without a change here.
/// Only for a test database: the triggers stay until it is dropped.
/// </summary>
internal sealed class DatabaseWrites : IAsyncDisposable
{
    private const string Counters = "fuzz_writes";

    private readonly DbConnection _connection;
    private readonly PodiumAppFactory _app;

    private DatabaseWrites(DbConnection connection, PodiumAppFactory app)
    {
        _connection = connection;
        _app = app;
    }

    public static async Task<DatabaseWrites> InstallAsync(PodiumAppFactory app, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string? Schema, string Table)> tables;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            tables = [.. scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Model.GetEntityTypes()
                .Where(e => e.GetTableName() is not null && e.GetViewName() is null)
                .Select(e => (e.GetSchema(), e.GetTableName()!))
                .Distinct()];
        }

        var postgres = app.Database.Provider == DatabaseProvider.Postgres;
        DbConnection connection = postgres ? new NpgsqlConnection(app.Database.ConnectionString) : new SqliteConnection(app.Database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var statements = postgres ? PostgresTriggers(tables) : SqliteTriggers(tables);
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new DatabaseWrites(connection, app);
    }

    /// <summary>Rows written so far, per table and operation (<c>club_anglers:update</c>).</summary>
    public async Task<IReadOnlyDictionary<string, long>> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT tbl, n FROM {Counters}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>What was written between two snapshots, e.g. <c>club_anglers:update×1</c>; empty when nothing.</summary>
    public static IReadOnlyDictionary<string, long> Difference(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Where(a => a.Value != before.GetValueOrDefault(a.Key)).ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key), StringComparer.Ordinal);

    /// <summary>
    /// Whether the writes are only records of a refusal: audit events whose outcome is not success (a failed sign-in,
    /// a refused key). A refused request may say it was refused; it may not change anything else.
    /// </summary>
    public async Task<bool> OnlyRefusalsAuditedAsync(IReadOnlyDictionary<string, long> written, CancellationToken cancellationToken)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var audit = $"{db.Model.FindEntityType(typeof(AuditEvent))!.GetTableName()}:insert";
        if (written.Keys.Any(k => k != audit))
        {
            return false;
        }

        var outcomes = await db.Set<AuditEvent>().AsNoTracking().OrderByDescending(e => e.Id).Take((int)written[audit]).Select(e => e.Outcome).ToListAsync(cancellationToken);
        return outcomes.All(o => o != AuditOutcome.Success);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static IEnumerable<string> SqliteTriggers(IReadOnlyList<(string? Schema, string Table)> tables)
    {
        yield return $"CREATE TABLE IF NOT EXISTS {Counters} (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL)";
        foreach (var (_, table) in tables)
        {
            foreach (var operation in new[] { "insert", "update", "delete" })
            {
                yield return $"""
                    CREATE TRIGGER IF NOT EXISTS "fuzz_{table}_{operation}" AFTER {operation} ON "{table}"
                    BEGIN
                        INSERT INTO {Counters} (tbl, n) VALUES ('{table}:{operation}', 1) ON CONFLICT (tbl) DO UPDATE SET n = n + 1;
                    END
                    """;
            }
        }
    }

    private static IEnumerable<string> PostgresTriggers(IReadOnlyList<(string? Schema, string Table)> tables)
    {
        yield return $"CREATE TABLE IF NOT EXISTS {Counters} (tbl text PRIMARY KEY, n bigint NOT NULL)";
        yield return $"""
            CREATE OR REPLACE FUNCTION fuzz_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {Counters} (tbl, n) VALUES (TG_TABLE_NAME || ':' || lower(TG_OP), 1)
                ON CONFLICT (tbl) DO UPDATE SET n = {Counters}.n + 1;
                RETURN NULL;
            END $$
            """;
        foreach (var (schema, table) in tables)
        {
            var qualified = schema is null ? $"\"{table}\"" : $"\"{schema}\".\"{table}\"";
            yield return $"CREATE OR REPLACE TRIGGER fuzz_count_write AFTER INSERT OR UPDATE OR DELETE ON {qualified} FOR EACH ROW EXECUTE FUNCTION fuzz_count_write()";
        }
    }
}
