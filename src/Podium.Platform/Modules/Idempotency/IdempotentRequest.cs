using Microsoft.EntityFrameworkCore;

namespace Podium.Platform.Modules.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> claim of the request running now, seen by every unit of work it runs
/// (<c>InTransactionAsync</c>): the unit marks the key committed in its own transaction, so the write and the mark commit
/// together, and a request whose lease was taken over by a retry cannot commit at all.
/// </summary>
internal sealed class IdempotentRequest(IdempotencyClaim.Owned claim, TimeProvider time, TimeSpan committedLease)
{
    private static readonly AsyncLocal<IdempotentRequest?> Running = new();

    /// <summary>Set by the middleware for the request it runs; flows into everything the endpoint awaits.</summary>
    public static IdempotentRequest? Current
    {
        get => Running.Value;
        set => Running.Value = value;
    }

    /// <summary>An earlier run of this key committed its write but died before storing its response: run again, commit nothing.</summary>
    public bool Replay => claim.Replay;

    /// <returns>False when the key is no longer this request's (a retry took over its lease): the unit must not commit.</returns>
    public async Task<bool> MarkCommittedAsync(DbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + committedLease;
        return await db.Set<IdempotencyRecord>()
            .Where(r => r.Id == claim.Id && r.LeaseToken == claim.LeaseToken && r.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CommittedAt, r => r.CommittedAt ?? now).SetProperty(r => r.LeaseUntil, until), cancellationToken) == 1;
    }
}

/// <summary>
/// The request lost its <c>Idempotency-Key</c> to a retry (it ran past its lease) before its write committed: the write
/// was rolled back, and the request answers 409, as the retry now runs it.
/// </summary>
public sealed class IdempotencyKeyLostException() : Exception("This request's Idempotency-Key was taken over by a retry; its write was rolled back.");
