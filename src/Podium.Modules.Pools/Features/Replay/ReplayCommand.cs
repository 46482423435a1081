using System.CommandLine;
using Podium.Platform.Cli;

namespace Podium.Modules.Pools.Features.Replay;

/// <summary>
/// <c>podium pools replay --rules rules.json --games games.csv --picks picks.csv [--buybacks buybacks.csv] [--out
/// standings.json]</c>: a season's standings under a pool's rules, from files alone (no database). The standings go to
/// <c>--out</c> or standard output as JSON; a bad run prints every error, one a line, on standard error and exits 1.
/// </summary>
internal sealed class ReplayCommand : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var rules = new Option<string>("--rules") { Description = "The pool's rules (JSON, as the replay page and pool settings show them)", Required = true };
        var games = new Option<string>("--games") { Description = "games.csv: " + string.Join(',', SeasonReplay.GameColumns), Required = true };
        var picks = new Option<string>("--picks") { Description = "picks.csv: " + string.Join(',', SeasonReplay.PickColumns), Required = true };
        var buybacks = new Option<string?>("--buybacks") { Description = "buybacks.csv (survivor): " + string.Join(',', SeasonReplay.BuybackColumns) };
        var output = new Option<string?>("--out") { Description = "Write the standings here instead of to standard output" };
        var replay = new Command("replay", "Grade a season from files under a pool's rules and print the standings as JSON.") { rules, games, picks, buybacks, output };
        replay.SetAction(async (parse, cancellationToken) => await RunAsync(
            parse.GetRequiredValue(rules), parse.GetRequiredValue(games), parse.GetRequiredValue(picks), parse.GetValue(buybacks), parse.GetValue(output),
            Console.Out, Console.Error, cancellationToken));
        return new Command("pools", "NFL survivor and pick'em pools: replay a season under a pool's rules.") { replay };
    }

    /// <returns>0 with the standings written; 1 when a file is missing or the run was rejected.</returns>
    internal static async Task<int> RunAsync(
        string rulesPath, string gamesPath, string picksPath, string? buybacksPath, string? outPath, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var missing = new[] { rulesPath, gamesPath, picksPath, buybacksPath }
            .OfType<string>()
            .Where(path => !File.Exists(PodiumCli.FullPath(path)))
            .ToList();
        foreach (var path in missing)
        {
            await stderr.WriteLineAsync($"error: no file {path}");
        }

        if (missing.Count > 0)
        {
            return 1;
        }

        var input = new ReplayInput(
            await ReadAsync(rulesPath, cancellationToken),
            await ReadAsync(gamesPath, cancellationToken),
            await ReadAsync(picksPath, cancellationToken),
            buybacksPath is null ? null : await ReadAsync(buybacksPath, cancellationToken));
        var outcome = SeasonReplay.Run(input);
        if (!outcome.Succeeded)
        {
            await stderr.WriteLineAsync($"error: the replay was rejected ({outcome.Errors.Count} error(s)); nothing was written.");
            foreach (var error in outcome.Errors)
            {
                await stderr.WriteLineAsync(error.ToString());
            }

            return 1;
        }

        var json = StandingsJson.Write(outcome.Standings) + Environment.NewLine;
        if (outPath is null)
        {
            await stdout.WriteAsync(json);
        }
        else
        {
            await File.WriteAllTextAsync(PodiumCli.FullPath(outPath), json, cancellationToken);
            await stdout.WriteLineAsync($"pools: {outcome.Standings.Count} entries ranked, standings written to {outPath}.");
        }

        return 0;
    }

    private static Task<string> ReadAsync(string path, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(PodiumCli.FullPath(path), cancellationToken);
}
