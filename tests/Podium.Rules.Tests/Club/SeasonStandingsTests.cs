using Podium.Modules.Club.Domain;

namespace Podium.Rules.Tests.Club;

public sealed class SeasonStandingsTests
{
    private static readonly Guid Ada = Id(1), Bo = Id(2), Cy = Id(3), Guest = Id(9);

    private static Guid Id(int n) => new(n, 0, 0, new byte[8]);

    private static Bag Bag(Guid angler, int total, int bigBass = 0, int fish = 5, bool member = true, bool dq = false, bool buyIn = false, int penalty = 0) =>
        new(angler, fish, total, bigBass, penalty, dq, buyIn, member);

    private static SeasonTournament Tournament(int n, params Bag[] bags) => new(Id(100 + n), Completed: true, CountsForAnglerOfTheYear: true, bags);

    private static SeasonLine Line(SeasonAwards awards, Guid angler) => awards.AnglerOfTheYear.Single(l => l.AnglerId == angler);

    [Fact]
    public void Compute_SumsEachMembersPointsAcrossCountingTournaments()
    {
        var awards = SeasonStandings.Compute([
            Tournament(1, Bag(Ada, 1500, 400), Bag(Bo, 1200, 300)),
            Tournament(2, Bag(Ada, 800, 200), Bag(Bo, 1300, 600)),
        ]);

        // Equal points (199 each): the heavier season total ranks first.
        Line(awards, Bo).ShouldBe(new SeasonLine(Bo, 1, 199, 2500, 10, 600, 2, 1));
        Line(awards, Ada).ShouldBe(new SeasonLine(Ada, 2, 199, 2300, 10, 400, 2, 1));
        awards.AnglerOfTheYear.Select(l => l.AnglerId).ShouldBe([Bo, Ada]);
    }

    [Fact]
    public void Compute_TournamentsNotCompletedOrNotCounting_ContributeNothing()
    {
        var scheduled = Tournament(2, Bag(Bo, 3000)) with { Completed = false };
        var social = Tournament(3, Bag(Bo, 3000)) with { CountsForAnglerOfTheYear = false };

        var awards = SeasonStandings.Compute([Tournament(1, Bag(Ada, 1000), Bag(Bo, 900)), scheduled, social]);

        Line(awards, Bo).ShouldBe(new SeasonLine(Bo, 2, 99, 900, 5, 0, 1, 2));
        awards.HeavyStringer.ShouldHaveSingleItem().Weight.ShouldBe(1000);
    }

    [Fact]
    public void Compute_WhenTheSeasonsLastTournamentIsNotCompleted_ItsBagsCountForNoPointsAndNoAward()
    {
        // The last weigh-in (cancelled, or still open) has the season's heaviest bag and biggest fish, and Cy fished only there.
        var last = Tournament(3, Bag(Bo, 2500, 700), Bag(Cy, 2000, 550), Bag(Ada, 300, 100)) with { Completed = false };

        var awards = SeasonStandings.Compute([
            Tournament(1, Bag(Ada, 1500, 400), Bag(Bo, 1200, 300)),
            Tournament(2, Bag(Ada, 800, 200), Bag(Bo, 1300, 600)),
            last,
        ]);

        awards.AnglerOfTheYear.ShouldBe([new SeasonLine(Bo, 1, 199, 2500, 10, 600, 2, 1), new SeasonLine(Ada, 2, 199, 2300, 10, 400, 2, 1)]);
        awards.HeavyStringer.ShouldBe([new SeasonCatch(Ada, Id(101), 1500)]);
        awards.BigBass.ShouldBe([new SeasonCatch(Bo, Id(102), 600)]);
        awards.BigBassList.ShouldBe([new SeasonCatch(Bo, Id(102), 600)]);
    }

    [Theory]
    [InlineData("only net weight", 1000, 5, 300, 1001, 5, 300)]
    [InlineData("only fish", 1000, 4, 300, 1000, 5, 300)]
    [InlineData("only biggest bass", 1000, 5, 300, 1000, 5, 301)]
    [InlineData("more weight, fewer fish", 1400, 5, 300, 1500, 3, 300)]
    [InlineData("more weight, smaller bass", 1400, 5, 500, 1500, 5, 300)]
    [InlineData("more fish, smaller bass", 1000, 4, 500, 1000, 5, 300)]
    public void Compute_EqualPointsDifferingInOneTieBreaker_RankApartWithTheBetterFirst(
        string difference, int adaWeight, int adaFish, int adaBass, int boWeight, int boFish, int boBass)
    {
        // Both win their own tournament (100 points). Bo is better on the first tie-breaker that differs; Ada sorts
        // first by id, so only the tie-breakers can put Bo above her.
        var awards = SeasonStandings.Compute([
            Tournament(1, Bag(Ada, adaWeight, adaBass, fish: adaFish)),
            Tournament(2, Bag(Bo, boWeight, boBass, fish: boFish)),
        ]);

        awards.AnglerOfTheYear.Select(l => (l.AnglerId, l.Points, l.Rank)).ShouldBe([(Bo, 100, 1), (Ada, 100, 2)], difference);
    }

    [Fact]
    public void Compute_TiesOnPointsAreBrokenByWeightThenFishThenBiggestBass()
    {
        // Same points (100 each, different tournaments) and the same weight: more fish wins; then the bigger bass.
        var awards = SeasonStandings.Compute([
            Tournament(1, Bag(Ada, 1000, bigBass: 300, fish: 4)),
            Tournament(2, Bag(Bo, 1000, bigBass: 200, fish: 5)),
            Tournament(3, Bag(Cy, 1000, bigBass: 350, fish: 5)),
        ]);

        awards.AnglerOfTheYear.Select(l => (l.AnglerId, l.Rank)).ShouldBe([(Cy, 1), (Bo, 2), (Ada, 3)]);
    }

    [Fact]
    public void Compute_EqualOnEveryTieBreaker_SharesTheRankAndTheNextSkips()
    {
        var awards = SeasonStandings.Compute([
            Tournament(1, Bag(Ada, 1000, 300)),
            Tournament(2, Bag(Bo, 1000, 300)),
            Tournament(3, Bag(Cy, 1000, 300), Bag(Guest, 1200, member: false)),
        ]);

        awards.AnglerOfTheYear.Select(l => l.Rank).ShouldBe([1, 1, 1]);
        var fourth = SeasonStandings.Compute([
            Tournament(1, Bag(Ada, 1000, 300), Bag(Cy, 500)),
            Tournament(2, Bag(Bo, 1000, 300)),
        ]);
        fourth.AnglerOfTheYear.Select(l => (l.AnglerId, l.Rank)).ShouldBe([(Ada, 1), (Bo, 1), (Cy, 3)]);
    }

    [Fact]
    public void Compute_GuestsHaveNoSeasonLineAndWinNoAward()
    {
        var awards = SeasonStandings.Compute([Tournament(1, Bag(Guest, 2500, 800, member: false), Bag(Ada, 1000, 300))]);

        awards.AnglerOfTheYear.ShouldHaveSingleItem().AnglerId.ShouldBe(Ada);
        awards.HeavyStringer.ShouldHaveSingleItem().AnglerId.ShouldBe(Ada);
        awards.BigBass.ShouldHaveSingleItem().AnglerId.ShouldBe(Ada);
        awards.BigBassList.ShouldBeEmpty();
    }

    [Fact]
    public void Compute_HeavyStringerAndBigBass_NameTheTournamentAndShareTies()
    {
        var awards = SeasonStandings.Compute([
            Tournament(1, Bag(Ada, 1800, 520), Bag(Bo, 1700, 610)),
            Tournament(2, Bag(Bo, 1800, 450), Bag(Cy, 900, 499)),
        ]);

        awards.HeavyStringer.ShouldBe([new SeasonCatch(Ada, Id(101), 1800), new SeasonCatch(Bo, Id(102), 1800)]);
        awards.BigBass.ShouldBe([new SeasonCatch(Bo, Id(101), 610)]);
        // 5.00 lb and up only: 4.99 is not on the list.
        awards.BigBassList.ShouldBe([new SeasonCatch(Bo, Id(101), 610), new SeasonCatch(Ada, Id(101), 520)]);
    }

    [Fact]
    public void Compute_BigBassList_StartsAtExactlyFivePounds()
    {
        var awards = SeasonStandings.Compute([Tournament(1, Bag(Ada, 1800, 500), Bag(Bo, 1700, 499), Bag(Cy, 1600, 501))]);

        awards.BigBassList.ShouldBe([new SeasonCatch(Cy, Id(101), 501), new SeasonCatch(Ada, Id(101), 500)]);
    }

    [Fact]
    public void Compute_WhenNobodyWeighedABigBass_NoOneWinsTheBigBass()
    {
        var awards = SeasonStandings.Compute([Tournament(1, Bag(Ada, 1500), Bag(Bo, 1200))]);

        awards.BigBass.ShouldBeEmpty();
        awards.HeavyStringer.ShouldHaveSingleItem().AnglerId.ShouldBe(Ada);
    }

    [Fact]
    public void Compute_BigBassListOfEqualFish_GoesByAngler()
    {
        var awards = SeasonStandings.Compute([Tournament(1, Bag(Cy, 1900, 600), Bag(Bo, 1000, 650), Bag(Ada, 900, 600))]);

        awards.BigBassList.ShouldBe([new SeasonCatch(Bo, Id(101), 650), new SeasonCatch(Ada, Id(101), 600), new SeasonCatch(Cy, Id(101), 600)]);
    }

    [Fact]
    public void Compute_SharedHeavyStringer_GoesByAnglerThenTournament()
    {
        var awards = SeasonStandings.Compute([
            Tournament(2, Bag(Bo, 1800), Bag(Ada, 1800)),
            Tournament(1, Bag(Bo, 1800), Bag(Cy, 1000)),
        ]);

        awards.HeavyStringer.ShouldBe([new SeasonCatch(Ada, Id(102), 1800), new SeasonCatch(Bo, Id(101), 1800), new SeasonCatch(Bo, Id(102), 1800)]);
    }

    [Fact]
    public void Compute_ASeasonWithoutTournaments_HasEmptyAwards()
    {
        var awards = SeasonStandings.Compute([]);

        awards.AnglerOfTheYear.ShouldBeEmpty();
        awards.HeavyStringer.ShouldBeEmpty();
        awards.BigBass.ShouldBeEmpty();
        awards.BigBassList.ShouldBeEmpty();
    }

    [Fact]
    public void Compute_DisqualifiedAndBuyInBags_EarnNoAwardButBuyInsCountTheirPoints()
    {
        var awards = SeasonStandings.Compute([
            Tournament(1, Bag(Ada, 2000, 700, dq: true), Bag(Bo, 1000, 300), Bag(Cy, 0, fish: 0, buyIn: true)),
        ]);

        Line(awards, Ada).ShouldBe(new SeasonLine(Ada, 3, 0, 0, 0, 0, 1, null));
        Line(awards, Cy).ShouldBe(new SeasonLine(Cy, 2, 96, 0, 0, 0, 0, null));
        awards.HeavyStringer.ShouldHaveSingleItem().AnglerId.ShouldBe(Bo);
        awards.BigBass.ShouldHaveSingleItem().Weight.ShouldBe(300);
    }

    [Fact]
    public void Compute_InputOrder_NeverChangesTheResult()
    {
        SeasonTournament[] season =
        [
            Tournament(1, Bag(Ada, 1500, 400), Bag(Bo, 1500, 400), Bag(Cy, 700)),
            Tournament(2, Bag(Cy, 1600, 550), Bag(Ada, 0, fish: 0), Bag(Bo, 900, buyIn: false)),
        ];

        var forward = SeasonStandings.Compute(season);
        var backward = SeasonStandings.Compute(season.Reverse().Select(t => t with { Bags = [.. t.Bags.Reverse()] }));

        backward.AnglerOfTheYear.ShouldBe(forward.AnglerOfTheYear);
        backward.HeavyStringer.ShouldBe(forward.HeavyStringer);
        backward.BigBassList.ShouldBe(forward.BigBassList);
    }

    [Fact]
    public void Compute_TheSameTournamentTwice_IsRefused()
    {
        var once = Tournament(1, Bag(Ada, 1000));

        Should.Throw<ArgumentException>(() => SeasonStandings.Compute([once, once])).Message.ShouldStartWith("A tournament appears twice in the season.");
    }
}
