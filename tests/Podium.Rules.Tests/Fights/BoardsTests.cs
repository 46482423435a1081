using Podium.Modules.Fights.Domain;

namespace Podium.Rules.Tests.Fights;

public sealed class BoardNameTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Global")]
    [InlineData("weekly")]
    [InlineData("season-")]
    [InlineData("season-99")]
    [InlineData("season-02026")]
    [InlineData("season-+202")]
    [InlineData("season-20x6")]
    [InlineData("season-1899")]
    [InlineData("season-3000")]
    [InlineData("event-")]
    [InlineData("event-UFC-300")]
    [InlineData("event-a_b")]
    [InlineData("league-")]
    [InlineData("league-42")]
    [InlineData("league-00000000-0000-0000-0000-000000000000")]
    [InlineData("league-3f2504e04f8941d39a0c0305e82c3301")]
    public void Parse_WhatNamesNoBoard_IsNull(string? name) => BoardName.Parse(name).ShouldBeNull();

    [Fact]
    public void Parse_Global_IsTheGlobalBoard() => BoardName.Parse("global").ShouldBe(BoardName.Global);

    [Theory]
    [InlineData("season-1900", 1900)]
    [InlineData("season-2026", 2026)]
    [InlineData("season-2999", 2999)]
    public void Parse_ASeason_IsThatYearsBoard(string name, int year) => BoardName.Parse(name).ShouldBe(BoardName.ForSeason(year));

    [Fact]
    public void Parse_AnEvent_IsThatSlugsBoard() => BoardName.Parse("event-ufc-300-las-vegas").ShouldBe(BoardName.ForEvent("ufc-300-las-vegas"));

    [Fact]
    public void Parse_ALeague_IsThatIdsBoard()
    {
        var id = Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

        BoardName.Parse("league-3f2504e0-4f89-41d3-9a0c-0305e82c3301").ShouldBe(BoardName.ForLeague(id));
    }

    [Theory]
    [InlineData("global")]
    [InlineData("season-2026")]
    [InlineData("event-fight-night-12")]
    [InlineData("league-3f2504e0-4f89-41d3-9a0c-0305e82c3301")]
    public void ToString_IsTheNameParsed(string name) => BoardName.Parse(name)!.ToString().ShouldBe(name);
}

public sealed class BoardScoreTests
{
    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(35, 35)]
    [InlineData(100_000, 100_000)]
    [InlineData(100_001, 100_000)]
    public void Points_StayWithinTheBoardsBounds(long total, int shown) => BoardScore.Points(total).ShouldBe(shown);

    [Fact]
    public void FirstAt_IsMillisecondsSince1970_AndReadsBack()
    {
        var at = new DateTime(2026, 12, 7, 18, 30, 15, 250, DateTimeKind.Utc);

        BoardScore.FirstAt(at).ShouldBe((at - DateTime.UnixEpoch).TotalMilliseconds);
        BoardScore.FirstAtTime(BoardScore.FirstAt(at)).ShouldBe(at);
    }

    [Fact]
    public void FirstAt_Before1970_IsTheEarliestTheBoardHolds() => BoardScore.FirstAt(new DateTime(1969, 12, 31, 0, 0, 0, DateTimeKind.Utc)).ShouldBe(0);

    [Fact]
    public void MaxPoints_HoldsThreeHundredPerfectPicksAtTheRichestRules() => (LeagueRules.MaxPointsPerBout * 300).ShouldBeLessThanOrEqualTo(BoardScore.MaxPoints);
}

public sealed class LeagueRulesTests
{
    [Fact]
    public void Check_TheDefaults_AreAcceptable() => LeagueRules.Check(ScoringRules.Default).ShouldBeEmpty();

    [Fact]
    public void Check_TheBoundsThemselves_AreAcceptable()
    {
        LeagueRules.Check(new ScoringRules(0, 0, 0, 0, 0)).ShouldBeEmpty();
        LeagueRules.Check(new ScoringRules(100, 100, 100, 50, 50)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-1, 10, 20, 5, 5, "winner", "A correct winner scores from 0 to 100 points.")]
    [InlineData(101, 10, 20, 5, 5, "winner", "A correct winner scores from 0 to 100 points.")]
    [InlineData(10, -1, 20, 5, 5, "underdogBonusPerUnit", "The underdog bonus per unit of odds scores from 0 to 100 points.")]
    [InlineData(10, 101, 20, 5, 5, "underdogBonusPerUnit", "The underdog bonus per unit of odds scores from 0 to 100 points.")]
    [InlineData(10, 10, -1, 5, 5, "underdogBonusCap", "The underdog bonus cap scores from 0 to 100 points.")]
    [InlineData(10, 10, 101, 5, 5, "underdogBonusCap", "The underdog bonus cap scores from 0 to 100 points.")]
    [InlineData(10, 10, 20, -1, 5, "method", "A correct method scores from 0 to 50 points.")]
    [InlineData(10, 10, 20, 51, 5, "method", "A correct method scores from 0 to 50 points.")]
    [InlineData(10, 10, 20, 5, -1, "round", "A correct round scores from 0 to 50 points.")]
    [InlineData(10, 10, 20, 5, 51, "round", "A correct round scores from 0 to 50 points.")]
    public void Check_ARuleOutOfBounds_IsNamedWithItsRange(int winner, int perUnit, int cap, int method, int round, string field, string message)
    {
        var errors = LeagueRules.Check(new ScoringRules(winner, perUnit, cap, method, round));

        errors.Count.ShouldBe(1);
        errors[field].ShouldBe(message);
    }

    [Fact]
    public void Check_EveryRuleOutOfBounds_NamesEveryOne() =>
        LeagueRules.Check(new ScoringRules(-1, -1, -1, -1, -1)).Keys.ShouldBe(["winner", "underdogBonusPerUnit", "underdogBonusCap", "method", "round"], ignoreOrder: true);

    [Fact]
    public void MaxPointsPerBout_IsEveryPartAtItsMost() => LeagueRules.MaxPointsPerBout.ShouldBe(300);
}
