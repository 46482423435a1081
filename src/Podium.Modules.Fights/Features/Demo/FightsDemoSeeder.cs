using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Model;
using Podium.Modules.Fights.Sample;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Features.Demo;

/// <summary>
/// Writes the bundled <see cref="SampleDataSet"/> (about 220 fictional fighters, 32 past events with results and odds
/// history, 8 upcoming cards), every row marked <see cref="FeedProvenance.Sample"/> so the pages badge it. Placed relative
/// to now, so the upcoming events are upcoming. Only into an empty module (no fighters, no events), so it never mixes
/// with imported data and a second run adds nothing.
/// </summary>
internal sealed class FightsDemoSeeder(PodiumDbContext db, IPodiumCache cache, TimeProvider time) : IDemoSeeder
{
    public string Name => "fights: sample promotion, 220 fighters, 32 past and 8 upcoming events with odds";

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<Fighter>().AnyAsync(cancellationToken) || await db.Set<FightEvent>().AnyAsync(cancellationToken))
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var set = SampleDataSet.Generate(now);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var fighters = new Dictionary<string, Fighter>(StringComparer.Ordinal);
        foreach (var f in set.Fighters)
        {
            var fighter = new Fighter
            {
                Name = f.Name,
                Nickname = f.Nickname,
                Slug = FightSlugs.ForFighter(f.Name, s => !slugs.Add(s)),
                DateOfBirth = f.DateOfBirth,
                Country = f.Country,
                WeightClass = f.WeightClass,
                Stance = f.Stance,
                HeightCm = f.HeightCm,
                ReachCm = f.ReachCm,
                Team = f.Team,
                Style = f.Style,
                Wins = f.Record.Wins,
                Losses = f.Record.Losses,
                Draws = f.Record.Draws,
                NoContests = f.Record.NoContests,
                StrikesLandedPerMinute = f.Stats.StrikesLandedPerMinute,
                StrikesAbsorbedPerMinute = f.Stats.StrikesAbsorbedPerMinute,
                StrikingAccuracy = f.Stats.StrikingAccuracy,
                StrikingDefence = f.Stats.StrikingDefence,
                TakedownAverage = f.Stats.TakedownAverage,
                TakedownAccuracy = f.Stats.TakedownAccuracy,
                TakedownDefence = f.Stats.TakedownDefence,
                SubmissionAverage = f.Stats.SubmissionAverage,
                Active = f.Active,
                Source = SampleDataSet.Source,
                Provenance = f.Provenance,
                CreatedAt = now,
                UpdatedAt = now,
                ExternalIds = [new FighterExternalId { Source = SampleDataSet.Source, ExternalId = f.ExternalId }],
            };
            fighters[f.ExternalId] = fighter;
            db.Add(fighter);
        }

        slugs.Clear();
        foreach (var e in set.Events)
        {
            db.Add(new FightEvent
            {
                Name = e.Name,
                Slug = FightSlugs.ForEvent(e.Name, s => !slugs.Add(s)),
                Organisation = e.Organisation,
                StartsAt = e.StartsAt,
                Venue = e.Venue,
                City = e.City,
                Country = e.Country,
                Status = e.Status,
                Source = SampleDataSet.Source,
                ExternalId = e.ExternalId,
                Provenance = e.Provenance,
                CreatedAt = now,
                UpdatedAt = now,
                Bouts = [.. e.Card.Select(b => new Bout
                {
                    Order = b.Order,
                    WeightClass = b.WeightClass,
                    ScheduledRounds = b.ScheduledRounds,
                    TitleFight = b.TitleFight,
                    FighterA = fighters[b.FighterA],
                    FighterB = fighters[b.FighterB],
                    StartsAt = b.StartsAt,
                    Status = b.Result is null ? BoutStatus.Scheduled : BoutStatus.Completed,
                    Outcome = b.Result?.Outcome,
                    Method = b.Result?.Method,
                    Round = b.Result?.Round,
                    TimeSeconds = b.Result?.Time is { } t ? (int)t.TotalSeconds : null,
                    ResultRecordedAt = b.Result is null ? null : (b.StartsAt ?? e.StartsAt).AddMinutes(30),
                    Source = SampleDataSet.Source,
                    ExternalId = b.ExternalId,
                    Provenance = b.Provenance,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Odds = [.. b.Odds.Select(o => new OddsLine { TakenAt = o.TakenAt, MoneylineA = o.MoneylineA, MoneylineB = o.MoneylineB, Source = SampleDataSet.Source, Provenance = b.Provenance })],
                })],
            });
        }

        db.ChangeTracker.DetectChanges();
        var rows = db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added);
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateTagAsync(FightsCacheTags.Events, cancellationToken);
        return rows;
    }
}
