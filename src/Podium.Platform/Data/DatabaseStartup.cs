using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Data;

/// <summary>
/// Runs before the server listens: migrates (and seeds) where allowed, and otherwise refuses to serve on a
/// schema older than the code.
/// </summary>
internal sealed partial class DatabaseStartup(
    IServiceProvider services,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var migrate = options.Value.MigrateOnStart ?? environment.IsDevelopment();
        var seed = options.Value.SeedOnStart ?? environment.IsDevelopment();

        await using (var scope = services.CreateAsyncScope())
        {
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            if (migrate)
            {
                var applied = await migrator.MigrateAsync(cancellationToken);
                LogMigrated(logger, applied.Count, string.Join(", ", applied));
            }
            else
            {
                var status = await migrator.GetStatusAsync(cancellationToken);
                if (status.Pending.Count > 0)
                {
                    throw new PendingMigrationsException(status.Provider, status.Pending);
                }
            }
        }

        if (seed)
        {
            foreach (var result in await DemoData.SeedAsync(services, cancellationToken))
            {
                LogSeeded(logger, result.Seeder, result.Rows, (long)result.Duration.TotalMilliseconds);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated at start: {Count} migration(s) applied {Migrations}")]
    private static partial void LogMigrated(ILogger logger, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data {Seeder}: {Rows} row(s) added in {Milliseconds} ms")]
    private static partial void LogSeeded(ILogger logger, string seeder, int rows, long milliseconds);
}
