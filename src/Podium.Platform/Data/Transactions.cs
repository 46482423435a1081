using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Podium.Platform.Modules.Idempotency;

namespace Podium.Platform.Data;

/// <summary>
/// The one way to run an explicit transaction: the whole unit of work (begin, the work, commit) runs under the
/// provider's retrying execution strategy, so a transient failure (a PostgreSQL restart, a busy SQLite) redoes the
/// whole unit, never half of one. With a retrying strategy EF refuses a transaction begun outside it.
/// </summary>
/// <remarks>
/// In a request holding an <c>Idempotency-Key</c>, the unit also marks the key committed (see <c>IdempotentRequest</c>).
/// The work must be safe to run again from the start: on a retry the change tracker is cleared, so it reloads what it
/// changes inside the unit, not before it. It must not read through the cache (a cached value read inside could be
/// older than the row the unit locked): read cached values before, and drop or refresh them after the commit.
/// </remarks>
public static class Transactions
{
    private static readonly TimeSpan InProgressPause = TimeSpan.FromMilliseconds(100);
    private const int InProgressChecks = 50;

    public static Task InTransactionAsync(
        this DbContext db, Func<CancellationToken, Task> work, IsolationLevel? isolationLevel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return db.InTransactionAsync(
            async ct =>
            {
                await work(ct);
                return true;
            },
            isolationLevel,
            cancellationToken);
    }

    /// <returns>What <paramref name="work"/> returned, from the attempt that committed.</returns>
    public static async Task<T> InTransactionAsync<T>(
        this DbContext db, Func<CancellationToken, Task<T>> work, IsolationLevel? isolationLevel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        if (db.Database.CurrentTransaction is not null)
        {
            // Part of a unit already running (its retry redoes this too): join it.
            return await work(cancellationToken);
        }

        return await new Unit<T>(db, work, isolationLevel).ExecuteAsync(cancellationToken);
    }

    /// <summary>
    /// Saves the changes already tracked and what <paramref name="alsoInTransaction"/> writes (typically the audit row
    /// about them) in one transaction, retried as a whole. For commands that load and edit before saving: the tracker is
    /// not cleared on a retry, and the changes are accepted only once committed, so a retry saves them all again. Keys the
    /// database generates (identity columns) reach the entities only then: describe a new row by a key set in code.
    /// </summary>
    public static async Task SaveChangesInTransactionAsync(this DbContext db, Func<CancellationToken, Task> alsoInTransaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alsoInTransaction);
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            await alsoInTransaction(cancellationToken);
            return;
        }

        var unit = new Unit<bool>(db, async ct =>
        {
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            await alsoInTransaction(ct);
            return true;
        }, isolationLevel: null, clearOnRetry: false);
        await unit.ExecuteAsync(cancellationToken);
        db.ChangeTracker.AcceptAllChanges();
    }

    private sealed class Unit<T>(DbContext db, Func<CancellationToken, Task<T>> work, IsolationLevel? isolationLevel, bool clearOnRetry = true)
    {
        private int _attempts;
        private bool _committing;
        private long? _transactionId;
        private T _result = default!;

        /// <summary>The unit under the provider's strategy: each attempt runs it whole, and a lost COMMIT is looked up first.</summary>
        public Task<T> ExecuteAsync(CancellationToken cancellationToken) =>
            db.Database.CreateExecutionStrategy().ExecuteAsync(
                this, static (_, u, ct) => u.RunAsync(ct), static (_, u, ct) => u.VerifyCommittedAsync(ct), cancellationToken);

        public async Task<T> RunAsync(CancellationToken cancellationToken)
        {
            if (_attempts++ > 0 && clearOnRetry)
            {
                // What the failed attempt loaded or added is not in the database: the retry starts from nothing.
                db.ChangeTracker.Clear();
            }

            (_committing, _transactionId) = (false, null);
            await using var transaction = isolationLevel is { } level
                ? await db.Database.BeginTransactionAsync(level, cancellationToken)
                : await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                // Its id lets a COMMIT whose answer was lost (the connection dropped) be looked up before a retry.
                _transactionId = (await db.Database.SqlQuery<long>($"SELECT txid_current() AS \"Value\"").ToListAsync(cancellationToken)).Single();
            }

            _result = await work(cancellationToken);
            if (IdempotentRequest.Current is { } keyed)
            {
                if (keyed.Replay)
                {
                    // The request's write committed in an earlier run that died before answering: this run only rebuilds
                    // the answer. Rolled back, it writes, audits and announces nothing a second time.
                    await transaction.RollbackAsync(cancellationToken);
                    return _result;
                }

                // The key's mark commits with the write, or neither does: two runs of one key can never both commit.
                if (!await keyed.MarkCommittedAsync(db, cancellationToken))
                {
                    throw new IdempotencyKeyLostException();
                }
            }

            _committing = true;
            await transaction.CommitAsync(cancellationToken);
            return _result;
        }

        /// <summary>
        /// Called by the strategy before it retries: when it was the COMMIT that failed, the transaction may have committed
        /// all the same (the server got it, the answer got lost), and running the unit again would apply it twice.
        /// PostgreSQL keeps each transaction's outcome (<c>txid_status</c>); a failed SQLite COMMIT is local and did not happen.
        /// </summary>
        public async Task<ExecutionResult<T>> VerifyCommittedAsync(CancellationToken cancellationToken)
        {
            if (!_committing || _transactionId is not { } id)
            {
                return new ExecutionResult<T>(false, default!);
            }

            for (var check = 0; ; check++)
            {
                var status = (await db.Database.SqlQuery<string?>($"SELECT txid_status({id}) AS \"Value\"").ToListAsync(cancellationToken)).Single();
                if (status != "in progress" || check >= InProgressChecks)
                {
                    return new ExecutionResult<T>(status == "committed", _result);
                }

                // The server has not finished the old connection's COMMIT yet (it notices the drop a moment later).
                await Task.Delay(InProgressPause, cancellationToken);
            }
        }
    }
}
