using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;
using Podium.Platform.Jobs;

namespace Podium.Platform.Modules.Idempotency;

/// <summary>A response as stored for replay.</summary>
internal sealed record StoredResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>What became of an attempt to claim a key.</summary>
internal abstract record IdempotencyClaim
{
    private IdempotencyClaim()
    {
    }

    /// <summary>This request runs; it must <see cref="IdempotencyStore.CompleteAsync"/> or <see cref="IdempotencyStore.ReleaseAsync"/>.</summary>
    /// <param name="Replay">
    /// An earlier run with this key committed its write, then died before storing its response: this run answers in its
    /// place, with its units of work rolled back instead of committed, so nothing is written, audited or announced twice.
    /// </param>
    public sealed record Owned(Guid Id, Guid LeaseToken, bool Replay = false) : IdempotencyClaim;

    /// <summary>The key's first request finished: answer with its response.</summary>
    public sealed record Completed(StoredResponse Response) : IdempotencyClaim;

    /// <summary>The key was used for a different request (another method, target or body).</summary>
    public sealed record Mismatch : IdempotencyClaim;

    /// <summary>The key's first request is still running after the wait.</summary>
    public sealed record InFlight : IdempotencyClaim;
}

/// <summary>
/// Keys in the database, so every instance sees the same claims: a claim is an INSERT that the unique (caller, key)
/// index lets only one request win; the others read the winner's row and wait for its response.
/// </summary>
internal sealed partial class IdempotencyStore(
    IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider time, ILogger<IdempotencyStore> logger)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Claims the key for this request, or finds what the key already stands for. While another request holds it, waits
    /// (polling, with growing pauses) up to <see cref="IdempotencyOptions.InFlightWait"/> for its response.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(string caller, string key, string requestHash, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var giveUpAt = time.GetUtcNow() + settings.InFlightWait;
        var pause = FirstPoll;
        while (true)
        {
            if (await TryInsertAsync(caller, key, requestHash, cancellationToken) is { } owned)
            {
                return owned;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var existing = await FindAsync(caller, key, cancellationToken);
            if (existing is null)
            {
                // Released (the first request failed) or purged between our insert and our read: claim it again.
                continue;
            }

            if (existing.ExpiresAt <= now)
            {
                // Past its lifetime the key is free, whether or not the purge job got to it yet.
                await InScopeAsync(db => db.Set<IdempotencyRecord>().Where(r => r.Id == existing.Id && r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken));
                continue;
            }

            if (existing.RequestHash != requestHash)
            {
                return new IdempotencyClaim.Mismatch();
            }

            if (existing is { CompletedAt: not null, StatusCode: { } status })
            {
                return new IdempotencyClaim.Completed(new StoredResponse(status, ReadHeaders(existing.ResponseHeaders), existing.ResponseBody ?? []));
            }

            // A committed key's lease is short (CommittedLease): its owner only had its response left to store.
            if (existing.LeaseUntil <= now && await TryTakeOverAsync(existing, now, cancellationToken) is { } taken)
            {
                if (taken.Replay)
                {
                    LogReplayingCommitted(logger, caller);
                }
                else
                {
                    LogTakenOver(logger, caller);
                }

                return taken;
            }

            if (time.GetUtcNow() >= giveUpAt)
            {
                return new IdempotencyClaim.InFlight();
            }

            await Task.Delay(pause, time, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPoll.Ticks));
        }
    }

    /// <summary>Stores the response for replay, if the claim is still this request's.</summary>
    public async Task CompleteAsync(IdempotencyClaim.Owned claim, StoredResponse response)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var headers = JsonSerializer.Serialize(response.Headers);
        var stored = await InScopeAsync(db => db.Set<IdempotencyRecord>()
            .Where(r => r.Id == claim.Id && r.LeaseToken == claim.LeaseToken && r.CompletedAt == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.CompletedAt, now)
                    .SetProperty(r => r.StatusCode, response.StatusCode)
                    .SetProperty(r => r.ResponseHeaders, headers)
                    .SetProperty(r => r.ResponseBody, response.Body)
                    .SetProperty(r => r.LeaseUntil, (DateTime?)null),
                CancellationToken.None));
        if (stored == 0)
        {
            LogLeaseLost(logger, response.StatusCode);
        }
    }

    /// <summary>Frees the key (the request failed or was cancelled), so that a retry runs it again.</summary>
    public Task ReleaseAsync(IdempotencyClaim.Owned claim) =>
        InScopeAsync(db => db.Set<IdempotencyRecord>()
            .Where(r => r.Id == claim.Id && r.LeaseToken == claim.LeaseToken && r.CompletedAt == null)
            .ExecuteDeleteAsync(CancellationToken.None));

    /// <summary>
    /// The claim: an INSERT the unique (caller, key) index lets one request win. <c>ON CONFLICT DO NOTHING</c> (the same
    /// on SQLite and PostgreSQL) makes losing it a row count of 0 rather than a failed statement, which EF would log as
    /// an error for what is an ordinary retry.
    /// </summary>
    private async Task<IdempotencyClaim.Owned?> TryInsertAsync(string caller, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        var (id, token, leaseUntil, expiresAt) = (Guid.CreateVersion7(), Guid.NewGuid(), now + settings.InFlightLease, now + settings.KeyLifetime);
        var inserted = await InScopeAsync(db => db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO platform_idempotency_keys ("id", "caller", "key", "request_hash", "lease_token", "lease_until", "created_at", "expires_at")
            VALUES ({id}, {caller}, {key}, {requestHash}, {token}, {leaseUntil}, {now}, {expiresAt})
            ON CONFLICT ("caller", "key") DO NOTHING
            """,
            cancellationToken));
        if (inserted == 1)
        {
            return new IdempotencyClaim.Owned(id, token);
        }

        // A retried INSERT whose first try committed but whose answer was lost finds its own row: still ours.
        var ours = await InScopeAsync(db => db.Set<IdempotencyRecord>().AsNoTracking().AnyAsync(r => r.Id == id && r.LeaseToken == token, cancellationToken));
        return ours ? new IdempotencyClaim.Owned(id, token) : null;
    }

    private async Task<IdempotencyClaim.Owned?> TryTakeOverAsync(IdempotencyRecord abandoned, DateTime now, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var until = now + options.Value.InFlightLease;
        // Re-checked in the UPDATE: an owner committing meanwhile extends its lease (and sets committed_at), which makes
        // this match nothing rather than take over a key whose write just committed as if it had not.
        var committed = abandoned.CommittedAt is not null;
        var taken = await InScopeAsync(db => db.Set<IdempotencyRecord>()
            .Where(r => r.Id == abandoned.Id && r.LeaseToken == abandoned.LeaseToken && r.CompletedAt == null && r.LeaseUntil <= now
                && (r.CommittedAt != null) == committed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseToken, token).SetProperty(r => r.LeaseUntil, until), cancellationToken));
        return taken == 1 ? new IdempotencyClaim.Owned(abandoned.Id, token, Replay: committed) : null;
    }

    private Task<IdempotencyRecord?> FindAsync(string caller, string key, CancellationToken cancellationToken) =>
        InScopeAsync(db => db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Caller == caller && r.Key == key, cancellationToken));

    /// <summary>A context of its own: the request's scoped one belongs to the endpoint and its unit of work.</summary>
    /// <remarks>
    /// Under the provider's retrying strategy: EF retries its own queries, but not raw SQL (the claim's INSERT), and a
    /// PostgreSQL restart while a key was claimed answered the write with a 500 (scripts/chaos.sh).
    /// </remarks>
    private async Task<T> InScopeAsync<T>(Func<PodiumDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(() => work(db));
    }

    private static Dictionary<string, string> ReadHeaders(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency key of {Caller} taken over: the request that held it ran past its lease (crashed or too slow); it runs again")]
    private static partial void LogTakenOver(ILogger logger, string caller);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency key of {Caller}: its request committed but stored no response (its instance died); the retry answers in its place without writing again")]
    private static partial void LogReplayingCommitted(ILogger logger, string caller);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Response {Status} not stored for replay: another request took over this key's lease while it ran (raise Podium:Idempotency:InFlightLease)")]
    private static partial void LogLeaseLost(ILogger logger, int status);
}

/// <summary>Keys past their lifetime (answered or abandoned) are removed by the purge job.</summary>
internal sealed class ExpiredIdempotencyKeysRule(PodiumDbContext db) : IRetentionRule
{
    public string Name => "idempotency keys past their lifetime";

    public Task<int> DeleteExpiredBatchAsync(DateTime nowUtc, int batchSize, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().DeleteBatchAsync(r => r.ExpiresAt <= nowUtc, r => r.Id, batchSize, cancellationToken);
}
