using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Cli;
using Podium.Platform.Identity;
using Podium.Platform.Redis;

namespace Podium.Platform.Leaderboards;

/// <summary>
/// <c>podium leaderboard seed|rebuild|measure</c>: big boards for load tests (bench/README.md), the Redis copy rebuilt
/// on demand, and how long reads take on this deployment.
/// </summary>
internal sealed class LeaderboardCommand : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var board = new Argument<string>("board") { Description = "The board's key, e.g. quiz:weekly:global (its family must be registered)" };
        var members = new Option<int>("--members") { Description = "How many made-up members", DefaultValueFactory = _ => 1_000_000 };
        var randomSeed = new Option<int>("--random-seed") { Description = "Same seed, same board", DefaultValueFactory = _ => 1 };
        var member = new Option<string?>("--member")
        {
            Description = "Also put this account (e-mail or user id) on the board, so that its rank with neighbours can be read as that user (GET …/me)",
        };
        var memberScore = new Option<string?>("--member-score")
        {
            Description = "The account's score, its components comma-separated in the family's order (e.g. 50000,0.5,0); default: level with the member in the middle of the board",
        };
        var seed = new Command("seed", "Replace a board with made-up members, in bulk (for benchmarks and load tests).") { board, members, randomSeed, member, memberScore };
        seed.SetScopedAction(services, async (parse, scope, ct) =>
        {
            var key = parse.GetRequiredValue(board);
            // Found before the board is replaced, so a mistyped account leaves the board as it was.
            var account = parse.GetValue(member) is { } who ? await FindAccountAsync(scope, who) : (Guid?)null;
            var took = await scope.GetRequiredService<LeaderboardSeeder>().SeedAsync(key, parse.GetValue(members), parse.GetValue(randomSeed), ct);
            Console.WriteLine($"{key}: {parse.GetValue(members):N0} members seeded in {took.TotalSeconds:0.0} s.");
            if (account is { } userId)
            {
                var standing = await PlaceMemberAsync(scope, key, userId, parse.GetValue(memberScore), ct);
                Console.WriteLine(FormattableString.Invariant(
                    $"{key}: {parse.GetValue(member)} placed at rank {standing.Me!.Rank:N0} of {standing.Total:N0} (score {string.Join(", ", standing.Me.Score)}), with {standing.Above.Count} above and {standing.Below.Count} below."));
            }

            await RebuildAsync(scope, key, ct);
            return 0;
        });

        var rebuild = new Command("rebuild", "Copy a board from the database into Redis now.") { board };
        rebuild.SetScopedAction(services, async (parse, scope, ct) =>
        {
            await RebuildAsync(scope, parse.GetRequiredValue(board), ct);
            return 0;
        });

        var reads = new Option<int>("--reads") { Description = "Reads of each kind", DefaultValueFactory = _ => 10_000 };
        var measure = new Command("measure", "Time reads of a board (a random member's rank with 3 neighbours each side, a random page of 50) and print p50/p99.") { board, reads };
        measure.SetScopedAction(services, async (parse, scope, ct) =>
        {
            await MeasureAsync(scope, parse.GetRequiredValue(board), parse.GetValue(reads), ct);
            return 0;
        });

        return new Command("leaderboard", "Leaderboards: seed a big board, rebuild its Redis copy, time its reads.") { seed, rebuild, measure };
    }

    /// <summary>The account an e-mail address or user id names; a <see cref="CliException"/> when there is none.</summary>
    internal static async Task<Guid> FindAccountAsync(IServiceProvider scope, string who)
    {
        var users = scope.GetRequiredService<UserManager<PodiumUser>>();
        var user = Guid.TryParse(who, out var id) ? await users.FindByIdAsync(id.ToString()) : await users.FindByEmailAsync(who.Trim());
        return user?.Id ?? throw new CliException($"No account '{who}': give an existing account's e-mail address or user id.");
    }

    /// <summary>
    /// Puts a real account on a seeded board through the ordinary write path (a batch: its row, the bucket counts, a
    /// new version), with the given score or level with the member at the middle place, and returns its standing.
    /// </summary>
    internal static async Task<LeaderboardStanding> PlaceMemberAsync(IServiceProvider scope, string board, Guid userId, string? score, CancellationToken ct)
    {
        var family = scope.GetRequiredService<LeaderboardFamilies>().For(board);
        var store = scope.GetRequiredService<LeaderboardStore>();
        IReadOnlyList<double> values;
        if (score is not null)
        {
            var parts = score.Split(',', StringSplitOptions.TrimEntries);
            var parsed = new double[parts.Length];
            if (parts.Length != family.Components.Count
                || parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[i])).Any(ok => !ok))
            {
                throw new CliException($"--member-score needs {family.Components.Count} numbers, comma-separated: {string.Join(", ", family.Components.Select(c => c.Name))}.");
            }

            values = parsed;
        }
        else
        {
            var (_, total) = await store.VersionAsync(board, ct);
            if (total == 0)
            {
                throw new CliException("The board is empty, so it has no middle: give --member-score.");
            }

            var middle = await store.GetPageAsync(board, (int)Math.Min(int.MaxValue, total / 2 + 1), 1, ct);
            values = middle.Rows[0].Score;
        }

        var batch = new LeaderboardBatch(scope.GetRequiredService<LeaderboardFamilies>());
        try
        {
            batch.Set(board, userId, values);
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"--member-score: {ex.Message}");
        }

        await store.ApplyAsync(batch, ct);
        return await store.GetStandingAsync(board, userId, 3, ct);
    }

    /// <summary>A command does not start the host, whose start-up connects to Redis: connect here, or every read would fall back.</summary>
    private static async Task ConnectRedisAsync(IServiceProvider scope)
    {
        var redis = scope.GetRequiredService<RedisConnection>();
        if (redis.IsConfigured)
        {
            await redis.GetAsync();
        }
    }

    private static async Task RebuildAsync(IServiceProvider scope, string board, CancellationToken ct)
    {
        var readModel = scope.GetRequiredService<LeaderboardReadModel>();
        if (!readModel.IsConfigured)
        {
            return;
        }

        await ConnectRedisAsync(scope);

        var started = Stopwatch.GetTimestamp();
        var built = await readModel.RebuildAsync(board, ct);
        Console.WriteLine(built
            ? $"{board}: Redis copy built in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s."
            : $"{board}: Redis copy not built (Redis unavailable, or another instance is building it).");
    }

    private static async Task MeasureAsync(IServiceProvider scope, string board, int reads, CancellationToken ct)
    {
        await ConnectRedisAsync(scope);
        var store = scope.GetRequiredService<LeaderboardStore>();
        var boards = scope.GetRequiredService<ILeaderboards>();
        var (_, total) = await store.VersionAsync(board, ct);
        if (total == 0)
        {
            throw new CliException($"Board '{board}' is empty: seed it first.");
        }

        var random = new Random(7);
        // Members are found through pages, as a client would learn their ids.
        var sample = new List<Guid>();
        for (var i = 0; i < 250; i++)
        {
            var page = await store.GetPageAsync(board, random.Next(1, (int)Math.Min(int.MaxValue, (total + 49) / 50) + 1), 50, ct);
            sample.AddRange(page.Rows.Select(r => r.UserId));
        }

        sample = [.. sample.Distinct()];

        var lastPage = (int)Math.Min(int.MaxValue, (total + 49) / 50);
        await Time("standing (rank + 3 above/below)", () => boards.GetStandingAsync(board, sample[random.Next(sample.Count)], 3, ct));
        await Time("page of 50", () => boards.GetPageAsync(board, random.Next(1, lastPage + 1), 50, ct));
        await Time("standing, database only", () => store.GetStandingAsync(board, sample[random.Next(sample.Count)], 3, ct));
        await Time("page of 50, database only", () => store.GetPageAsync(board, random.Next(1, lastPage + 1), 50, ct));

        // Writes last: they change the board (the Redis copy catches up through the outbox of a running app).
        var family = scope.GetRequiredService<LeaderboardFamilies>().For(board);
        double[] RandomScore() => [.. family.Components.Select(c => LeaderboardSeeder.RandomValue(c, random))];
        var top = (await store.GetPageAsync(board, 1, 1, ct)).Rows[0].UserId;
        var moves = 0;
        double[] Best() => [.. family.Components.Select(c => c.Order == ScoreOrder.HigherFirst ? c.Max : c.Min)];
        double[] Worst() => [.. family.Components.Select(c => c.Order == ScoreOrder.HigherFirst ? c.Min : c.Max)];
        List<Guid> Distinct(int count) => [.. sample.OrderBy(_ => random.Next()).Take(count)];
        foreach (var (what, fill) in new (string, Action<LeaderboardBatch>)[]
        {
            ("batch: 1 member moved from the top to the bottom (or back)", b => b.Set(board, top, moves++ % 2 == 0 ? Worst() : Best())),
            ("batch: 1 member re-scored at random", b => b.Set(board, sample[random.Next(sample.Count)], RandomScore())),
            ("batch: 100 members re-scored at random", b => Distinct(100).ForEach(m => b.Set(board, m, RandomScore()))),
            ("batch: 100 members, each moved to the very top or the very bottom", b => Distinct(100).ForEach(m => b.Set(board, m, random.Next(2) == 0 ? Best() : Worst()))),
            ("batch: 10,000 members re-scored at random", b => Distinct(10_000).ForEach(m => b.Set(board, m, RandomScore()))),
            ("batch: a new member joins and another leaves", b => b.Set(board, Guid.NewGuid(), RandomScore()).Remove(board, sample[random.Next(sample.Count)])),
        })
        {
            var timings = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var batch = boards.NewBatch();
                fill(batch);
                var started = Stopwatch.GetTimestamp();
                await boards.ApplyAsync(batch, ct);
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            Console.WriteLine($"{board}, {what}: {string.Join(" / ", timings.Select(t => $"{t:0} ms"))}");
        }

        async Task Time<T>(string what, Func<Task<T>> read)
        {
            for (var i = 0; i < Math.Min(500, reads); i++)
            {
                await read();
            }

            var timings = new double[reads];
            for (var i = 0; i < reads; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await read();
                timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(timings);
            Console.WriteLine($"{board} ({total:N0} members), {what}: p50 {timings[reads / 2]:0.000} ms, p99 {timings[(int)(reads * 0.99)]:0.000} ms, max {timings[^1]:0.000} ms ({reads:N0} reads)");
        }
    }
}
