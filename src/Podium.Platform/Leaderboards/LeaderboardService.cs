using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Events;
using Podium.Platform.Realtime;

namespace Podium.Platform.Leaderboards;

internal sealed class LeaderboardService(LeaderboardStore store, LeaderboardReadModel readModel, LeaderboardFamilies families) : ILeaderboards
{
    public LeaderboardBatch NewBatch() => new(families);

    public Task ApplyAsync(LeaderboardBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.IsEmpty ? Task.CompletedTask : store.ApplyAsync(batch, cancellationToken);
    }

    public async Task<LeaderboardPage> GetPageAsync(string board, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        families.For(board);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, ILeaderboards.MaxPageSize);
        if (readModel.IsConfigured)
        {
            var (version, _) = await store.VersionAsync(board, cancellationToken);
            if (await readModel.TryGetPageAsync(board, version, page, pageSize) is { } fromRedis)
            {
                return fromRedis;
            }
        }

        return await store.GetPageAsync(board, page, pageSize, cancellationToken);
    }

    public async Task<LeaderboardStanding> GetStandingAsync(string board, Guid userId, int neighbours = 3, CancellationToken cancellationToken = default)
    {
        families.For(board);
        ArgumentOutOfRangeException.ThrowIfNegative(neighbours);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(neighbours, ILeaderboards.MaxNeighbours);
        if (readModel.IsConfigured)
        {
            var (version, _) = await store.VersionAsync(board, cancellationToken);
            if (await readModel.TryGetStandingAsync(board, version, userId, neighbours) is { } fromRedis)
            {
                return fromRedis;
            }
        }

        return await store.GetStandingAsync(board, userId, neighbours, cancellationToken);
    }
}

/// <summary>
/// After a batch commits (delivered by the outbox, at least once): brings the Redis copy up to date, then tells the
/// board's followers to refresh. The live update goes out even when Redis is unavailable (readers then use the
/// database, which has the change); the failure is then rethrown so the outbox patches the copy later.
/// </summary>
internal sealed class LeaderboardReadModelSync(LeaderboardReadModel readModel, ILiveUpdates live) : IDomainEventHandler<LeaderboardChanged>
{
    public const string Subscriber = "read-model";
    public const string LiveEventName = "ranks-changed";

    public async Task HandleAsync(LeaderboardChanged domainEvent, CancellationToken cancellationToken)
    {
        Exception? failed = null;
        if (readModel.IsConfigured)
        {
            try
            {
                await readModel.ApplyAsync(domainEvent, cancellationToken);
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                failed = ex;
            }
        }

        await live.PublishAsync(ILeaderboards.LiveTopic(domainEvent.Board), LiveEventName, new { board = domainEvent.Board, version = domainEvent.ToVersion }, cancellationToken);
        if (failed is not null)
        {
            throw new InvalidOperationException($"The Redis copy of board '{domainEvent.Board}' is not patched yet: {failed.Message}", failed);
        }
    }
}

/// <summary>A member's places on every board: exported with their data, taken off every board with the account.</summary>
internal sealed class LeaderboardPersonalData(LeaderboardStore store, PodiumDbContext db, LeaderboardFamilies families) : IPersonalDataContributor
{
    public string Section => "leaderboards";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var entries = await db.Set<LeaderboardEntry>().AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.BoardKey)
            .Select(e => new { e.BoardKey, e.SortKey }).ToListAsync(cancellationToken);
        var export = new List<object>(entries.Count);
        foreach (var e in entries)
        {
            var family = families.For(e.BoardKey);
            var score = SortKey.Decode(family, e.SortKey);
            export.Add(new
            {
                board = e.BoardKey,
                rank = await store.RankAsync(e.BoardKey, userId, cancellationToken),
                score = family.Components.Select((c, i) => new { c.Name, i }).ToDictionary(c => c.Name, c => score[c.i]),
            });
        }

        return export;
    }

    public Task EraseAsync(Guid userId, CancellationToken cancellationToken) => store.RemoveEverywhereAsync(userId, cancellationToken);
}
