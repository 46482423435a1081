using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;

namespace Podium.Platform.Outbox;

/// <summary>
/// One round of the dispatcher: claim a batch of due messages under a lease, hand each to its handler, record the
/// outcome. Safe with any number of instances on PostgreSQL (row locks decide who claims what) and with one on SQLite.
/// </summary>
internal sealed partial class OutboxDelivery(
    IServiceScopeFactory scopes,
    OutboxTypes types,
    OutboxBackoff backoff,
    OutboxMetrics metrics,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDelivery> logger)
{
    /// <summary>Written to <c>claimed_by</c>: this process, and which dispatcher in it (tests run several in one process).</summary>
    public string InstanceId { get; } = Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}", OutboxMessage.ClaimedByMaxLength);

    /// <returns>How many messages were claimed (a full batch means more may be due).</returns>
    public async Task<int> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        var done = 0;
        try
        {
            foreach (var message in claimed)
            {
                await DeliverAsync(message, cancellationToken);
                done++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand back what this instance will not deliver now, instead of leaving it leased for minutes.
            await ReleaseAsync([.. claimed.Skip(done).Select(m => m.Id)]);
            throw;
        }

        return claimed.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + settings.LeaseDuration;
        string[] names = [.. types.Names];
        if (names.Length == 0)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();

        // SQLite has one writer and no row locks: the conditional UPDATE is the claim, no transaction needed (and a
        // read-then-write transaction there could fail on a snapshot another writer moved on).
        return db.Database.IsNpgsql()
            ? await db.InTransactionAsync(ct => ClaimBatchAsync(db, postgres: true, now, until, names, settings.BatchSize, ct), cancellationToken: cancellationToken)
            : await ClaimBatchAsync(db, postgres: false, now, until, names, settings.BatchSize, cancellationToken);
    }

    private async Task<List<OutboxMessage>> ClaimBatchAsync(
        PodiumDbContext db, bool postgres, DateTime now, DateTime until, string[] names, int batchSize, CancellationToken cancellationToken)
    {
        List<Guid> ids;
        if (postgres)
        {
            // Rows another instance is claiming right now are skipped, not waited for: each instance takes its own.
            ids = await db.Database.SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM platform_outbox
                WHERE delivered_at IS NULL AND parked_at IS NULL AND available_at <= {now}
                  AND (claimed_until IS NULL OR claimed_until <= {now}) AND type = ANY({names})
                ORDER BY available_at
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }
        else
        {
            ids = await Claimable(db, now, names).OrderBy(m => m.AvailableAt).Select(m => m.Id).Take(batchSize).ToListAsync(cancellationToken);
        }

        if (ids.Count == 0)
        {
            return [];
        }

        await Claimable(db, now, names).Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.ClaimedBy, InstanceId)
                .SetProperty(m => m.ClaimedUntil, until)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1),
            cancellationToken);
        return await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => ids.Contains(m.Id) && m.ClaimedBy == InstanceId && m.DeliveredAt == null)
            .OrderBy(m => m.AvailableAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Due, neither delivered nor parked, and not leased (or its lease expired: a crashed instance's work).</summary>
    private static IQueryable<OutboxMessage> Claimable(PodiumDbContext db, DateTime now, string[] names) =>
        db.Set<OutboxMessage>().Where(m => m.DeliveredAt == null && m.ParkedAt == null && m.AvailableAt <= now
            && (m.ClaimedUntil == null || m.ClaimedUntil <= now) && names.Contains(m.Type));

    private async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow().UtcDateTime >= message.ClaimedUntil)
        {
            // Earlier messages of the batch took the whole lease; another instance may hold this one by now.
            LogLeaseExpired(logger, message.Type, message.Id);
            return;
        }

        var type = types.Find(message.Type)!;
        Exception? failure = null;
        try
        {
            await using var handlerScope = scopes.CreateAsyncScope();
            handlerScope.ServiceProvider.GetRequiredService<OutboxDeliveryContext>().MessageId = message.Id;
            await type.DeliverAsync(handlerScope.ServiceProvider, message.Payload, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = ex;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        // Only while still ours: if the lease ran out and another instance took the message, its outcome counts.
        var mine = db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.ClaimedBy == InstanceId);
        if (failure is null)
        {
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.DeliveredAt, now).SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                CancellationToken.None);
            metrics.Delivered(message.Type);
            return;
        }

        metrics.Failed(message.Type);
        var error = Truncate($"{failure.GetType().Name}: {failure.Message}", OutboxMessage.ErrorMaxLength);
        if (message.Attempts >= options.Value.MaxAttempts)
        {
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.ParkedAt, now).SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                CancellationToken.None);
            LogParked(logger, failure, message.Type, message.Id, message.Attempts);
            return;
        }

        var delay = backoff.Delay(message.Attempts);
        await mine.ExecuteUpdateAsync(
            s => s.SetProperty(m => m.AvailableAt, now + delay).SetProperty(m => m.LastError, error)
                .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
            CancellationToken.None);
        LogRetry(logger, failure, message.Type, message.Id, message.Attempts, delay.TotalSeconds);
    }

    private async Task ReleaseAsync(List<Guid> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OutboxMessage>()
            .Where(m => ids.Contains(m.Id) && m.ClaimedBy == InstanceId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.Attempts, m => m.Attempts - 1),
                CancellationToken.None);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    // Payloads can hold addresses and links: logs name the type and id only.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Type} {Id} failed (attempt {Attempt}); retrying in {Seconds:0.#} s")]
    private static partial void LogRetry(ILogger logger, Exception exception, string type, Guid id, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Type} {Id} parked after {Attempt} failed attempts; retry it at /admin/outbox")]
    private static partial void LogParked(ILogger logger, Exception exception, string type, Guid id, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Type} {Id} not started: its lease ran out first (raise Podium:Outbox:LeaseDuration or lower BatchSize)")]
    private static partial void LogLeaseExpired(ILogger logger, string type, Guid id);
}
