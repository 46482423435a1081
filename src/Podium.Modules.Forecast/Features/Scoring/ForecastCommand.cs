using System.CommandLine;
using Podium.Platform.Cli;

namespace Podium.Modules.Forecast.Features.Scoring;

/// <summary>
/// <c>podium forecast score --prices prices.csv --forecasts forecasts.csv [--out scores.json]</c>: grades anyone's
/// forecasts against the random walk, offline. It reads only the two files (no database, no migrations needed).
/// </summary>
internal sealed class ForecastCommand : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var prices = new Option<string>("--prices") { Description = "CSV of daily closes: date,close", Required = true };
        var forecasts = new Option<string>("--forecasts") { Description = "CSV of forecasts: model,issued_date,horizon_days,point,q10,q50,q90", Required = true };
        var output = new Option<string?>("--out") { Description = "Where to write the scores as JSON (default: standard output)" };
        var score = new Command("score", "Score forecasts against the random walk (MAE, MASE, direction, coverage, pinball, Diebold–Mariano).") { prices, forecasts, output };
        score.SetScopedAction(services, async (parse, _, ct) =>
        {
            var pricesPath = PodiumCli.FullPath(parse.GetRequiredValue(prices));
            var forecastsPath = PodiumCli.FullPath(parse.GetRequiredValue(forecasts));
            var outcome = ScoreFiles.Score(
                await ReadAsync(pricesPath, ct), await ReadAsync(forecastsPath, ct), Path.GetFileName(pricesPath), Path.GetFileName(forecastsPath));
            if (!outcome.Succeeded)
            {
                foreach (var problem in outcome.Problems)
                {
                    await Console.Error.WriteLineAsync(problem.ToString());
                }

                await Console.Error.WriteLineAsync($"error: nothing was scored; {outcome.Problems.Count} problem(s) in the files.");
                return 1;
            }

            var json = ScoresJson.Write(outcome.Scores);
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(PodiumCli.FullPath(path), json, ct);
                Console.WriteLine($"forecast: {outcome.Scores.Count} score row(s) written to {path}.");
            }
            else
            {
                Console.Write(json);
            }

            return 0;
        }, needsCurrentSchema: false);
        return new Command("forecast", "Bitcoin forecasts: score anyone's forecasts against the random walk.") { score };
    }

    private static async Task<string> ReadAsync(string path, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {path}: {ex.Message}");
        }
    }
}
