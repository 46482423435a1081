using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;

namespace Podium.Platform.Cli;

internal sealed class DbCommand : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var migrate = new Command("migrate", "Apply every pending migration of the configured provider (creates the database if missing).");
        migrate.SetScopedAction(services, async (_, scope, cancellationToken) =>
        {
            var connection = scope.GetRequiredService<DatabaseConnection>();
            Console.WriteLine($"Provider: {connection.Provider}");
            Console.WriteLine($"Database: {connection.Redacted}");
            var applied = await scope.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            foreach (var name in applied)
            {
                Console.WriteLine($"Applied: {name}");
            }

            Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"{applied.Count} migration(s) applied.");
            return 0;
        }, needsCurrentSchema: false);

        var status = new Command("status", "List applied and pending migrations of the configured provider.");
        status.SetScopedAction(services, async (_, scope, cancellationToken) =>
        {
            var connection = scope.GetRequiredService<DatabaseConnection>();
            var result = await scope.GetRequiredService<DatabaseMigrator>().GetStatusAsync(cancellationToken);
            Console.WriteLine($"Provider: {result.Provider}");
            Console.WriteLine($"Database: {connection.Redacted}");
            Console.WriteLine($"Applied ({result.Applied.Count}):");
            foreach (var name in result.Applied)
            {
                Console.WriteLine($"  {name}");
            }

            Console.WriteLine($"Pending ({result.Pending.Count}):");
            foreach (var name in result.Pending)
            {
                Console.WriteLine($"  {name}");
            }

            return 0;
        }, needsCurrentSchema: false);

        return new Command("db", "Database schema.") { migrate, status };
    }
}

internal sealed class SeedCommand : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var demo = new Command("demo", "Add the demo data of every module (idempotent: running it again adds nothing).");
        demo.SetScopedAction(services, async (_, scope, cancellationToken) =>
        {
            var results = await DemoData.SeedAsync(scope, cancellationToken);
            foreach (var result in results)
            {
                Console.WriteLine($"{result.Seeder}: {result.Rows} row(s) added");
            }

            Console.WriteLine(results.Count == 0
                ? "No module of this server provides demo data."
                : $"Demo data from {results.Count} module(s) is in place.");
            return 0;
        });

        return new Command("seed", "Sample data.") { demo };
    }
}
