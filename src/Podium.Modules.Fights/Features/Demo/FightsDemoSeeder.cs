using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Features.Import;
using Podium.Modules.Fights.Model;
using Podium.Modules.Fights.Sample;
using Podium.Platform.Data;
using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Features.Demo;

/// <summary>
/// Imports the bundled <see cref="SampleDataSet"/> (about 220 fictional fighters, 32 past events with results and odds
/// history, 8 upcoming cards) through the feed import, as the sample source: one mapping from feed records to rows, the
/// same data checks (a record that fails them is quarantined, as from any feed), results recorded and scored by
/// <see cref="Results.ResultRecorder"/>, every row labelled <see cref="FeedProvenance.Sample"/>, and a
/// <c>platform_feed_runs</c> row saying so. Only into an empty module (no fighters, no events), so it never mixes with
/// imported data and a restart adds nothing; and only where the sample source is registered (the sample feed, or any
/// environment but Production), so a site fed by a real source never gets made-up records among its own.
/// </summary>
internal sealed class FightsDemoSeeder(
    PodiumDbContext db,
    IEnumerable<FeedSourceDefinition> sources,
    IFeedRuns runs,
    FeedImporter importer,
    TimeProvider time) : IDemoSeeder
{
    public string Name => "fights: sample promotion, 220 fighters, 32 past and 8 upcoming events with odds (imported from the sample feed)";

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        if (!sources.Any(s => s.Key == SampleProvider.SourceKey)
            || await db.Set<Fighter>().AnyAsync(cancellationToken)
            || await db.Set<FightEvent>().AnyAsync(cancellationToken))
        {
            return 0;
        }

        var data = new SampleProvider(time).ReadAll();
        var run = await runs.RunAsync(SampleProvider.SourceKey, async (progress, ct) =>
        {
            progress.Provenance = FeedProvenance.Sample;
            await importer.ImportAsync(SampleProvider.SourceKey, FeedProvenance.Sample, data, progress, ct);
        }, cancellationToken);
        return run.Inserted;
    }
}
