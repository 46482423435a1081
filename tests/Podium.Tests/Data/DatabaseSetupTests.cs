using Microsoft.Data.Sqlite;
using Podium.Platform.Data;

namespace Podium.Tests.Data;

public sealed class DatabaseSetupTests
{
    [Fact]
    public void ResolveConnectionString_WhenSqliteIsNotConfigured_UsesDataFolderUnderContentRoot()
    {
        var root = Directory.CreateTempSubdirectory("podium-root-").FullName;

        var resolved = new SqliteConnectionStringBuilder(DatabaseSetup.ResolveConnectionString(DatabaseProvider.Sqlite, null, root));

        resolved.DataSource.ShouldBe(Path.Combine(root, "data", "podium.db"));
        Directory.Exists(Path.Combine(root, "data")).ShouldBeTrue();
    }

    [Fact]
    public void ResolveConnectionString_WhenSqlitePathIsRelative_AnchorsItAtContentRootNotWorkingDirectory()
    {
        var root = Directory.CreateTempSubdirectory("podium-root-").FullName;

        var resolved = new SqliteConnectionStringBuilder(
            DatabaseSetup.ResolveConnectionString(DatabaseProvider.Sqlite, "Data Source=state/club.db;Default Timeout=5", root));

        resolved.DataSource.ShouldBe(Path.Combine(root, "state", "club.db"));
        resolved.DefaultTimeout.ShouldBe(5);
    }

    [Fact]
    public void ResolveConnectionString_WhenSqliteIsInMemory_LeavesItAlone()
    {
        var resolved = DatabaseSetup.ResolveConnectionString(DatabaseProvider.Sqlite, "Data Source=:memory:", "/nonexistent");

        new SqliteConnectionStringBuilder(resolved).DataSource.ShouldBe(":memory:");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ResolveConnectionString_WhenPostgresHasNoConnectionString_SaysWhichSettingIsMissing(string? configured)
    {
        var error = Should.Throw<InvalidOperationException>(() =>
            DatabaseSetup.ResolveConnectionString(DatabaseProvider.Postgres, configured, "/app"));

        error.Message.ShouldContain("ConnectionStrings__Podium");
    }

    [Fact]
    public void Redact_WhenConnectionStringHasPassword_HidesIt()
    {
        var redacted = DatabaseSetup.Redact(DatabaseProvider.Postgres, "Host=db;Username=podium;Password=s3cret-value;Database=podium");

        redacted.ShouldNotContain("s3cret-value");
        redacted.ShouldContain("Host=db");
    }
}
