using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Leaderboards;
using Podium.Platform.Modules;
using Podium.Platform.Realtime;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Leaderboards;

/// <summary>
/// A family of boards as a module would declare one (points, then accuracy, then the earlier first prediction), a
/// model of what its boards should hold, and the kit's <see cref="Ranking{T}"/> to say what the ranks must be.
/// </summary>
internal static class LeaderboardHarness
{
    public const string Family = "test:board";

    public static readonly LeaderboardFamily TestFamily = new(Family, [
        ScoreComponent.HigherFirst("points", 0, 1_000_000),
        ScoreComponent.HigherFirst("accuracy", 0, 1),
        ScoreComponent.LowerFirst("firstAt", 0, ScoreComponent.ExactLimit),
    ]);

    public const string NarrowFamily = "test:narrow";

    /// <summary>
    /// The same scoring with points bounded as tightly as <see cref="RandomScore"/> draws them, so that each points value
    /// gets a bucket of its own (in <see cref="TestFamily"/> they all share one): ranks then add counts across buckets.
    /// </summary>
    public static readonly LeaderboardFamily TestNarrowFamily = new(NarrowFamily, [
        ScoreComponent.HigherFirst("points", 0, 40),
        ScoreComponent.HigherFirst("accuracy", 0, 1),
        ScoreComponent.LowerFirst("firstAt", 0, ScoreComponent.ExactLimit),
    ]);

    private static readonly Ranking<KeyValuePair<Guid, double[]>> KitRanking =
        Ranking<KeyValuePair<Guid, double[]>>.ByDescending(m => m.Value[0]).ThenByDescending(m => m.Value[1]).ThenBy(m => m.Value[2]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PodiumAppFactory> StartAsync(DatabaseProvider provider, string? redis = null, RecordingLiveUpdates? live = null)
    {
        var app = await PodiumAppFactory.CreateAsync(provider);
        app.WithSetting("Podium:Outbox:PollInterval", "00:00:00.250")
            .WithSetting("Podium:Outbox:RetryBaseDelay", "00:00:00.050")
            .WithSetting("Podium:Outbox:MaxRetryDelay", "00:00:00.500")
            .WithServices(s =>
            {
                s.AddLeaderboardFamily(TestFamily).AddLeaderboardFamily(TestNarrowFamily);
                if (live is not null)
                {
                    s.AddSingleton<ILiveUpdates>(live);
                }
            });
        if (redis is not null)
        {
            // These tests compare answers, not speed: on a busy machine a read may take longer than the 100 ms after
            // which production falls back to the database, which would make the Redis copy look absent.
            app.WithRedis(connectionString: redis == "shared" ? null : redis).WithSetting("Podium:Redis:RequestTimeoutMs", "5000");
        }

        _ = app.Services;
        return app;
    }

    public static async Task ApplyAsync(IServiceProvider services, Action<LeaderboardBatch> fill)
    {
        await using var scope = services.CreateAsyncScope();
        var boards = scope.ServiceProvider.GetRequiredService<ILeaderboards>();
        var batch = boards.NewBatch();
        fill(batch);
        await boards.ApplyAsync(batch, Ct);
    }

    /// <summary>The database's answer, never Redis's.</summary>
    public static async Task<T> FromDatabaseAsync<T>(IServiceProvider services, Func<LeaderboardStore, Task<T>> read)
    {
        await using var scope = services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<LeaderboardStore>());
    }

    /// <summary>
    /// The board's bucket counts must be exactly its members per bucket, with no empty bucket left behind (a sum over
    /// stale or empty rows would give wrong or slower ranks). Returns how many buckets the board uses.
    /// </summary>
    public static async Task<int> BucketsShouldMatchMembersAsync(IServiceProvider services, string board, string because)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var counted = (await db.Set<LeaderboardBucket>().Where(b => b.BoardKey == board).ToListAsync(Ct))
            .OrderBy(b => b.Bucket).Select(b => (b.Bucket, b.MemberCount)).ToList();
        var members = (await db.Set<LeaderboardEntry>().Where(e => e.BoardKey == board).GroupBy(e => e.Bucket)
            .Select(g => new { Bucket = g.Key, Count = g.LongCount() }).ToListAsync(Ct)).OrderBy(b => b.Bucket).Select(b => (b.Bucket, b.Count)).ToList();
        counted.ShouldBe(members, because);
        var total = await db.Set<LeaderboardBoard>().Where(b => b.BoardKey == board).Select(b => b.MemberCount).SingleOrDefaultAsync(Ct);
        total.ShouldBe(members.Sum(m => m.Count), because);
        return counted.Count;
    }

    public static async Task<T> ThroughServiceAsync<T>(IServiceProvider services, Func<ILeaderboards, Task<T>> read)
    {
        await using var scope = services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ILeaderboards>());
    }

    /// <summary>What the board must show: the kit ranks the members, ties in user-id order (as the stores keep them).</summary>
    public static List<string> Expected(IReadOnlyDictionary<Guid, double[]> model) =>
        [.. KitRanking.Rank(model.OrderBy(m => m.Key, GuidOrder.Instance)).Select(r => Show(r.Rank, r.Item.Key, r.Item.Value))];

    public static string Show(LeaderboardRow row) => Show(row.Rank, row.UserId, row.Score);

    public static string Show(long rank, Guid userId, IReadOnlyList<double> score) =>
        $"{rank} {userId} {string.Join('/', score.Select(s => s.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}";

    /// <summary>Reads the whole board page by page through <paramref name="page"/>.</summary>
    public static async Task<List<string>> AllPagesAsync(Func<int, Task<LeaderboardPage>> page, long expectedTotal)
    {
        var rows = new List<string>();
        for (var number = 1; ; number++)
        {
            var read = await page(number);
            read.Total.ShouldBe(expectedTotal);
            if (read.Rows.Count == 0)
            {
                return rows;
            }

            rows.AddRange(read.Rows.Select(Show));
        }
    }

    /// <summary>Random scores from small ranges, so that ties on one, two and all three components are common.</summary>
    public static double[] RandomScore(Random random) => [random.Next(0, 5) * 10, random.Next(0, 3) / 2d, random.Next(0, 3)];

    /// <summary>RFC byte order: how both databases and Redis order user ids within a tie.</summary>
    private sealed class GuidOrder : IComparer<Guid>
    {
        public static readonly GuidOrder Instance = new();

        public int Compare(Guid x, Guid y) => x.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(y.ToByteArray(bigEndian: true));
    }
}
