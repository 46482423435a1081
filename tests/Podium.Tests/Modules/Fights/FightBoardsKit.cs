using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Features.Boards;
using Podium.Modules.Fights.Features.Demo;
using Podium.Modules.Fights.Features.Results;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Leaderboards;
using Podium.Platform.Modules.Commands;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>
/// The demo card set seeded once per app, the outbox quick (league boards follow group events), and each test given
/// an event of its own, so exact ranks on that event's board belong to that test alone.
/// </summary>
public abstract class FightBoardsFixture(DatabaseProvider provider, bool redis) : AppFixture(provider)
{
    private readonly HashSet<Guid> _used = [];

    /// <summary>What the app sent to live followers (in place of SignalR).</summary>
    public RecordingLiveUpdates Live { get; } = new();

    protected override void Configure(PodiumAppFactory app)
    {
        app.WithServices(s => s.AddSingleton<Podium.Platform.Realtime.ILiveUpdates>(Live))
            .WithSetting("Podium:Outbox:PollInterval", "00:00:00.200")
            .WithSetting("Podium:Outbox:RetryBaseDelay", "00:00:00.050");
        if (redis)
        {
            app.WithRedis().WithSetting("Podium:Redis:RequestTimeoutMs", "5000");
        }
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        try
        {
            await using var scope = CreateScope();
            await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<FightsDemoSeeder>().Single().SeedAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex.Message.StartsWith("$XunitDynamicSkip$", StringComparison.Ordinal))
        {
            // Skipped: App rethrows it in each test.
        }
    }

    /// <summary>A past event no other test of this class used, and one of its bouts, its result cleared.</summary>
    internal async Task<(FightEvent Event, Bout Bout)> FreshBoutAsync(CancellationToken ct)
    {
        await using var scope = CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var now = DateTime.UtcNow;
        var events = await db.Set<FightEvent>().AsNoTracking().Where(e => e.StartsAt < now.AddDays(-1) && e.Status == EventStatus.Completed)
            .OrderBy(e => e.StartsAt).ToListAsync(ct);
        FightEvent chosen;
        lock (_used)
        {
            chosen = events.First(e => _used.Add(e.Id));
        }

        var bout = await db.Set<Bout>().AsNoTracking().Include(b => b.Event)
            .Where(b => b.EventId == chosen.Id && b.Status != BoutStatus.Cancelled).OrderBy(b => b.Order).FirstAsync(ct);
        (await RecordAsync(bout.Id, null, ct)).Succeeded.ShouldBeTrue();
        return (chosen, bout);
    }

    internal async Task<CommandResult<RecordedResult>> RecordAsync(Guid boutId, BoutResult? result, CancellationToken ct)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ResultRecorder>().RecordAsync(boutId, result, "admin", null, ct);
    }

    /// <summary>The closing line the test controls: a snapshot just before the lock, and one after it that must not count.</summary>
    internal async Task SetClosingOddsAsync(Bout bout, int moneylineA, int moneylineB, CancellationToken ct)
    {
        await using var scope = CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var lockAt = bout.StartsAt ?? bout.Event.StartsAt;
        db.Add(new OddsLine { BoutId = bout.Id, TakenAt = lockAt.AddSeconds(-1), MoneylineA = moneylineA, MoneylineB = moneylineB, Source = "test" });
        db.Add(new OddsLine { BoutId = bout.Id, TakenAt = lockAt.AddMinutes(5), MoneylineA = 900, MoneylineB = 900, Source = "test" });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A prediction put straight into the table (the prediction API is another feature's), made <paramref name="minutesBeforeLock"/> before the lock.</summary>
    internal async Task PredictAsync(Bout bout, PodiumUser user, Corner winner, PickedMethod? method = null, int? round = null, int minutesBeforeLock = 60, CancellationToken ct = default)
    {
        await using var scope = CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var at = (bout.StartsAt ?? bout.Event.StartsAt).AddMinutes(-minutesBeforeLock);
        db.Add(new BoutPrediction { BoutId = bout.Id, UserId = user.Id, Winner = winner, Method = method, Round = round, CreatedAt = at, UpdatedAt = at });
        await db.SaveChangesAsync(ct);
    }

    public async Task<PodiumUser> UserAsync(string name, params string[] roles) =>
        (await TestUsers.CreateAsync(App, $"{Guid.NewGuid():N}@fights.example", name, false, TestUsers.Password, roles)).User;

    public async Task<LeaderboardPage> BoardAsync(string board, CancellationToken ct)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ILeaderboards>().GetPageAsync(FightBoards.Prefix + ":" + board, 1, 100, ct);
    }

    public async Task<LeaderboardStanding> StandingAsync(string board, Guid userId, CancellationToken ct)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ILeaderboards>().GetStandingAsync(FightBoards.Prefix + ":" + board, userId, 3, ct);
    }

    internal async Task<List<BoutPrediction>> PredictionsAsync(Guid boutId, CancellationToken ct)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<BoutPrediction>().AsNoTracking().Where(p => p.BoutId == boutId).ToListAsync(ct);
    }
}

public sealed class SqliteFightBoardsFixture() : FightBoardsFixture(DatabaseProvider.Sqlite, redis: false);

public sealed class PostgresFightBoardsFixture() : FightBoardsFixture(DatabaseProvider.Postgres, redis: false);

public sealed class PostgresRedisFightBoardsFixture() : FightBoardsFixture(DatabaseProvider.Postgres, redis: true);
