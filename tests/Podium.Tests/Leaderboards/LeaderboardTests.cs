using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Leaderboards;
using Podium.Tests.Infrastructure;
using static Podium.Tests.Leaderboards.LeaderboardHarness;

namespace Podium.Tests.Leaderboards;

public sealed class LeaderboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ApplyAsync_RandomBatchesWithTies_EveryPageAndStandingRankAsTheKit(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var random = new Random(17);
        var people = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        var boards = new Dictionary<string, Dictionary<Guid, double[]>> { ["test:board:a"] = [], ["test:board:b"] = [], ["test:narrow:c"] = [] };

        for (var round = 0; round < 12; round++)
        {
            await ApplyAsync(app.Services, batch =>
            {
                foreach (var (board, model) in boards)
                {
                    foreach (var person in people.OrderBy(_ => random.Next()).Take(random.Next(1, 12)))
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
                }
            });

            foreach (var (board, model) in boards)
            {
                var expected = Expected(model);
                (await AllPagesAsync(page => FromDatabaseAsync(app.Services, s => s.GetPageAsync(board, page, 7, Ct)), model.Count)).ShouldBe(expected, $"round {round}, {board}");
                for (var i = 0; i < expected.Count; i++)
                {
                    var person = Guid.Parse(expected[i].Split(' ')[1]);
                    var standing = await ThroughServiceAsync(app.Services, s => s.GetStandingAsync(board, person, 2, Ct));
                    Show(standing.Me!).ShouldBe(expected[i]);
                    standing.Above.Select(Show).ShouldBe(expected[Math.Max(0, i - 2)..i]);
                    standing.Below.Select(Show).ShouldBe(expected[(i + 1)..Math.Min(expected.Count, i + 3)]);
                    standing.Total.ShouldBe(model.Count);
                }

                await BucketsShouldMatchMembersAsync(app.Services, board, $"round {round}, {board}");
            }
        }

        // The narrow board spread its members over buckets (one per points value), so ranks summed across them.
        (await BucketsShouldMatchMembersAsync(app.Services, "test:narrow:c", "at the end")).ShouldBeGreaterThan(2);

        // Ties did happen, or the test proved nothing about them.
        Expected(boards["test:board:a"]).Select(r => r.Split(' ')[0]).Distinct().Count().ShouldBeLessThan(boards["test:board:a"].Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task GetPageAsync_PastTheEndAndAtTheEdges_AnswersWithTheTotal(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var people = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        await ApplyAsync(app.Services, batch => people.Select((p, i) => batch.Set("test:board:edges", p, i * 10, 0.5, 1)).ToList());

        var last = await ThroughServiceAsync(app.Services, s => s.GetPageAsync("test:board:edges", 4, 3, Ct));
        last.Rows.Select(r => r.UserId).ShouldBe([people[0]]);
        last.Rows.Single().Rank.ShouldBe(10);
        var past = await ThroughServiceAsync(app.Services, s => s.GetPageAsync("test:board:edges", 5, 3, Ct));
        past.Rows.ShouldBeEmpty();
        past.Total.ShouldBe(10);
        var all = await ThroughServiceAsync(app.Services, s => s.GetPageAsync("test:board:edges", 1, ILeaderboards.MaxPageSize, Ct));
        all.Rows.Select(r => r.Rank).ShouldBe(Enumerable.Range(1, 10).Select(r => (long)r));
        var farAway = await ThroughServiceAsync(app.Services, s => s.GetPageAsync("test:board:edges", int.MaxValue, ILeaderboards.MaxPageSize, Ct));
        farAway.Rows.ShouldBeEmpty();
        var unknownBoard = await ThroughServiceAsync(app.Services, s => s.GetPageAsync("test:board:nobody", 1, 10, Ct));
        (unknownBoard.Total, unknownBoard.Rows.Count).ShouldBe((0L, 0));

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => ThroughServiceAsync(app.Services, s => s.GetPageAsync("test:board:edges", 0, 10, Ct)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => ThroughServiceAsync(app.Services, s => s.GetPageAsync("test:board:edges", 1, 0, Ct)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => ThroughServiceAsync(app.Services, s => s.GetPageAsync("test:board:edges", 1, ILeaderboards.MaxPageSize + 1, Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task GetStandingAsync_AtTheTopTheBottomAndOffTheBoard_ShowsWhatThereIs(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var people = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        await ApplyAsync(app.Services, batch => people.Select((p, i) => batch.Set("test:board:n", p, 100 - i, 1, 0)).ToList());

        var top = await ThroughServiceAsync(app.Services, s => s.GetStandingAsync("test:board:n", people[0], 3, Ct));
        (top.Me!.Rank, top.Above.Count).ShouldBe((1L, 0));
        top.Below.Select(r => r.UserId).ShouldBe(people[1..4]);
        var bottom = await ThroughServiceAsync(app.Services, s => s.GetStandingAsync("test:board:n", people[5], 3, Ct));
        (bottom.Me!.Rank, bottom.Below.Count).ShouldBe((6L, 0));
        bottom.Above.Select(r => r.UserId).ShouldBe(people[2..5]);
        var alone = await ThroughServiceAsync(app.Services, s => s.GetStandingAsync("test:board:n", people[3], 0, Ct));
        (alone.Above.Count, alone.Below.Count).ShouldBe((0, 0));
        alone.Me!.Score.ShouldBe([97d, 1d, 0d]);

        var stranger = await ThroughServiceAsync(app.Services, s => s.GetStandingAsync("test:board:n", Guid.NewGuid(), 3, Ct));
        (stranger.Me, stranger.Above.Count, stranger.Below.Count, stranger.Total).ShouldBe((null, 0, 0, 6L));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => ThroughServiceAsync(app.Services, s => s.GetStandingAsync("test:board:n", people[0], -1, Ct)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => ThroughServiceAsync(app.Services, s => s.GetStandingAsync("test:board:n", people[0], ILeaderboards.MaxNeighbours + 1, Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ApplyAsync_ConcurrentBatchesOnOneBoard_LoseNoUpdate(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var random = new Random(5);
        var shared = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var batches = Enumerable.Range(0, 16).Select(b => Enumerable.Range(0, 6).Select(_ => (Guid.NewGuid(), RandomScore(random))).ToList()).ToList();
        var model = batches.SelectMany(b => b).ToDictionary(m => m.Item1, m => m.Item2);
        foreach (var person in shared)
        {
            model[person] = [1000, 1, 0];
        }

        // Each batch moves members of its own and sets the shared ones to the same score: racing batches that re-ranked
        // from the same stale places would leave holes or duplicates in the places.
        await Task.WhenAll(batches.Select(b => Task.Run(() => ApplyAsync(app.Services, batch =>
        {
            foreach (var (person, score) in b)
            {
                batch.Set("test:board:race", person, score);
            }

            foreach (var person in shared)
            {
                batch.Set("test:board:race", person, 1000, 1, 0);
            }
        }), Ct)));

        (await AllPagesAsync(page => FromDatabaseAsync(app.Services, s => s.GetPageAsync("test:board:race", page, 13, Ct)), model.Count)).ShouldBe(Expected(model));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<LeaderboardBoard>().SingleAsync(b => b.BoardKey == "test:board:race", Ct)).Version.ShouldBe(16);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ApplyAsync_ConcurrentBatchesMovingSharedMembersAcrossBuckets_KeepBucketCountsExact(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        const string board = "test:narrow:race";
        var random = new Random(11);
        var shared = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToList();
        await ApplyAsync(app.Services, batch => shared.ForEach(p => batch.Set(board, p, 0, 0, 0)));
        // Every batch moves all the shared members to another bucket (or off the board and back) and adds members of its
        // own: two batches counting from the same stale rows would leave a bucket one too high or too low.
        var batches = Enumerable.Range(0, 16).Select(b => (
            Own: Enumerable.Range(0, 4).Select(_ => (Guid.NewGuid(), RandomScore(random))).ToList(),
            Shared: shared.Select(p => (p, Score: random.Next(4) == 0 ? null : RandomScore(random))).ToList())).ToList();
        await Task.WhenAll(batches.Select(b => Task.Run(() => ApplyAsync(app.Services, batch =>
        {
            b.Own.ForEach(m => batch.Set(board, m.Item1, m.Item2));
            b.Shared.ForEach(m => _ = m.Score is null ? batch.Remove(board, m.p) : batch.Set(board, m.p, m.Score));
        }), Ct)));

        // Batches were serialised, so the shared members hold, all of them, what one batch (the last to commit) gave them.
        var now = new List<double[]?>();
        foreach (var person in shared)
        {
            now.Add((await FromDatabaseAsync(app.Services, s => s.GetStandingAsync(board, person, 0, Ct))).Me?.Score.ToArray());
        }

        var last = batches.Single(b => b.Shared.Select(m => m.Score).SequenceEqual(now, ScoreComparer.Instance));
        var model = batches.SelectMany(b => b.Own).ToDictionary(m => m.Item1, m => m.Item2);
        foreach (var (person, score) in last.Shared.Where(m => m.Score is not null))
        {
            model[person] = score!;
        }

        (await BucketsShouldMatchMembersAsync(app.Services, board, "after the race")).ShouldBeGreaterThan(2);
        (await AllPagesAsync(page => FromDatabaseAsync(app.Services, s => s.GetPageAsync(board, page, 9, Ct)), model.Count)).ShouldBe(Expected(model));
        var expected = Expected(model);
        foreach (var row in expected)
        {
            var standing = await FromDatabaseAsync(app.Services, s => s.GetStandingAsync(board, Guid.Parse(row.Split(' ')[1]), 1, Ct));
            Show(standing.Me!).ShouldBe(row);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ApplyAsync_GarbageIn_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var member = Guid.NewGuid();
        await ApplyAsync(app.Services, batch => batch.Set("test:board:g", member, 10, 1, 5));

        Action<LeaderboardBatch>[] garbage =
        [
            b => b.Set("", Guid.NewGuid(), 1, 1, 1),
            b => b.Set("test", Guid.NewGuid(), 1, 1, 1),
            b => b.Set("test:board:has space", Guid.NewGuid(), 1, 1, 1),
            b => b.Set("test:board:" + new string('x', 100), Guid.NewGuid(), 1, 1, 1),
            b => b.Set("other:board", Guid.NewGuid(), 1, 1, 1),
            b => b.Set("test:board:g", Guid.Empty, 1, 1, 1),
            b => b.Set("test:board:g", member, double.NaN, 1, 1),
            b => b.Set("test:board:g", member, double.PositiveInfinity, 1, 1),
            b => b.Set("test:board:g", member, 1_000_001, 1, 1),
            b => b.Set("test:board:g", member, -1, 1, 1),
            b => b.Set("test:board:g", member, 1, 1.5, 1),
            b => b.Set("test:board:g", member, 1, 1, ScoreComponent.ExactLimit * 2),
            b => b.Set("test:board:g", member, 1, 1),
            b => b.Set("test:board:g", member, 1, 1, 1, 1),
            b => b.Remove("test:board:", member),
        ];
        foreach (var (bad, index) in garbage.Select((g, i) => (g, i)))
        {
            // The good change first: a refused batch must not apply half of itself.
            var thrown = await Should.ThrowAsync<ArgumentException>(() => ApplyAsync(app.Services, batch => bad(batch.Set("test:board:g", Guid.NewGuid(), 50, 1, 0))), $"garbage #{index}");
            thrown.Message.ShouldNotBeNullOrWhiteSpace();
        }

        var page = await FromDatabaseAsync(app.Services, s => s.GetPageAsync("test:board:g", 1, 10, Ct));
        page.Rows.Select(Show).ShouldBe([Show(1, member, [10, 1, 5])]);
        await Should.ThrowAsync<ArgumentException>(() => ThroughServiceAsync(app.Services, s => s.GetPageAsync("", 1, 10, Ct)));
        await Should.ThrowAsync<ArgumentException>(() => ThroughServiceAsync(app.Services, s => s.GetStandingAsync("nope", member, 1, Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AccountDeleted_MemberLeavesEveryBoard_AndTheOthersMoveUp(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var leaving = (await TestUsers.CreateAsync(app, "leaving@podium.test")).User;
        var others = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        await ApplyAsync(app.Services, batch =>
        {
            batch.Set("test:board:one", leaving.Id, 100, 1, 0).Set("test:board:two", leaving.Id, 5, 0, 0).Set("test:narrow:three", leaving.Id, 40, 1, 0);
            foreach (var (other, i) in others.Select((o, i) => (o, i)))
            {
                batch.Set("test:board:one", other, 50 - i, 1, 0).Set("test:board:two", other, 50 - i, 1, 0).Set("test:narrow:three", other, 30 - i, 1, 0);
            }
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var personal = scope.ServiceProvider.GetRequiredService<PersonalDataService>();
            var export = System.Text.Encoding.UTF8.GetString(await personal.ExportAsync(leaving.Id, Ct));
            export.ShouldContain("test:board:one");
            export.ShouldContain("\"rank\": 5");
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PodiumUser>>();
            (await personal.DeleteAsync((await users.FindByIdAsync(leaving.Id.ToString()))!, Ct)).Succeeded.ShouldBeTrue();
        }

        foreach (var board in new[] { "test:board:one", "test:board:two", "test:narrow:three" })
        {
            await BucketsShouldMatchMembersAsync(app.Services, board, board);
            var page = await FromDatabaseAsync(app.Services, s => s.GetPageAsync(board, 1, 10, Ct));
            page.Rows.Select(r => (r.Rank, r.UserId)).ShouldBe(others.Select((o, i) => ((long)i + 1, o)));
            page.Total.ShouldBe(4);
            (await ThroughServiceAsync(app.Services, s => s.GetStandingAsync(board, leaving.Id, 3, Ct))).Me.ShouldBeNull();
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Remove_LeavingOneBoard_KeepsTheOthersAndTiesRight(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var (a, b, c, d) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await ApplyAsync(app.Services, batch => batch.Set("test:board:league-1", a, 30, 1, 0).Set("test:board:league-1", b, 20, 1, 0)
            .Set("test:board:league-1", c, 20, 1, 0).Set("test:board:league-1", d, 10, 1, 0).Set("test:board:league-2", b, 1, 1, 1));

        await ApplyAsync(app.Services, batch => batch.Remove("test:board:league-1", a).Remove("test:board:league-1", Guid.NewGuid()));

        var page = await FromDatabaseAsync(app.Services, s => s.GetPageAsync("test:board:league-1", 1, 10, Ct));
        page.Rows.Select(r => r.Rank).ShouldBe([1L, 1L, 3L]);
        page.Rows.Select(r => r.UserId).ShouldBe(new[] { b, c }.Order(Comparer<Guid>.Create((x, y) => x.ToByteArray(true).AsSpan().SequenceCompareTo(y.ToByteArray(true)))).Append(d));
        (await FromDatabaseAsync(app.Services, s => s.GetPageAsync("test:board:league-2", 1, 10, Ct))).Total.ShouldBe(1);
    }

    [Fact]
    public async Task ApplyAsync_AfterCommit_TellsTheBoardsFollowersToRefresh()
    {
        var live = new RecordingLiveUpdates();
        await using var app = await StartAsync(DatabaseProvider.Sqlite, live: live);
        await ApplyAsync(app.Services, batch => batch.Set("test:board:live", Guid.NewGuid(), 1, 1, 1));

        await Eventually.HoldsAsync(
            () => Task.FromResult(live.Sent.Any(s => s.Topic == "leaderboard:test:board:live" && s.Name == LeaderboardReadModelSync.LiveEventName)),
            TimeSpan.FromSeconds(20), "the board's live update");
        ILeaderboards.LiveTopic("test:board:live").ShouldBe("leaderboard:test:board:live");
    }

    [Fact]
    public async Task ApplyAsync_RolledBackWithTheCallersTransaction_ChangesNothing()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var boards = scope.ServiceProvider.GetRequiredService<ILeaderboards>();

        await Should.ThrowAsync<InvalidOperationException>(() => db.InTransactionAsync(async ct =>
        {
            await boards.ApplyAsync(boards.NewBatch().Set("test:board:tx", Guid.NewGuid(), 1, 1, 1), ct);
            throw new InvalidOperationException("the caller's own write failed");
        }, cancellationToken: Ct));

        (await FromDatabaseAsync(app.Services, s => s.GetPageAsync("test:board:tx", 1, 10, Ct))).Total.ShouldBe(0);
    }

    private sealed class ScoreComparer : IEqualityComparer<double[]?>
    {
        public static readonly ScoreComparer Instance = new();

        public bool Equals(double[]? x, double[]? y) => x is null ? y is null : y is not null && x.SequenceEqual(y);

        public int GetHashCode(double[]? obj) => obj is null ? 0 : obj.Length;
    }
}
