using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Podium.Platform.Data;

/// <summary>
/// A module's demo data, written by <c>podium seed demo</c> and at a Development start. Running it twice must
/// change nothing the second time.
/// </summary>
public interface IDemoSeeder
{
    /// <summary>What it seeds, for the command's output, e.g. <c>club: anglers, lakes, 2025 season</c>.</summary>
    string Name { get; }

    /// <summary>Writes what is missing; returns how many rows it added.</summary>
    Task<int> SeedAsync(CancellationToken cancellationToken);
}

public sealed record SeedResult(string Seeder, int Rows)
{
    /// <summary>How long the seeder took: a Development start waits for every seeder, so each one's cost is logged.</summary>
    public TimeSpan Duration { get; init; }
}

public static class DemoData
{
    /// <summary>Runs every registered seeder in registration order.</summary>
    public static async Task<IReadOnlyList<SeedResult>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var results = new List<SeedResult>();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>())
        {
            var started = Stopwatch.GetTimestamp();
            var rows = await seeder.SeedAsync(cancellationToken);
            results.Add(new SeedResult(seeder.Name, rows) { Duration = Stopwatch.GetElapsedTime(started) });
        }

        return results;
    }
}
