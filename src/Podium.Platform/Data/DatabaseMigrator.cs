using Microsoft.EntityFrameworkCore;

namespace Podium.Platform.Data;

public sealed record MigrationStatus(DatabaseProvider Provider, IReadOnlyList<string> Applied, IReadOnlyList<string> Pending);

/// <summary>Reads and applies schema migrations for whichever provider is configured.</summary>
public sealed class DatabaseMigrator(PodiumDbContext db, DatabaseConnection connection)
{
    public async Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return new MigrationStatus(connection.Provider, applied, pending);
    }

    /// <summary>Applies every pending migration; returns the names applied (none when up to date).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        return pending;
    }
}
