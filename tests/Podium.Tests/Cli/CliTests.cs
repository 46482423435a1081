using System.Text.Json;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Cli;

/// <summary>The <c>podium</c> commands, run as the real binary against a database of their own.</summary>
public abstract class CliTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    private static readonly string ImportFixtures = Path.Combine(AppContext.BaseDirectory, "Modules", "Club", "Fixtures", "Import2025");

    private Dictionary<string, string> Environment => new()
    {
        ["Podium__Database__Provider"] = provider.ToString(),
        ["ConnectionStrings__Podium"] = _database!.ConnectionString,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Podium__PublicUrl"] = "https://podium.test",
        ["Podium__Email__From"] = "Podium <no-reply@podium.test>",
        ["Podium__Email__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "podium-cli-mail"),
    };

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task DbMigrate_WhenPending_AppliesThemAndStatusThenShowsNonePending()
    {
        var before = await PodiumProcess.RunAsync(Environment, "db", "status");
        before.ExitCode.ShouldBe(0, before.ToString());
        before.Output.ShouldContain($"Provider: {provider}");
        before.Output.ShouldContain("Applied (0):");
        before.Output.ShouldContain("_InitialPlatform");
        var pending = int.Parse(System.Text.RegularExpressions.Regex.Match(before.Output, @"Pending \((\d+)\):").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        pending.ShouldBeGreaterThanOrEqualTo(1);

        var migrate = await PodiumProcess.RunAsync(Environment, "db", "migrate");
        migrate.ExitCode.ShouldBe(0, migrate.ToString());
        migrate.Output.ShouldContain($"{pending} migration(s) applied.");

        var after = await PodiumProcess.RunAsync(Environment, "db", "status");
        after.Output.ShouldContain($"Applied ({pending}):");
        after.Output.ShouldContain("Pending (0):");

        var again = await PodiumProcess.RunAsync(Environment, "db", "migrate");
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Output.ShouldContain("The database is up to date.");
    }

    [Fact]
    public async Task SeedDemo_WhenMigrationsArePending_RefusesAndNamesTheFix()
    {
        var seed = await PodiumProcess.RunAsync(Environment, "seed", "demo");

        seed.ExitCode.ShouldBe(1, seed.ToString());
        seed.Error.ShouldContain("podium db migrate");
    }

    [Fact]
    public async Task ClubImport_WhenMigrationsArePending_RefusesAndNamesTheFix()
    {
        var import = await PodiumProcess.RunAsync(Environment, "club", "import", "--dir", ImportFixtures);

        import.ExitCode.ShouldBe(1, import.ToString());
        import.Error.ShouldContain("podium db migrate");
        import.Error.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task ClubImport_WithARelativeDir_ReadsItFromTheWorkingDirectory_AndSaysWhenTheSiteShowsIt()
    {
        (await PodiumProcess.RunAsync(Environment, "db", "migrate")).ExitCode.ShouldBe(0);
        var work = Directory.CreateTempSubdirectory("podium-cli-").FullName;
        try
        {
            var exports = Directory.CreateDirectory(Path.Combine(work, "exports")).FullName;
            foreach (var file in Directory.GetFiles(ImportFixtures))
            {
                File.Copy(file, Path.Combine(exports, Path.GetFileName(file)));
            }

            // The test runner's PWD is not this directory: a stale PWD must not win over the working directory.
            var import = await PodiumProcess.RunInAsync(work, Environment, "", "club", "import", "--dir", "exports");

            import.ExitCode.ShouldBe(0, import.ToString());
            import.Output.ShouldContain("anglers.csv:");
            import.Output.ShouldContain("A running server shows the import within 120 seconds");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task SeedDemo_WhenMigrated_Succeeds()
    {
        (await PodiumProcess.RunAsync(Environment, "db", "migrate")).ExitCode.ShouldBe(0);

        var seed = await PodiumProcess.RunAsync(Environment, "seed", "demo");

        seed.ExitCode.ShouldBe(0, seed.ToString());
        // The development administrator is never created outside Development.
        seed.Output.ShouldContain("platform: development administrator: 0 row(s) added");
    }

    [Fact]
    public async Task Settings_SetGetListRemove_RoundTripThroughTheDatabase()
    {
        (await PodiumProcess.RunAsync(Environment, "db", "migrate")).ExitCode.ShouldBe(0);

        (await PodiumProcess.RunAsync(Environment, "settings", "set", "site.name", "Austin Bass Anglers")).ExitCode.ShouldBe(0);
        (await PodiumProcess.RunAsync(Environment, "settings", "get", "site.name")).Output.Trim().ShouldBe("Austin Bass Anglers");
        (await PodiumProcess.RunAsync(Environment, "settings", "list")).Output.ShouldContain("site.name=Austin Bass Anglers");
        (await PodiumProcess.RunAsync(Environment, "settings", "remove", "site.name")).ExitCode.ShouldBe(0);

        var missing = await PodiumProcess.RunAsync(Environment, "settings", "get", "site.name");
        missing.ExitCode.ShouldBe(1);
        missing.Error.ShouldContain("There is no setting 'site.name'");
    }

    [Theory]
    [InlineData("Site Name")]
    [InlineData("../../etc/passwd")]
    public async Task SettingsSet_WhenKeyIsGarbage_ExitsWithAClearErrorAndWritesNothing(string key)
    {
        (await PodiumProcess.RunAsync(Environment, "db", "migrate")).ExitCode.ShouldBe(0);

        var set = await PodiumProcess.RunAsync(Environment, "settings", "set", key, "x");

        set.ExitCode.ShouldBe(1, set.ToString());
        set.Error.ShouldStartWith("error: A setting key is");
        (await PodiumProcess.RunAsync(Environment, "settings", "list")).Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Start_InProductionWithPendingMigrations_ExitsNonZeroNamingDbMigrate()
    {
        var start = await PodiumProcess.RunAsync(Environment, "--urls", "http://127.0.0.1:0");

        start.ExitCode.ShouldNotBe(0, start.ToString());
        start.Error.ShouldContain("podium db migrate");
        // Production logs are one JSON object per line on stdout.
        var lines = start.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldNotBeEmpty();
        foreach (var line in lines)
        {
            JsonDocument.Parse(line).RootElement.TryGetProperty("@t", out var timestamp).ShouldBeTrue(line);
        }
    }
}

public sealed class CliTests_Sqlite() : CliTests(DatabaseProvider.Sqlite);

public sealed class CliTests_Postgres() : CliTests(DatabaseProvider.Postgres);

public sealed class CliUsageTests
{
    [Fact]
    public async Task UnknownCommand_ExitsNonZeroWithUsage()
    {
        var result = await PodiumProcess.RunAsync(new Dictionary<string, string>(), "no-such-command");

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("no-such-command");
    }

    [Fact]
    public async Task Postgres_WithoutConnectionString_SaysWhichVariableToSet()
    {
        var result = await PodiumProcess.RunAsync(new Dictionary<string, string> { ["Podium__Database__Provider"] = "Postgres" }, "db", "status");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("ConnectionStrings__Podium");
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var result = await PodiumProcess.RunAsync(new Dictionary<string, string>(), "--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Podium: prediction leagues and club competitions.", Case.Sensitive);
        result.Output.ShouldContain("db");
        result.Output.ShouldContain("seed");
        result.Output.ShouldContain("settings");
    }

    [Theory]
    [InlineData("Podium__PublicUrl", "", "Podium:PublicUrl is required in Production")]
    [InlineData("Podium__Identity__PasswordHashIterations", "100000", "PasswordHashIterations must be at least 210000")]
    [InlineData("Podium__Email__From", "Podium <no-reply@podium.invalid>", "must be a real sender address")]
    [InlineData("Podium__Authentication__Oidc__Corp__Authority", "http://id.example.org", "Oidc:Corp:Authority must use https in Production")]
    public async Task Start_InProductionWithAnInsecureSetting_RefusesAndSaysWhich(string variable, string value, string message)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Podium"] = $"Data Source={Path.Combine(Directory.CreateTempSubdirectory().FullName, "p.db")}",
            ["Podium__PublicUrl"] = "https://podium.test",
            ["Podium__Email__From"] = "Podium <no-reply@podium.test>",
            ["Podium__Email__SmtpHost"] = "smtp.podium.test",
        };
        environment[variable] = value;

        var start = await PodiumProcess.RunAsync(environment, "--urls", "http://127.0.0.1:0");

        start.ExitCode.ShouldBe(2, start.ToString());
        start.Error.ShouldContain(message);
    }

    [Fact]
    public async Task UsersCreateAdmin_ReadsThePasswordFromStdinAndChecksIt()
    {
        var database = Directory.CreateTempSubdirectory().FullName;
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Podium"] = $"Data Source={Path.Combine(database, "p.db")}" };
        (await PodiumProcess.RunAsync(environment, "db", "migrate")).ExitCode.ShouldBe(0);

        var weak = await PodiumProcess.RunWithInputAsync(environment, "password1234567890\n", "users", "create-admin", "--email", "boss@example.org");
        weak.ExitCode.ShouldBe(1, weak.ToString());
        weak.Error.ShouldContain("too easy to guess");

        var created = await PodiumProcess.RunWithInputAsync(environment, "harbour violet engine sparrow\n", "users", "create-admin", "--email", "boss@example.org", "--name", "Pat Boss");
        created.ExitCode.ShouldBe(0, created.ToString());
        created.Output.ShouldContain("Administrator boss@example.org created");

        var again = await PodiumProcess.RunWithInputAsync(environment, "", "users", "create-admin", "--email", "boss@example.org");
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Output.ShouldContain("already has an account");
    }
}
