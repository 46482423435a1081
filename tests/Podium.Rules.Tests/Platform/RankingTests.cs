using Podium.Platform.Modules;

namespace Podium.Rules.Tests.Platform;

public sealed class RankingTests
{
    private sealed record Entry(string Name, int Points, int Weight = 0, int Fish = 0);

    private static readonly Ranking<Entry> ByPoints = Ranking<Entry>.ByDescending(e => e.Points);

    private static string Ranks(IReadOnlyList<Ranked<Entry>> ranked) => string.Join(" ", ranked.Select(r => $"{r.Rank}{r.Item.Name}"));

    [Fact]
    public void Rank_WhenGivenNoList_ThrowsNamingIt() =>
        Should.Throw<ArgumentNullException>(() => ByPoints.Rank(null!)).ParamName.ShouldBe("items");

    [Fact]
    public void Rank_WhenThereAreNoItems_IsEmpty() => ByPoints.Rank([]).ShouldBeEmpty();

    [Fact]
    public void Rank_OneItem_IsFirst() => Ranks(ByPoints.Rank([new("a", 5)])).ShouldBe("1a");

    [Fact]
    public void Rank_WhenAllDiffer_CountsUpFromOneBestFirst() =>
        Ranks(ByPoints.Rank([new("c", 1), new("a", 9), new("b", 5)])).ShouldBe("1a 2b 3c");

    [Fact]
    public void Rank_WhenTheFirstAreTied_TheyShareFirstAndTheNextSkips() =>
        Ranks(ByPoints.Rank([new("a", 9), new("b", 9), new("c", 5), new("d", 1)])).ShouldBe("1a 1b 3c 4d");

    [Fact]
    public void Rank_WhenTheMiddleAreTied_TheyShareAndTheNextSkips() =>
        Ranks(ByPoints.Rank([new("a", 9), new("b", 5), new("c", 5), new("d", 5), new("e", 1)])).ShouldBe("1a 2b 2c 2d 5e");

    [Fact]
    public void Rank_WhenTheLastAreTied_TheyShareTheLastPlace() =>
        Ranks(ByPoints.Rank([new("a", 9), new("b", 5), new("c", 1), new("d", 1)])).ShouldBe("1a 2b 3c 3d");

    [Fact]
    public void Rank_WhenEveryoneIsTied_AllAreFirst() =>
        Ranks(ByPoints.Rank([new("a", 3), new("b", 3), new("c", 3)])).ShouldBe("1a 1b 1c");

    [Fact]
    public void Rank_TwoSeparateTies_EachSharesItsOwnPlace() =>
        Ranks(ByPoints.Rank([new("a", 9), new("b", 9), new("c", 5), new("d", 5), new("e", 1)])).ShouldBe("1a 1b 3c 3d 5e");

    [Fact]
    public void Rank_WithinATie_KeepsTheOrderTheItemsCameIn()
    {
        Ranks(ByPoints.Rank([new("b", 5), new("a", 5), new("c", 5)])).ShouldBe("1b 1a 1c");
        Ranks(ByPoints.Rank([new("c", 5), new("b", 5), new("a", 5)])).ShouldBe("1c 1b 1a");
    }

    [Fact]
    public void By_RanksTheLowestValueFirst() =>
        Ranks(Ranking<Entry>.By(e => e.Points).Rank([new("b", 5), new("a", 2), new("c", 2), new("d", 7)])).ShouldBe("1a 1c 3b 4d");

    [Fact]
    public void ThenByDescending_BreaksATieOnTheFirstKeyHighestFirst()
    {
        var rule = ByPoints.ThenByDescending(e => e.Weight);

        Ranks(rule.Rank([new("a", 9, 100), new("b", 9, 300), new("c", 5, 999)])).ShouldBe("1b 2a 3c");
    }

    [Fact]
    public void ThenBy_BreaksATieOnTheFirstKeyLowestFirst()
    {
        var rule = ByPoints.ThenBy(e => e.Weight);

        Ranks(rule.Rank([new("a", 9, 300), new("b", 9, 100), new("c", 5, 0)])).ShouldBe("1b 2a 3c");
    }

    [Fact]
    public void ThenBy_NeverOverridesAnEarlierKey()
    {
        var rule = ByPoints.ThenByDescending(e => e.Weight);

        // c has the most weight but fewer points: weight only decides among equal points.
        Ranks(rule.Rank([new("a", 9, 1), new("b", 8, 50), new("c", 7, 999)])).ShouldBe("1a 2b 3c");
    }

    [Fact]
    public void ThenBy_WhenTheTieBreakerIsTiedToo_TheItemsShareThePlace()
    {
        var rule = ByPoints.ThenByDescending(e => e.Weight);

        Ranks(rule.Rank([new("a", 9, 100), new("b", 9, 100), new("c", 9, 50)])).ShouldBe("1a 1b 3c");
    }

    [Fact]
    public void ThenBy_TheThirdKeyDecidesOnlyWhenTheFirstTwoAreEqual()
    {
        var rule = ByPoints.ThenByDescending(e => e.Weight).ThenByDescending(e => e.Fish);

        Ranks(rule.Rank([new("a", 9, 100, 3), new("b", 9, 100, 5), new("c", 9, 200, 1), new("d", 9, 100, 5)]))
            .ShouldBe("1c 2b 2d 4a");
    }

    [Fact]
    public void ThenBy_ReturnsANewRuleAndLeavesTheOriginalAsItWas()
    {
        Entry a = new("a", 9, 100), b = new("b", 9, 300);

        var withWeight = ByPoints.ThenByDescending(e => e.Weight);

        Ranks(withWeight.Rank([a, b])).ShouldBe("1b 2a");
        Ranks(ByPoints.Rank([a, b])).ShouldBe("1a 1b");
    }

    [Fact]
    public void Rank_NullKeys_ComeBeforeValuesAscendingAndAfterThemDescending()
    {
        string?[] items = ["b", null, "a"];

        Ranking<string?>.By(s => s).Rank(items).Select(r => (r.Rank, r.Item)).ShouldBe([(1, null), (2, "a"), (3, "b")]);
        Ranking<string?>.ByDescending(s => s).Rank(items).Select(r => (r.Rank, r.Item)).ShouldBe([(1, "b"), (2, "a"), (3, null)]);
    }

    [Fact]
    public void Rank_LeavesTheCallersListInItsOwnOrder()
    {
        var items = new List<Entry> { new("c", 1), new("a", 9) };

        ByPoints.Rank(items);

        items.Select(e => e.Name).ShouldBe(["c", "a"]);
    }

    [Fact]
    public void Rank_WithoutItemsOrKey_Refuses()
    {
        Should.Throw<ArgumentNullException>(() => ByPoints.Rank(null!));
        Should.Throw<ArgumentNullException>(() => Ranking<Entry>.By<int>(null!));
        Should.Throw<ArgumentNullException>(() => Ranking<Entry>.ByDescending<int>(null!));
        Should.Throw<ArgumentNullException>(() => ByPoints.ThenBy<int>(null!));
        Should.Throw<ArgumentNullException>(() => ByPoints.ThenByDescending<int>(null!));
    }
}
