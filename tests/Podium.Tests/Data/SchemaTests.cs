using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Data;

public abstract class SchemaTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Model_WhenComparedWithThisProvidersMigrations_HasNoPendingChanges()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();

        // Fails when someone changes an entity and forgets scripts/add-migration.sh (or runs it for one provider only).
        db.Database.HasPendingModelChanges().ShouldBeFalse();
    }

    [Fact]
    public async Task Startup_WhenMigrateOnStartIsOn_AppliesEveryMigration()
    {
        await using var scope = fixture.CreateScope();
        var status = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().GetStatusAsync(_ct);

        status.Provider.ShouldBe(fixture.Provider);
        status.Pending.ShouldBeEmpty();
        status.Applied.ShouldContain(name => name.EndsWith("_InitialPlatform", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schema_WhenMigrated_UsesSnakeCaseModulePrefixedNames()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var sql = fixture.Provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM pragma_table_info('platform_settings') ORDER BY name"
            : "SELECT column_name FROM information_schema.columns WHERE table_name = 'platform_settings' ORDER BY column_name";

        var columns = await db.Database.SqlQueryRaw<string>(sql).ToListAsync(_ct);

        columns.ShouldBe(["key", "updated_at", "value"]);
    }
}

public sealed class SchemaTests_Sqlite(SqliteAppFixture fixture) : SchemaTests(fixture), IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Connection_WhenOpened_UsesWalAndWaitsForTheWriteLock()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        try
        {
            (await ScalarAsync(connection, "PRAGMA journal_mode")).ShouldBe("wal");
            (await ScalarAsync(connection, "PRAGMA busy_timeout")).ShouldBe("30000");
            (await ScalarAsync(connection, "PRAGMA foreign_keys")).ShouldBe("1");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class SchemaTests_Postgres(PostgresAppFixture fixture) : SchemaTests(fixture), IClassFixture<PostgresAppFixture>;
