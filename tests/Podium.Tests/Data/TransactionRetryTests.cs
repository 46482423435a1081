using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Podium.Platform.Data;
using Podium.Platform.Settings;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Data;

/// <summary>Makes the next COMMIT look failed to the app after the database applied it: the answer "lost" on the way back.</summary>
public sealed class LostCommitAnswers : DbTransactionInterceptor
{
    private int _armed;

    public void LoseTheNext() => Interlocked.Exchange(ref _armed, 1);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _armed, 0) == 1
            ? throw new NpgsqlException("The connection dropped before the COMMIT's answer arrived.", new IOException("connection reset"))
            : Task.CompletedTask;
}

/// <summary>A short SQLite busy timeout, so a held write lock outlasts it and only a retry can ride it out.</summary>
public abstract class TransactionRetryFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public LostCommitAnswers Commits { get; } = new();

    protected override void Configure(PodiumAppFactory app) => app
        .WithSetting("Podium:Database:SqliteBusyTimeoutSeconds", "1")
        .WithServices(s => s.AddSingleton<IInterceptor>(Commits));
}

public sealed class SqliteTransactionRetryFixture() : TransactionRetryFixture(DatabaseProvider.Sqlite);

public sealed class PostgresTransactionRetryFixture() : TransactionRetryFixture(DatabaseProvider.Postgres);

/// <summary><c>InTransactionAsync</c> under transient failures: the whole unit retried, to exactly one commit.</summary>
public abstract class TransactionRetryTests(TransactionRetryFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static PlatformSetting Setting(string key, string value) => new() { Key = key, Value = value, UpdatedAt = DateTime.UtcNow };

    private async Task<List<PlatformSetting>> SettingsAsync(string key)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<PlatformSetting>().AsNoTracking()
            .Where(s => s.Key.StartsWith(key)).ToListAsync(_ct);
    }

    [Fact]
    public async Task Unit_WhenItFailsWithANonTransientError_RunsOnceAndThrows()
    {
        var key = $"retry.{Guid.NewGuid():N}";
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.Add(Setting(key, "first"));
            await db.SaveChangesAsync(_ct);
        }

        var attempts = 0;
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            await Should.ThrowAsync<DbUpdateException>(() => db.InTransactionAsync(async ct =>
            {
                attempts++;
                db.Add(Setting($"{key}.side", "written before the failure"));
                db.Add(Setting(key, "a duplicate key"));
                await db.SaveChangesAsync(ct);
            }, cancellationToken: _ct));
        }

        attempts.ShouldBe(1);
        (await SettingsAsync(key)).Select(s => s.Value).ShouldBe(["first"]);
    }

    [Fact]
    public async Task Unit_WhenNestedInAnother_JoinsItsTransaction()
    {
        var key = $"retry.{Guid.NewGuid():N}";
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();

        await Should.ThrowAsync<InvalidOperationException>(() => db.InTransactionAsync(async ct =>
        {
            await db.InTransactionAsync(async inner =>
            {
                db.Add(Setting(key, "inner"));
                await db.SaveChangesAsync(inner);
            }, cancellationToken: ct);
            throw new InvalidOperationException("The outer unit fails after the inner one saved.");
        }, cancellationToken: _ct));

        (await SettingsAsync(key)).ShouldBeEmpty();
    }
}

public sealed class SqliteTransactionRetryTests(SqliteTransactionRetryFixture fixture)
    : TransactionRetryTests(fixture), IClassFixture<SqliteTransactionRetryFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unit_WhenAnotherConnectionHoldsTheWriteLockLongerThanTheBusyTimeout_IsRetriedToOneCommit()
    {
        var key = $"retry.{Guid.NewGuid():N}";
        await using var holder = new SqliteConnection(fixture.App.Services.GetRequiredService<DatabaseConnection>().ConnectionString);
        await holder.OpenAsync(_ct);
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync(_ct);
        }

        var attempts = 0;
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var unit = db.InTransactionAsync(async ct =>
        {
            attempts++;
            db.Add(new PlatformSetting { Key = key, Value = "written once", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(ct);
        }, cancellationToken: _ct);

        // Held for 2.5 busy timeouts: the unit's BEGIN IMMEDIATE gives up (SQLITE_BUSY) at least twice meanwhile.
        await Task.Delay(TimeSpan.FromSeconds(2.5), _ct);
        unit.IsCompleted.ShouldBeFalse();
        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync(_ct);
        }

        await unit;
        attempts.ShouldBeGreaterThan(0);
        await using var check = fixture.CreateScope();
        (await check.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<PlatformSetting>().CountAsync(s => s.Key == key, _ct)).ShouldBe(1);
    }
}

public sealed class PostgresTransactionRetryTests(PostgresTransactionRetryFixture fixture)
    : TransactionRetryTests(fixture), IClassFixture<PostgresTransactionRetryFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<int> CountAsync(string key)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<PlatformSetting>().CountAsync(s => s.Key == key, _ct);
    }

    [Fact]
    public async Task Unit_WhenItsConnectionIsTerminatedBetweenItsWriteAndItsCommit_IsRetriedToExactlyOneCommit()
    {
        var key = $"retry.{Guid.NewGuid():N}";
        var attempts = 0;
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var returned = await db.InTransactionAsync(async ct =>
            {
                attempts++;
                db.Add(new PlatformSetting { Key = key, Value = $"attempt {attempts}", UpdatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync(ct);
                if (attempts == 1)
                {
                    var pid = (await db.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").ToListAsync(ct)).Single();
                    await TerminateAsync(pid);
                }

                return attempts;
            }, cancellationToken: _ct);
            returned.ShouldBe(2);
        }

        attempts.ShouldBe(2);
        await using var check = fixture.CreateScope();
        (await check.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<PlatformSetting>().AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).ToListAsync(_ct))
            .ShouldBe(["attempt 2"]);
    }

    [Fact]
    public async Task Unit_WhenItsCommitSucceededButTheAnswerWasLost_IsNotRunAgain()
    {
        var key = $"retry.{Guid.NewGuid():N}";
        var attempts = 0;
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            fixture.Commits.LoseTheNext();
            await db.InTransactionAsync(async ct =>
            {
                attempts++;
                db.Add(new PlatformSetting { Key = key, Value = "committed once", UpdatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync(ct);
            }, cancellationToken: _ct);
        }

        // Run again, the unit would have failed on its own row (a duplicate key) or written twice.
        attempts.ShouldBe(1);
        (await CountAsync(key)).ShouldBe(1);
    }

    /// <summary>Ends the backend from another connection, and waits until it is gone, as a server restart would.</summary>
    private async Task TerminateAsync(int pid)
    {
        await using var admin = new NpgsqlConnection(fixture.App.Services.GetRequiredService<DatabaseConnection>().ConnectionString);
        await admin.OpenAsync(_ct);
        await using (var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin))
        {
            terminate.Parameters.AddWithValue("pid", pid);
            (await terminate.ExecuteScalarAsync(_ct)).ShouldBe(true);
        }

        await Eventually.HoldsAsync(async () =>
        {
            await using var gone = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = @pid", admin);
            gone.Parameters.AddWithValue("pid", pid);
            return (long)(await gone.ExecuteScalarAsync(_ct))! == 0;
        }, TimeSpan.FromSeconds(10), "the terminated backend to be gone");
    }
}
