using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Caching;
using Podium.Platform.Cli;
using Podium.Platform.Redis;

namespace Podium.Modules.Club.Features.Import;

/// <summary><c>podium club import --dir DIR</c>: the club's history from its old site's CSV exports.</summary>
internal sealed class ClubCommand : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var dir = new Option<string>("--dir")
        {
            Description = $"Folder holding any of {string.Join(", ", ClubImport.Files.Select(f => f.File))} (relative to where you run the command)",
            Required = true,
        };
        var import = new Command("import", "Import anglers, lakes, tournaments and results from CSV files: all or nothing; importing the same files again changes nothing.") { dir };
        import.SetScopedAction(services, async (parse, scope, cancellationToken) =>
        {
            var folder = new DirectoryInfo(PodiumCli.FullPath(parse.GetRequiredValue(dir)));
            if (!folder.Exists)
            {
                throw new CliException($"There is no folder {folder.FullName}.");
            }

            var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (file, _) in ClubImport.Files)
            {
                var path = Path.Combine(folder.FullName, file);
                if (File.Exists(path))
                {
                    files[file] = await File.ReadAllTextAsync(path, cancellationToken);
                }
            }

            if (files.Count == 0)
            {
                throw new CliException($"{folder.FullName} holds none of {string.Join(", ", ClubImport.Files.Select(f => f.File))}.");
            }

            // Connected before the import, so its cache invalidations reach running servers through Redis when there is one.
            var redis = scope.GetRequiredService<RedisConnection>();
            if (redis.IsConfigured)
            {
                await redis.GetAsync();
            }

            var report = await scope.GetRequiredService<ClubImport>().ImportAsync(files, actorId: null, cancellationToken);
            if (!report.Succeeded)
            {
                await Console.Error.WriteLineAsync("Nothing was imported:");
                foreach (var error in report.Errors)
                {
                    await Console.Error.WriteLineAsync($"  {error}");
                }

                return 1;
            }

            foreach (var file in report.Files)
            {
                Console.WriteLine($"{file.File}: {file.Rows} rows, {file.Added} added, {file.Updated} updated, {file.Unchanged} unchanged");
            }

            // This process cannot reach a running server's in-memory caches except through Redis.
            Console.WriteLine(redis.IsConnected
                ? "Running servers were told through Redis: the site shows the import now."
                : $"A running server shows the import within {scope.GetRequiredService<IOptions<CacheOptions>>().Value.UntoldChangeDelay.TotalSeconds:0} seconds, " +
                  "when its cached copies expire (no Redis to tell it sooner; see docs/OPERATIONS.md).");
            return 0;
        });

        return new Command("club", "The bass club.") { import };
    }
}
