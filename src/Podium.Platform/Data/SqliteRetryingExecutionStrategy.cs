using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Podium.Platform.Data;

/// <summary>
/// SQLite's counterpart of Npgsql's retrying strategy. The busy timeout already makes a writer wait for the one write
/// lock; what still fails is a wait longer than that timeout, and the cases SQLite answers at once without waiting: a
/// deferred reader that wants to write after another writer moved the snapshot on (SQLITE_BUSY_SNAPSHOT), and a lock
/// cycle it breaks by refusing one side. Retrying the whole unit of work, not the statement, is what fixes all three.
/// </summary>
internal sealed class SqliteRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : ExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay)
{
    private const int Busy = 5;
    private const int Locked = 6;

    // Extended codes (BUSY_SNAPSHOT 517, BUSY_RECOVERY 261, LOCKED_SHAREDCACHE 262) carry the primary one in their low byte.
    protected override bool ShouldRetryOn(Exception exception) =>
        exception is SqliteException sqlite && (IsBusyOrLocked(sqlite.SqliteErrorCode) || IsBusyOrLocked(sqlite.SqliteExtendedErrorCode));

    private static bool IsBusyOrLocked(int code) => (code & 0xFF) is Busy or Locked;
}
