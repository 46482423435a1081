using Podium.Modules.Pools.Domain;
using static Podium.Rules.Tests.Pools.PoolsSeason;

namespace Podium.Rules.Tests.Pools;

/// <summary>The small pieces the gradings stand on: rules equality, reuse periods, error text, the JSON's layout.</summary>
public sealed class PoolsDetailsTests
{
    public static TheoryData<int> Changes => [.. Enumerable.Range(0, 13)];

    private static SurvivorRules Changed(int change)
    {
        var rules = new SurvivorRules();
        return change switch
        {
            0 => new SurvivorRules(2),
            1 => rules with { StartWeek = 2 },
            2 => rules with { Lives = 2 },
            3 => rules with { DoublePickWeeks = [3] },
            4 => rules with { TeamReuse = TeamReuse.Halves },
            5 => rules with { Tie = PickOutcome.Win },
            6 => rules with { Postponed = PickOutcome.Void },
            7 => rules with { MissedPick = MissedPickPolicy.AutoPick },
            8 => rules with { MaxAutoPicks = 1 },
            9 => rules with { Buybacks = new BuybackRules(true) },
            10 => rules with { NoSurvivors = NoSurvivorsPolicy.Revive },
            11 => rules with { IncludePlayoffs = true },
            _ => rules with { TieBreakers = [SurvivorTieBreaker.Margin] },
        };
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void SurvivorRules_DifferingInOneField_AreNotEqual(int change)
    {
        var changed = Changed(change);

        changed.Equals(new SurvivorRules()).ShouldBeFalse();
        changed.Equals(Changed(change)).ShouldBeTrue();
        changed.Equals(null).ShouldBeFalse();
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9, 1, 1)]
    [InlineData(10, 2, 1)]
    [InlineData(18, 2, 1)]
    [InlineData(19, 2, 2)]
    [InlineData(22, 2, 2)]
    public void Period_SplitsTheSeasonWhereTheRuleSays(int week, int halves, int playoffReset)
    {
        SurvivorGrading.Period(TeamReuse.Halves, week).ShouldBe(halves);
        SurvivorGrading.Period(TeamReuse.PlayoffReset, week).ShouldBe(playoffReset);
        SurvivorGrading.Period(TeamReuse.Never, week).ShouldBe(1);
    }

    [Fact]
    public void SeasonError_NamesWhereItIs()
    {
        new SeasonError(new Origin("picks.csv", 7), "team", "unknown team 'XYZ'").ToString().ShouldBe("picks.csv line 7, column team: unknown team 'XYZ'");
        new SeasonError(null, "game_id", "game 1 is listed twice").ToString().ShouldBe("game_id: game 1 is listed twice");
    }

    [Fact]
    public void StandingsJson_IsIndentedOneLinePerKey()
    {
        var json = StandingsJson.Write([new Standing(1, "ann", true, 1, 1, null, null, 1, 3, 0)]);

        json.ReplaceLineEndings("\n").ShouldStartWith("[\n  {\n    \"rank\": 1,\n    \"entry\": \"ann\",");
        Should.Throw<ArgumentNullException>(() => StandingsJson.Write(null!));
    }

    [Fact]
    public void Grade_ALosingAutoPick_CostsALife()
    {
        // Week 2's biggest favourite BAL (−400) loses: the auto-pick is a lost pick like any other.
        Game[] games = [Final(1, 1, "KC", 27, "DEN", 20), Final(2, 2, "BAL", 3, "HOU", 30, -400, 320), Final(2, 3, "BUF", 17, "MIA", 14, -110, -110)];
        var rules = new SurvivorRules { Lives = 2, MissedPick = MissedPickPolicy.AutoPick, MaxAutoPicks = 1 };

        var grading = SurvivorGrading.Grade(rules, games, Rows(P("ann", 1, "KC")), []);

        grading.Of("ann").LivesLeft.ShouldBe(1);
        grading.Picks!.Last().ShouldBe(new GradedPick("ann", 2, "BAL", PickOutcome.Loss, 0, true));
    }

    [Fact]
    public void Grade_AReuseError_NamesTheWeekOfTheEarlierPickInItsPeriod()
    {
        Game[] games = [.. Enumerable.Range(1, 12).Select(w => Final(w, w, "KC", 30, $"L{w}", 0))];
        var rules = new SurvivorRules { TeamReuse = TeamReuse.Halves, Lives = 20 };

        var errors = SurvivorGrading.Grade(rules, games, Rows(P("ann", 2, "KC"), P("ann", 11, "KC"), P("ann", 12, "KC")), []).Errors;

        errors.ShouldHaveSingleItem().Reason.ShouldBe("entry 'ann' already picked KC in week 11 (teamReuse halves)");
    }
}
