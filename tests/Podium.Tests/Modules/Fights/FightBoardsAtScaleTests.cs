using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Cli;
using Podium.Platform.Data;
using Podium.Platform.Leaderboards;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>The boards' fixture, counting the SQL commands the app sends.</summary>
public abstract class CountingFightBoardsFixture(DatabaseProvider provider) : FightBoardsFixture(provider, redis: false)
{
    public CommandCounter Commands { get; } = new();

    protected override void Configure(PodiumAppFactory app)
    {
        base.Configure(app);
        // The outbox's polls would be counted as the page's: these tests read boards, and wait for no delivery.
        app.WithSetting("Podium:Outbox:PollInterval", "01:00:00").WithServices(s => s.AddSingleton<IInterceptor>(Commands));
    }
}

public sealed class SqliteCountingFightBoardsFixture() : CountingFightBoardsFixture(DatabaseProvider.Sqlite);

public sealed class PostgresCountingFightBoardsFixture() : CountingFightBoardsFixture(DatabaseProvider.Postgres);

/// <summary>
/// Boards seeded in bulk, as the load tests seed them (<c>podium leaderboard seed … --member</c>, bench/fights.sh): a real
/// account put among the made-up members reads its rank with neighbours through <c>/me</c>, and a board's page reads
/// a few queries, none per member, on its first page and deep in the board. Each test seeds a season board of its own.
/// </summary>
public abstract class FightBoardsAtScaleTests(CountingFightBoardsFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task LeaderboardSeed_WithAMemberAndScore_PutsTheAccountAtThatScore_AndMeAnswersItsRankWithNeighbours()
    {
        var user = await fixture.UserAsync("Bench Member");
        const string board = "season-2998";

        var exit = await PodiumCli.InvokeAsync(fixture.App.Services,
            ["leaderboard", "seed", $"fights:{board}", "--members", "300", "--member", user.Email!, "--member-score", "50000,0.5,0"], _ct);

        exit.ShouldBe(0);
        var everyone = await EveryoneAsync(board);
        everyone.Count.ShouldBe(301);
        var mine = everyone.FindIndex(r => r.UserId == user.Id);
        mine.ShouldBeGreaterThanOrEqualTo(3);
        everyone[mine].Score.ToArray().ShouldBe(new double[] { 50000, 0.5, 0 });
        var better = everyone.Count(r => Better(r.Score, everyone[mine].Score));
        everyone[mine].Rank.ShouldBe(better + 1);
        // Made-up points are spread over 0–100,000: 50,000 puts the account mid-board, with members either side.
        better.ShouldBeInRange(90, 210);

        var session = new FormSession(fixture.App);
        (await session.SignInAsync(user.Email!, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var me = await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/fights/leaderboards/{board}/me", _ct);
        me.GetProperty("total").GetInt64().ShouldBe(301);
        me.GetProperty("me").GetProperty("rank").GetInt64().ShouldBe(better + 1);
        me.GetProperty("me").GetProperty("points").GetInt32().ShouldBe(50000);
        me.GetProperty("me").GetProperty("displayName").GetString().ShouldBe("Bench Member");
        Ids(me.GetProperty("above")).ShouldBe([.. everyone[(mine - 3)..mine].Select(r => r.UserId)]);
        Ids(me.GetProperty("below")).ShouldBe([.. everyone[(mine + 1)..(mine + 4)].Select(r => r.UserId)]);
        me.GetProperty("above").EnumerateArray().Select(l => l.GetProperty("rank").GetInt64())
            .ShouldBe([.. everyone[(mine - 3)..mine].Select(r => r.Rank)]);
    }

    [Fact]
    public async Task LeaderboardSeed_WithAMemberById_PutsItLevelWithTheMiddleMember_AndRefusesAnUnknownAccount()
    {
        var user = await fixture.UserAsync("Middle Member");
        const string board = "season-2997";

        var unknown = await PodiumCli.InvokeAsync(fixture.App.Services,
            ["leaderboard", "seed", $"fights:{board}", "--members", "10", "--member", "nobody@fights.example"], _ct);
        unknown.ShouldBe(1);
        (await EveryoneAsync(board)).ShouldBeEmpty();

        var exit = await PodiumCli.InvokeAsync(fixture.App.Services,
            ["leaderboard", "seed", $"fights:{board}", "--members", "201", "--member", user.Id.ToString()], _ct);

        exit.ShouldBe(0);
        await using var scope = fixture.CreateScope();
        var standing = await scope.ServiceProvider.GetRequiredService<ILeaderboards>().GetStandingAsync($"fights:{board}", user.Id, 3, _ct);
        standing.Total.ShouldBe(202);
        // Level with the member at place 101 of the 201 seeded: the same score, so the same rank.
        standing.Me!.Rank.ShouldBe(101);
        standing.Above.Concat(standing.Below).ShouldContain(r => r.Rank == 101 && r.Score.SequenceEqual(standing.Me.Score));
    }

    [Fact]
    public async Task BoardApiAndPage_ReadAFewQueries_NotOnePerMember_OnTheFirstPageAndDeepInTheBoard()
    {
        const string board = "season-2996";
        (await PodiumCli.InvokeAsync(fixture.App.Services, ["leaderboard", "seed", $"fights:{board}", "--members", "3000"], _ct)).ShouldBe(0);
        var client = fixture.CreateClient();

        await CountAsync(client, $"/api/v1/fights/leaderboards/{board}?page=1&pageSize=25"); // the first request compiles the queries
        var first = await CountAsync(client, $"/api/v1/fights/leaderboards/{board}?page=1&pageSize=25");
        var deep = await CountAsync(client, $"/api/v1/fights/leaderboards/{board}?page=100&pageSize=25");
        await CountAsync(client, $"/fights/leaderboards?board={board}");
        var page = await CountAsync(client, $"/fights/leaderboards?board={board}");
        var deepPage = await CountAsync(client, $"/fights/leaderboards?board={board}&page=100");

        // No query per row or per member: a page deep in the board reads at most the bucket counts in a few more chunks.
        first.ShouldBeLessThanOrEqualTo(6);
        deep.ShouldBeInRange(first, first + 3);
        page.ShouldBeLessThanOrEqualTo(8);
        deepPage.ShouldBeInRange(page, page + 3);
    }

    private async Task<int> CountAsync(HttpClient client, string path)
    {
        var before = fixture.Commands.Count;
        (await client.GetAsync(path, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        var count = fixture.Commands.Count - before;
        TestContext.Current.TestOutputHelper?.WriteLine($"{path}: {count} queries");
        return count;
    }

    private async Task<List<LeaderboardRow>> EveryoneAsync(string board)
    {
        await using var scope = fixture.CreateScope();
        var boards = scope.ServiceProvider.GetRequiredService<ILeaderboards>();
        var rows = new List<LeaderboardRow>();
        for (var page = 1; ; page++)
        {
            var read = await boards.GetPageAsync($"fights:{board}", page, ILeaderboards.MaxPageSize, _ct);
            rows.AddRange(read.Rows);
            if (read.Rows.Count < ILeaderboards.MaxPageSize)
            {
                return rows;
            }
        }
    }

    /// <summary>Points, then accuracy higher first, then the earlier first prediction.</summary>
    private static bool Better(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        a[0] != b[0] ? a[0] > b[0] : a[1] != b[1] ? a[1] > b[1] : a[2] < b[2];

    private static List<Guid> Ids(JsonElement lines) => [.. lines.EnumerateArray().Select(l => l.GetProperty("userId").GetGuid())];
}

public sealed class SqliteFightBoardsAtScaleTests(SqliteCountingFightBoardsFixture fixture) : FightBoardsAtScaleTests(fixture), IClassFixture<SqliteCountingFightBoardsFixture>;

public sealed class PostgresFightBoardsAtScaleTests(PostgresCountingFightBoardsFixture fixture) : FightBoardsAtScaleTests(fixture), IClassFixture<PostgresCountingFightBoardsFixture>;
