using System.CommandLine;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Model;
using Podium.Platform.Caching;
using Podium.Platform.Cli;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Platform.Modules;

namespace Podium.Modules.Fights.Features.Search;

/// <summary>
/// <c>podium fights seed-bench --fighters 10000</c>: made-up fighters in bulk for load tests of search (bench/fights.sh),
/// with names built from syllables so prefixes spread as real names do. Marked sample data, source "bench", so they
/// are never mistaken for real fighters; a second run adds more.
/// </summary>
internal sealed class SeedBenchCommand : ICliCommand
{
    public const string Source = "bench";

    private static readonly string[] Syllables =
    [
        "al", "an", "ar", "ba", "bo", "ca", "da", "de", "el", "fa", "ga", "go", "ha", "ia", "il", "jo", "ka", "ki", "la",
        "lu", "ma", "mi", "na", "no", "or", "pa", "ra", "ro", "sa", "so", "ta", "to", "ul", "va", "vi", "za", "zé", "ño",
    ];

    private static readonly string[] Nicknames =
    [
        "The Anvil", "Iceberg", "Lockjaw", "The Surgeon", "Bulldozer", "Mamba", "Quiet Storm", "The Tide", "Hammerhand",
        "Wolfsbane", "Nightjar", "The Professor", "Red Comet", "Sidewinder", "Tarantula", "Avalanche", "Copperhead",
    ];

    private static readonly string[] Countries = ["United States", "Brazil", "Russia", "Mexico", "Ireland", "Poland", "Japan", "Sweden"];

    private static readonly string[] Styles = ["Wrestling", "Brazilian Jiu-Jitsu", "Muay Thai", "Boxing", "Sambo", "Judo"];

    public Command Build(IServiceProvider services)
    {
        var fighters = new Option<int>("--fighters") { Description = "How many made-up fighters", DefaultValueFactory = _ => 10_000 };
        var randomSeed = new Option<int>("--random-seed") { Description = "Same seed, same names", DefaultValueFactory = _ => 1 };
        var seed = new Command("seed-bench", "Add made-up fighters in bulk (sample data, source \"bench\") for search load tests.") { fighters, randomSeed };
        seed.SetScopedAction(services, async (parse, scope, ct) =>
        {
            var count = parse.GetValue(fighters);
            if (count is < 1 or > 1_000_000)
            {
                Console.Error.WriteLine("--fighters must be between 1 and 1,000,000.");
                return 2;
            }

            var started = Stopwatch.GetTimestamp();
            await SeedAsync(scope.GetRequiredService<PodiumDbContext>(), scope.GetRequiredService<TimeProvider>(), count, parse.GetValue(randomSeed), ct);
            // Running servers drop their cached first-letter suggestions (FighterSearch), as after an import.
            await scope.GetRequiredService<IPodiumCache>().InvalidateTagAsync(FightsCacheTags.Events, ct);
            Console.WriteLine($"fights: {count:N0} fighters seeded in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s.");
            return 0;
        });
        return new Command("fights", "The MMA site's data: made-up fighters for benchmarks.") { seed };
    }

    internal static async Task SeedAsync(PodiumDbContext db, TimeProvider time, int count, int randomSeed, CancellationToken ct)
    {
        var random = new Random(randomSeed);
        var now = time.GetUtcNow().UtcDateTime;
        var slugs = (await db.Set<Fighter>().Select(f => f.Slug).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var classes = Enum.GetValues<WeightClass>();
        var stances = Enum.GetValues<Stance>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var done = 0; done < count;)
        {
            var batch = Math.Min(2_000, count - done);
            for (var i = 0; i < batch; i++)
            {
                var name = $"{Word(random)} {Word(random)}";
                db.Add(new Fighter
                {
                    Name = name,
                    Nickname = random.Next(3) == 0 ? Nicknames[random.Next(Nicknames.Length)] : null,
                    Slug = FightSlugs.ForFighter(name, s => !slugs.Add(s)),
                    Country = Countries[random.Next(Countries.Length)],
                    WeightClass = classes[random.Next(classes.Length)],
                    Stance = stances[random.Next(stances.Length)],
                    Style = Styles[random.Next(Styles.Length)],
                    Wins = random.Next(40),
                    Losses = random.Next(15),
                    Active = random.Next(5) != 0,
                    Source = Source,
                    Provenance = FeedProvenance.Sample,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += batch;
        }
    }

    private static string Word(Random random)
    {
        var word = string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(word[0]) + word[1..];
    }
}
