using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Leaderboards;
using Podium.Tests.Infrastructure;
using static Podium.Tests.Leaderboards.LeaderboardHarness;

namespace Podium.Tests.Leaderboards;

/// <summary>The Redis copy against the database it copies: same order, same ties, same neighbours, and never stale.</summary>
public sealed class LeaderboardRedisTests
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RandomBatches_RedisAndTheDatabase_AgreeOnEveryPageAndStanding(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, redis: "shared");
        var random = new Random(23);
        var people = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        var model = new Dictionary<Guid, double[]>();
        // Narrow: the database counts ranks across buckets, Redis in one sorted set; they must agree.
        const string board = "test:narrow:redis";

        for (var round = 0; round < 10; round++)
        {
            await ApplyAsync(app.Services, batch =>
            {
                foreach (var person in people.OrderBy(_ => random.Next()).Take(random.Next(1, 15)))
                {
                    if (random.Next(5) == 0)
                    {
                        batch.Remove(board, person);
                        model.Remove(person);
                    }
                    else
                    {
                        var score = RandomScore(random);
                        batch.Set(board, person, score);
                        model[person] = score;
                    }
                }
            });

            await RedisCurrentAsync(app.Services, board);
            await ShouldAgreeAsync(app.Services, board, model, people, $"round {round}");
        }
    }

    [Fact]
    public async Task RedisKilledMidway_TheDatabaseAnswers_ThenTheCopyIsRebuilt()
    {
        await using var redis = await TestRedisServer.StartAsync();
        await using var app = await StartAsync(DatabaseProvider.Postgres, redis: redis.ConnectionString);
        var client = app.CreateClient();
        var people = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
        var model = people.Select((p, i) => (p, Score: new double[] { i % 4 * 10, 1, i % 2 })).ToDictionary(m => m.p, m => m.Score);
        const string board = "test:board:outage";
        await ApplyAsync(app.Services, batch => model.Select(m => batch.Set(board, m.Key, m.Value)).ToList());
        await RedisCurrentAsync(app.Services, board);

        redis.Kill();
        // A batch committed while Redis is away: the copy misses it, and must never be served from again as it was.
        await ApplyAsync(app.Services, batch => batch.Set(board, people[0], 90, 1, 0));
        model[people[0]] = [90, 1, 0];
        await ShouldAgreeAsync(app.Services, board, model, people, "Redis down", compareRedis: false);
        ((int)(await client.GetAsync("/health/ready", Ct)).StatusCode).ShouldBeLessThan(500);

        await redis.RestartAsync();
        await RedisCurrentAsync(app.Services, board);
        await ShouldAgreeAsync(app.Services, board, model, people, "Redis back");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RebuildAsync_AfterTheCopyWasLost_MatchesTheDatabase(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, redis: "shared");
        var random = new Random(3);
        var people = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var model = people.ToDictionary(p => p, _ => RandomScore(random));
        const string board = "test:board:rebuild";
        await ApplyAsync(app.Services, batch => model.Select(m => batch.Set(board, m.Key, m.Value)).ToList());
        await RedisCurrentAsync(app.Services, board);

        var connection = app.Services.GetRequiredService<Podium.Platform.Redis.RedisConnection>();
        var keys = new StackExchange.Redis.RedisKey[] { connection.Key($"lb:{{{board}}}:z"), connection.Key($"lb:{{{board}}}:h"), connection.Key($"lb:{{{board}}}:v") };
        (await connection.DatabaseIfConnected()!.KeyDeleteAsync(keys)).ShouldBe(3);

        (await app.Services.GetRequiredService<LeaderboardReadModel>().RebuildAsync(board, Ct)).ShouldBeTrue();
        await ShouldAgreeAsync(app.Services, board, model, people, "rebuilt");
    }

    /// <summary>Until the copy answers for the database's version (built on first read, patched by the outbox).</summary>
    private static Task RedisCurrentAsync(IServiceProvider services, string board) =>
        Eventually.HoldsAsync(async () =>
        {
            var (version, _) = await FromDatabaseAsync(services, s => s.VersionAsync(board, Ct));
            return await services.GetRequiredService<LeaderboardReadModel>().TryGetPageAsync(board, version, 1, 1) is not null;
        }, CatchUp, $"the Redis copy of {board}");

    private static async Task ShouldAgreeAsync(IServiceProvider services, string board, Dictionary<Guid, double[]> model, List<Guid> people, string when, bool compareRedis = true)
    {
        var readModel = services.GetRequiredService<LeaderboardReadModel>();
        var (version, _) = await FromDatabaseAsync(services, s => s.VersionAsync(board, Ct));
        var expected = Expected(model);
        foreach (var pageSize in new[] { 1, 6, 100 })
        {
            (await AllPagesAsync(page => FromDatabaseAsync(services, s => s.GetPageAsync(board, page, pageSize, Ct)), model.Count)).ShouldBe(expected, when);
            (await AllPagesAsync(page => ThroughServiceAsync(services, s => s.GetPageAsync(board, page, pageSize, Ct)), model.Count)).ShouldBe(expected, when);
            if (compareRedis)
            {
                (await AllPagesAsync(async page => (await readModel.TryGetPageAsync(board, version, page, pageSize)).ShouldNotBeNull(), model.Count)).ShouldBe(expected, when);
            }
        }

        foreach (var person in people.Append(Guid.NewGuid()))
        {
            var fromDatabase = Describe(await FromDatabaseAsync(services, s => s.GetStandingAsync(board, person, 3, Ct)));
            fromDatabase.ShouldBe(Describe(await ThroughServiceAsync(services, s => s.GetStandingAsync(board, person, 3, Ct))), when);
            if (compareRedis)
            {
                fromDatabase.ShouldBe(Describe((await readModel.TryGetStandingAsync(board, version, person, 3)).ShouldNotBeNull()), when);
            }
        }
    }

    private static string Describe(LeaderboardStanding s) =>
        $"{s.Total} | {string.Join(", ", s.Above.Select(Show))} | {(s.Me is null ? "-" : Show(s.Me))} | {string.Join(", ", s.Below.Select(Show))}";
}
