using System.Text.Json;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Model;
using Podium.Modules.Fights.Sample;
using Podium.Platform.Feeds;

namespace Podium.Tests.Modules.Fights;

/// <summary>The bundled fictional data set: big enough for every page, consistent, plausible, and the same every time.</summary>
public sealed class FightsSampleDataTests
{
    private static readonly DateTime Reference = new(2026, 12, 7, 15, 30, 0, DateTimeKind.Utc);
    private static readonly SampleDataSet Set = SampleDataSet.Generate(Reference);

    private static IEnumerable<SampleEvent> Past => Set.Events.Where(e => e.StartsAt < Reference);

    private static IEnumerable<SampleEvent> Upcoming => Set.Events.Where(e => e.StartsAt > Reference);

    private static IEnumerable<(SampleEvent Event, SampleBout Bout)> Bouts => Set.Events.SelectMany(e => e.Card.Select(b => (e, b)));

    [Fact]
    public void Generate_WhenGivenTheDefaults_HasEnoughForEveryPage()
    {
        Set.Fighters.Count.ShouldBeGreaterThanOrEqualTo(200);
        Past.Count().ShouldBeGreaterThanOrEqualTo(30);
        Upcoming.Count().ShouldBeGreaterThanOrEqualTo(6);
        Set.Events.ShouldAllBe(e => e.Card.Count >= 10);
        // Every real class has a roster (catchweight is agreed per bout, not a roster of its own).
        Set.Fighters.Select(f => f.WeightClass).Distinct().Count().ShouldBe(Enum.GetValues<WeightClass>().Length - 1);
    }

    [Fact]
    public void Generate_WhenPast_EveryBoutHasAResultAndSeveralLines()
    {
        Past.ShouldAllBe(e => e.Status == EventStatus.Completed);
        Past.SelectMany(e => e.Card).ShouldAllBe(b => b.Result != null && b.Odds.Count >= 4);
    }

    [Fact]
    public void Generate_WhenUpcoming_IsAfterTheReferenceWithCardsAndOddsButNoResults()
    {
        Upcoming.ShouldAllBe(e => e.Status == EventStatus.Scheduled && e.StartsAt > Reference);
        Upcoming.SelectMany(e => e.Card).ShouldAllBe(b => b.Result == null && b.Odds.Count >= 1 && b.Odds.All(o => o.TakenAt <= Reference));
    }

    [Fact]
    public void Generate_WhenResultsAreTallied_HasARealisticMix()
    {
        var results = Past.SelectMany(e => e.Card).Select(b => b.Result!).ToList();
        var wins = results.Where(r => r.Winner != null).ToList();

        results.Count(r => r.Outcome == BoutOutcome.Draw).ShouldBeGreaterThan(0);
        results.Count(r => r.Outcome == BoutOutcome.NoContest).ShouldBeGreaterThan(0);
        foreach (var method in new[] { FinishMethod.KoTko, FinishMethod.Submission, FinishMethod.UnanimousDecision, FinishMethod.SplitDecision, FinishMethod.MajorityDecision })
        {
            wins.Count(r => r.Method == method).ShouldBeGreaterThan(0, method.ToString());
        }

        // Decisions are the most common result, as on real cards; stoppages come in every round.
        wins.Count(r => r.Method!.Value.IsDecision()).ShouldBeGreaterThan(wins.Count / 4);
        wins.Where(r => r.Method!.Value.IsFinish()).Select(r => r.Round).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        Past.SelectMany(e => e.Card).Count(b => b.TitleFight).ShouldBeGreaterThan(5);
        // Both corners win, and underdogs sometimes do.
        wins.Count(r => r.Winner == Corner.A).ShouldBeGreaterThan(wins.Count / 4);
        wins.Count(r => r.Winner == Corner.B).ShouldBeGreaterThan(wins.Count / 4);
        Past.SelectMany(e => e.Card).Count(b => b.Result!.Winner is { } w && Odds.Favourite(b.Odds[^1].MoneylineA, b.Odds[^1].MoneylineB) is { } f && f != w)
            .ShouldBeGreaterThan(10);
    }

    [Fact]
    public void Generate_EveryRecord_PassesTheDataQualityRules()
    {
        foreach (var fighter in Set.Fighters)
        {
            DataQuality.CheckFighter(new FighterFacts(fighter.Name, fighter.DateOfBirth, fighter.HeightCm, fighter.ReachCm), DateOnly.FromDateTime(Reference))
                .ShouldBeEmpty(fighter.Name);
        }

        var byId = Set.Fighters.ToDictionary(f => f.ExternalId);
        var ids = byId.Keys.ToDictionary(k => k, _ => Guid.NewGuid());
        foreach (var (e, bout) in Bouts)
        {
            DataQuality.CheckBout(new BoutFacts(ids[bout.FighterA], ids[bout.FighterB], bout.StartsAt ?? e.StartsAt, bout.ScheduledRounds, bout.Result), Reference)
                .ShouldBeEmpty(bout.ExternalId);
            bout.Odds.SelectMany(DataQuality.CheckOdds).ShouldBeEmpty(bout.ExternalId);
            foreach (var corner in new[] { bout.FighterA, bout.FighterB })
            {
                var fighter = byId[corner];
                fighter.WeightClass.ShouldBe(bout.WeightClass);
                DataQuality.CheckFighter(new FighterFacts(fighter.Name, fighter.DateOfBirth, fighter.HeightCm, fighter.ReachCm), DateOnly.FromDateTime(e.StartsAt))
                    .ShouldBeEmpty(fighter.Name);
            }
        }
    }

    [Fact]
    public void Generate_EveryFightersRecord_HoldsTheirBoutsOnFile()
    {
        var careers = Set.Fighters.ToDictionary(f => f.ExternalId, _ => new List<CareerBout>());
        foreach (var (e, bout) in Bouts)
        {
            if (bout.Result is not { } result)
            {
                continue;
            }

            careers[bout.FighterA].Add(new CareerBout(e.StartsAt, result.For(Corner.A), result.Method));
            careers[bout.FighterB].Add(new CareerBout(e.StartsAt, result.For(Corner.B), result.Method));
        }

        foreach (var fighter in Set.Fighters)
        {
            DataQuality.CheckRecord(fighter.Record, Records.Derive(careers[fighter.ExternalId])).ShouldBeEmpty(fighter.Name);
            fighter.Record.Bouts.ShouldBeGreaterThan(0);
        }

        careers.Values.Count(c => c.Count > 0).ShouldBeGreaterThan(Set.Fighters.Count / 2);
    }

    [Fact]
    public void Generate_EveryCard_HasDistinctFightersAndAMainEventFirst()
    {
        foreach (var e in Set.Events)
        {
            var corners = e.Card.SelectMany(b => new[] { b.FighterA, b.FighterB }).ToList();
            corners.Distinct().Count().ShouldBe(corners.Count, e.Name);
            e.Card.Select(b => b.Order).ShouldBe(Enumerable.Range(1, e.Card.Count));
            e.Card[0].ScheduledRounds.ShouldBe(5);
            e.Card.Where(b => b.TitleFight).ShouldAllBe(b => b.ScheduledRounds == 5);
            e.Name.ShouldContain(" vs. ");
        }
    }

    [Fact]
    public void Generate_WhenLookingForDuplicates_FindsNone() =>
        Duplicates.Find(Set.Fighters.Select(f => new FighterIdentity(Guid.NewGuid(), f.Name, f.DateOfBirth, [new ExternalId(SampleDataSet.Source, f.ExternalId)])))
            .ShouldBeEmpty();

    [Fact]
    public void Generate_EveryRecord_IsMarkedSample()
    {
        Set.Fighters.ShouldAllBe(f => f.Provenance == FeedProvenance.Sample);
        Set.Events.ShouldAllBe(e => e.Provenance == FeedProvenance.Sample);
        Bouts.ShouldAllBe(x => x.Bout.Provenance == FeedProvenance.Sample);
    }

    [Fact]
    public void Generate_WhenRunTwiceWithTheSameSeedAndReference_IsTheSame() =>
        JsonSerializer.Serialize(SampleDataSet.Generate(Reference)).ShouldBe(JsonSerializer.Serialize(Set));

    [Fact]
    public void Generate_WhenTheSeedDiffers_IsADifferentSet() =>
        JsonSerializer.Serialize(SampleDataSet.Generate(Reference, seed: 18)).ShouldNotBe(JsonSerializer.Serialize(Set));

    [Fact]
    public void Generate_WhenTheReferenceMoves_TheEventsMoveWithIt()
    {
        var later = SampleDataSet.Generate(Reference.AddDays(100));

        later.Events.Count(e => e.StartsAt > Reference.AddDays(100)).ShouldBe(Upcoming.Count());
        later.Fighters.Select(f => f.Name).ShouldBe(Set.Fighters.Select(f => f.Name));
    }

    [Fact]
    public void Generate_WhenTheReferenceIsNotUtc_Refuses() =>
        Should.Throw<ArgumentException>(() => SampleDataSet.Generate(DateTime.SpecifyKind(Reference, DateTimeKind.Local))).ParamName.ShouldBe("reference");
}
