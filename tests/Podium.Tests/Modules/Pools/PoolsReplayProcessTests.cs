using System.Text.Json;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Pools;

/// <summary><c>podium pools replay</c> as the real binary: the hand-checked fixture season to standard output and to a file.</summary>
public sealed class PoolsReplayProcessTests : IAsyncLifetime
{
    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Modules", "Pools", "Fixtures", "Season2026");

    private TestDatabase? _database;

    private Dictionary<string, string> Environment => new()
    {
        ["Podium__Database__Provider"] = nameof(DatabaseProvider.Sqlite),
        ["ConnectionStrings__Podium"] = _database!.ConnectionString,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Podium__PublicUrl"] = "https://podium.test",
        ["Podium__Email__From"] = "Podium <no-reply@podium.test>",
        ["Podium__Email__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "podium-cli-mail"),
    };

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [Fact]
    public async Task Replay_TheSurvivorFixture_PrintsTheHandCheckedStandings_AndABadRunExitsOne()
    {
        var ok = await PodiumProcess.RunAsync(Environment, "pools", "replay",
            "--rules", Path.Combine(FixtureDir, "survivor-rules.json"), "--games", Path.Combine(FixtureDir, "games.csv"),
            "--picks", Path.Combine(FixtureDir, "survivor-picks.csv"), "--buybacks", Path.Combine(FixtureDir, "buybacks.csv"));

        ok.ExitCode.ShouldBe(0, ok.ToString());
        Compact(ok.Output).ShouldBe(Compact(await File.ReadAllTextAsync(Path.Combine(FixtureDir, "survivor-standings.json"), TestContext.Current.CancellationToken)));

        var bad = await PodiumProcess.RunAsync(Environment, "pools", "replay",
            "--rules", Path.Combine(FixtureDir, "survivor-rules.json"), "--games", Path.Combine(FixtureDir, "games.csv"),
            "--picks", Path.Combine(FixtureDir, "pickem-picks.csv"));

        bad.ExitCode.ShouldBe(1, bad.ToString());
        bad.Error.ShouldContain("picks.csv line 3, column team: entry 'ann' already has 1 pick(s) in week 1");
    }
}
