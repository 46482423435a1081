using Podium.Modules.Fights.Sample;
using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Features.Import;

/// <summary>
/// The bundled <see cref="SampleDataSet"/> as a feed (its source is registered as sample data, so everything it gives is
/// labelled <c>sample</c>): the Development default, and a feed for demos without the internet. Generated for the start
/// of today (UTC), so the same day's imports read the same set and change nothing.
/// </summary>
internal sealed class SampleProvider(TimeProvider time) : IFeedProvider<MmaScheduleRequest, MmaSchedule>
{
    public const string SourceKey = SampleDataSet.Source;

    string IFeedProvider<MmaScheduleRequest, MmaSchedule>.SourceKey => SourceKey;

    public Task<MmaSchedule> FetchAsync(MmaScheduleRequest request, HttpClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var from = request.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = request.To.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(1);
        return Task.FromResult(Read(e => e.StartsAt >= from && e.StartsAt < to));
    }

    /// <summary>The whole set, past and upcoming: what the demo seeder imports (it calls no HTTP, so no client).</summary>
    public MmaSchedule ReadAll() => Read(_ => true);

    private MmaSchedule Read(Func<SampleEvent, bool> wanted)
    {
        var set = SampleDataSet.Generate(time.GetUtcNow().UtcDateTime.Date);
        var fighters = set.Fighters.ToDictionary(f => f.ExternalId, StringComparer.Ordinal);
        var events = set.Events.Where(wanted).Select(e => new FeedEvent(
            e.ExternalId, e.Name, e.Organisation, e.StartsAt, e.Venue, e.City, e.Country, e.Status,
            [.. e.Card.Select(b => new FeedBout(
                b.ExternalId, b.Order, b.WeightClass, b.ScheduledRounds, b.TitleFight, Fighter(fighters[b.FighterA]), Fighter(fighters[b.FighterB]),
                b.StartsAt, Cancelled: false, b.Result, b.Odds))])).ToList();
        return new MmaSchedule(events, []);
    }

    private static FeedFighter Fighter(SampleFighter f) => new(
        f.ExternalId, f.Name, f.Nickname, f.DateOfBirth, f.Country, f.WeightClass, f.Stance, f.HeightCm, f.ReachCm, f.Team, f.Style, f.Record,
        new FeedStats(f.Stats.StrikesLandedPerMinute, f.Stats.StrikesAbsorbedPerMinute, f.Stats.StrikingAccuracy, f.Stats.StrikingDefence,
            f.Stats.TakedownAverage, f.Stats.TakedownAccuracy, f.Stats.TakedownDefence, f.Stats.SubmissionAverage),
        f.Active);
}
