using Podium.Modules.Pools.Domain;
using static Podium.Rules.Tests.Pools.PoolsSeason;

namespace Podium.Rules.Tests.Pools;

public sealed class SurvivorGradingTests
{
    private static readonly SurvivorRules Rules = new();

    // Week 1: KC 27–20 BAL, BUF 20–20 NYJ (a tie), DAL–NYG postponed. Week 2: KC 10–24 CIN, BAL 30–3 HOU, BUF 17–14 MIA.
    private static readonly Game[] TwoWeeks =
    [
        Final(1, 101, "KC", 27, "BAL", 20, -200, 170),
        Final(1, 102, "BUF", 20, "NYJ", 20, -150, 130),
        Off(1, 103, "DAL", "NYG", GameStatus.Postponed, -300, 250),
        Final(2, 201, "KC", 10, "CIN", 24, -120, 100),
        Final(2, 202, "BAL", 30, "HOU", 3, -400, 320),
        Final(2, 203, "BUF", 17, "MIA", 14, -110, -110),
    ];

    [Fact]
    public void Grade_AWin_SurvivesTheWeekWithItsMargin()
    {
        var standing = Survivor(Rules, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL"))).Of("ann");

        standing.ShouldBe(new Standing(1, "ann", true, 2, 1, null, null, 2, 7 + 27, 0));
    }

    [Fact]
    public void Grade_ALossWithOneLife_EliminatesInThatWeek()
    {
        var standing = Survivor(Rules, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "CIN"), P("bob", 1, "BAL"))).Of("bob");

        standing.ShouldBe(new Standing(2, "bob", false, 0, 0, 1, null, 0, 0, 0));
    }

    [Fact]
    public void Standings_AmongTheEliminated_RankWhoeverSurvivedMoreWeeksFirst()
    {
        // bob falls in week 1 and cat in week 2: cat lasted longer, so cat ranks above bob whatever their names say.
        var grading = Survivor(Rules, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL"), P("bob", 1, "BAL"), P("cat", 1, "KC"), P("cat", 2, "HOU")));

        grading.Standings.Select(s => (s.Rank, s.Entry, s.WeeksSurvived)).ShouldBe([(1, "ann", 2), (2, "cat", 1), (3, "bob", 0)]);
    }

    [Fact]
    public void Grade_ALossWithTwoLives_CostsOneAndSurvives()
    {
        var grading = Survivor(Rules with { Lives = 2 }, TwoWeeks, Rows(P("ann", 1, "BAL"), P("ann", 2, "KC")));

        grading.Of("ann").ShouldBe(new Standing(1, "ann", false, 1, 0, 2, null, 0, 0, 0));
    }

    [Fact]
    public void Grade_TwoLivesOneLoss_KeepsOneLifeAlive()
    {
        var standing = Survivor(Rules with { Lives = 2 }, TwoWeeks, Rows(P("ann", 1, "BAL"), P("ann", 2, "BUF"))).Of("ann");

        (standing.Alive, standing.WeeksSurvived, standing.LivesLeft, standing.EliminatedWeek, standing.Correct, standing.Margin).ShouldBe((true, 2, 1, (int?)null, 1, 3));
    }

    [Fact]
    public void Grade_DoublePickWeekOneWinOneLoss_CostsOneLife()
    {
        var rules = Rules with { Lives = 2, DoublePickWeeks = [2] };

        var standing = Survivor(rules, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL"), P("ann", 2, "MIA"))).Of("ann");

        (standing.Alive, standing.WeeksSurvived, standing.LivesLeft, standing.Correct, standing.Margin).ShouldBe((true, 2, 1, 2, 7 + 27));
    }

    [Fact]
    public void Grade_DoublePickWeekOneWinOneLossWithOneLife_Eliminates()
    {
        var standing = Survivor(Rules with { DoublePickWeeks = [2] }, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL"), P("ann", 2, "MIA"))).Of("ann");

        (standing.Alive, standing.WeeksSurvived, standing.LivesLeft, standing.EliminatedWeek).ShouldBe((false, 1, 0, (int?)2));
    }

    [Fact]
    public void Grade_DoublePickWeekTwoLossesWithOneLife_LeavesLivesAtZero()
    {
        var standing = Survivor(Rules with { DoublePickWeeks = [2] }, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "HOU"), P("ann", 2, "MIA"))).Of("ann");

        standing.LivesLeft.ShouldBe(0);
        standing.EliminatedWeek.ShouldBe(2);
    }

    [Fact]
    public void Grade_DoublePickWeekWithOnePick_MissesTheOther()
    {
        var standing = Survivor(Rules with { Lives = 3, DoublePickWeeks = [2] }, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL"))).Of("ann");

        standing.LivesLeft.ShouldBe(2);
    }

    [Fact]
    public void Grade_DoublePickWeekBothTeamsOfOneGame_IsAnError()
    {
        var error = Survivor(Rules with { DoublePickWeeks = [2] }, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL"), P("ann", 2, "HOU"))).OnlyError();

        error.Origin.ShouldBe(new Origin("picks.csv", 4));
        error.Column.ShouldBe("team");
        error.Reason.ShouldContain("already picked game 202");
    }

    [Fact]
    public void Grade_AThirdPickInADoubleWeek_IsAnErrorOnTheExtraRow()
    {
        var error = Survivor(Rules with { DoublePickWeeks = [2] }, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL"), P("ann", 2, "BUF"), P("ann", 2, "CIN"))).OnlyError();

        error.Origin!.Line.ShouldBe(5);
        error.Reason.ShouldContain("already has 2 pick(s) in week 2");
    }

    [Fact]
    public void Grade_TwoPicksInASingleWeek_IsAnError() =>
        Survivor(Rules, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 1, "BUF"))).OnlyError().Reason.ShouldContain("already has 1 pick(s)");

    [Theory]
    [InlineData(nameof(PickOutcome.Win), true, 1, 0)]
    [InlineData(nameof(PickOutcome.Loss), false, 0, 0)]
    public void Grade_ATie_CountsAsTheRulesSay(string tie, bool survives, int correct, int margin)
    {
        var standing = Survivor(Rules with { Tie = Enum.Parse<PickOutcome>(tie) }, TwoWeeks.Where(g => g.Week == 1).ToArray(), Rows(P("ann", 1, "NYJ"))).Of("ann");

        standing.Alive.ShouldBe(survives);
        standing.WeeksSurvived.ShouldBe(survives ? 1 : 0);
        standing.Correct.ShouldBe(correct);
        standing.Margin.ShouldBe(margin);
    }

    [Theory]
    [InlineData(nameof(PickOutcome.Win), 1, 1)]
    [InlineData(nameof(PickOutcome.Loss), 0, 0)]
    [InlineData(nameof(PickOutcome.Void), 1, 0)]
    public void Grade_APostponedGame_CountsAsTheRulesSay(string postponed, int lives, int correct)
    {
        var standing = Survivor(Rules with { Postponed = Enum.Parse<PickOutcome>(postponed) }, TwoWeeks.Where(g => g.Week == 1).ToArray(), Rows(P("ann", 1, "DAL"))).Of("ann");

        standing.LivesLeft.ShouldBe(lives);
        standing.Alive.ShouldBe(lives == 1);
        standing.Correct.ShouldBe(correct);
        standing.Margin.ShouldBe(0);
    }

    [Fact]
    public void Grade_ACancelledGame_IsGradedAsPostponed()
    {
        Game[] games = [Off(1, 1, "DAL", "NYG", GameStatus.Cancelled)];

        Survivor(Rules with { Postponed = PickOutcome.Loss }, games, Rows(P("ann", 1, "NYG"))).Of("ann").Alive.ShouldBe(false);
        Survivor(Rules with { Postponed = PickOutcome.Win }, games, Rows(P("ann", 1, "NYG"))).Of("ann").Correct.ShouldBe(1);
    }

    [Fact]
    public void Grade_AVoidPick_StillUsesTheTeam()
    {
        Game[] games = [Off(1, 1, "DAL", "NYG"), Final(2, 2, "DAL", 20, "PHI", 10)];

        var error = Survivor(Rules with { Postponed = PickOutcome.Void }, games, Rows(P("ann", 1, "DAL"), P("ann", 2, "DAL"))).OnlyError();

        error.Origin!.Line.ShouldBe(3);
        error.Reason.ShouldContain("already picked DAL in week 1");
    }

    [Fact]
    public void Grade_AMissedPickUnderLoss_CostsALife()
    {
        var grading = Survivor(Rules with { Lives = 2 }, TwoWeeks, Rows(P("ann", 1, "KC")));

        grading.Of("ann").ShouldBe(new Standing(1, "ann", true, 2, 1, null, null, 1, 7, 0));
    }

    [Fact]
    public void Grade_AMissedPickUnderAutoPick_TakesTheBiggestFavourite()
    {
        var rules = Rules with { MissedPick = MissedPickPolicy.AutoPick, MaxAutoPicks = 1 };

        var grading = Survivor(rules, TwoWeeks, Rows(P("ann", 1, "KC")));

        // Week 2's biggest favourite is BAL (−400), a 27-point win.
        grading.Of("ann").ShouldBe(new Standing(1, "ann", true, 2, 1, null, null, 2, 7 + 27, 0));
        grading.Picks!.Single(p => p.Week == 2).ShouldBe(new GradedPick("ann", 2, "BAL", PickOutcome.Win, 27, true));
        grading.Picks!.Single(p => p.Week == 1).IsAutoPick.ShouldBeFalse();
    }

    [Fact]
    public void Grade_AutoPick_SkipsCalledOffGamesAndTeamsWithoutAMoneyline()
    {
        // DAL (−300) is postponed, KC has no moneyline: BUF (−150) is the biggest favourite left, a 3-point win.
        Game[] games = [Final(1, 1, "KC", 27, "BAL", 20, null, 170), Final(1, 2, "BUF", 20, "NYJ", 17, -150, 130), Off(1, 3, "DAL", "NYG", GameStatus.Postponed, -300, 250)];
        var rules = Rules with { MissedPick = MissedPickPolicy.AutoPick, MaxAutoPicks = 5 };

        var grading = Survivor(rules, games, Rows(P("bob", 1, "KC"), P("ann", 1, "KC")) is var rows ? [rows[0]] : []);

        grading.Of("bob").Margin.ShouldBe(7);
        SurvivorGrading.AutoPick(TeamReuse.Never, games, [], [], 1).ShouldBe("BUF");
    }

    [Fact]
    public void AutoPick_EqualMoneylines_TakesTheFirstAbbreviation()
    {
        Game[] games = [Final(1, 1, "NYJ", 1, "MIA", 0, -110, -110), Final(1, 2, "ATL", 1, "CAR", 0, 105, -110)];

        SurvivorGrading.AutoPick(TeamReuse.Never, games, [], [], 1).ShouldBe("CAR");
        SurvivorGrading.AutoPick(TeamReuse.Never, games, [("CAR", 1)], [], 1).ShouldBe("MIA");
        SurvivorGrading.AutoPick(TeamReuse.Never, games, [("CAR", 1)], [games[0]], 1).ShouldBe("ATL");
        SurvivorGrading.AutoPick(TeamReuse.Never, games, [("CAR", 1), ("ATL", 1)], [games[0]], 1).ShouldBeNull();
    }

    [Fact]
    public void AutoPick_AnUsedTeam_IsPassedOverUnlessTheReuseRuleAllowsIt()
    {
        Game[] games = [Final(10, 1, "KC", 1, "LV", 0, -500, 400)];

        SurvivorGrading.AutoPick(TeamReuse.Never, games, [("KC", 2), ("LV", 3)], [], 10).ShouldBeNull();
        SurvivorGrading.AutoPick(TeamReuse.Halves, games, [("KC", 2)], [], 10).ShouldBe("KC");
    }

    [Fact]
    public void Grade_AutoPicksBeyondTheCap_AreLostPicks()
    {
        var rules = Rules with { Lives = 2, MissedPick = MissedPickPolicy.AutoPick, MaxAutoPicks = 1 };
        var threeWeeks = TwoWeeks.Append(Final(3, 301, "KC", 30, "DEN", 0, -600, 450)).ToArray();

        // Week 2 missing: the auto-pick BAL wins. Week 3 missing: the cap is used up, a lost pick.
        var grading = Survivor(rules, threeWeeks, Rows(P("bob", 1, "KC")));

        grading.Of("bob").ShouldBe(new Standing(1, "bob", true, 3, 1, null, null, 2, 7 + 27, 0));
        grading.Picks!.Where(p => p.IsAutoPick).ShouldHaveSingleItem().ShouldBe(new GradedPick("bob", 2, "BAL", PickOutcome.Win, 27, true));
    }

    [Fact]
    public void Grade_NoAutoPickAvailable_LosesThePickAndKeepsTheAutoPick()
    {
        // Week 1's only game is postponed: nothing to auto-pick, a lost pick; week 2 still gets its auto-pick.
        Game[] games = [Off(1, 1, "DAL", "NYG", GameStatus.Postponed, -300, 250), Final(2, 2, "DAL", 20, "NYG", 10, -200, 180)];
        var rules = Rules with { Lives = 2, MissedPick = MissedPickPolicy.AutoPick, MaxAutoPicks = 1 };

        var grading = Survivor(rules, games, Rows(P("bob", 1, "NYG"), P("bob", 2, "DAL"), P("ann", 2, "NYG")));

        grading.Errors.ShouldBeEmpty();
        var ann = grading.Picks!.Where(p => p.Entry == "ann").ToList();
        ann.ShouldBe([new GradedPick("ann", 2, "NYG", PickOutcome.Loss, 0, false)]);
        grading.Of("ann").EliminatedWeek.ShouldBe(2);
        var alone = Survivor(rules, games, Rows(P("bob", 1, "NYG")));
        alone.Picks!.ShouldBe([new GradedPick("bob", 1, "NYG", PickOutcome.Win, 0, false), new GradedPick("bob", 2, "DAL", PickOutcome.Win, 10, true)]);
        alone.Of("bob").LivesLeft.ShouldBe(2);
    }

    [Fact]
    public void Grade_AMissedPickWithNothingToAutoPick_IsALostPickThatUsesNoAutoPick()
    {
        // Week 1: DAL–NYG is postponed and KC–LV has no moneylines, so nothing to auto-pick: a lost pick. Week 2 still
        // gets the one auto-pick (KC, −200, a win); ann picks LV herself in week 3.
        Game[] games = [Off(1, 1, "DAL", "NYG", GameStatus.Postponed, -300, 250), Final(1, 2, "KC", 1, "LV", 0), Final(2, 3, "KC", 1, "LV", 0, -200, 170), Final(3, 4, "LV", 5, "KC", 0)];
        var rules = Rules with { Lives = 2, MissedPick = MissedPickPolicy.AutoPick, MaxAutoPicks = 1 };

        var grading = Survivor(rules, games, Rows(P("ann", 3, "LV")));

        grading.Of("ann").ShouldBe(new Standing(1, "ann", true, 3, 1, null, null, 2, 6, 0));
        grading.Picks!.ShouldBe([new GradedPick("ann", 2, "KC", PickOutcome.Win, 1, true), new GradedPick("ann", 3, "LV", PickOutcome.Win, 5, false)]);
    }

    [Fact]
    public void Grade_AutoPickWithACapOfZero_IsALostPick()
    {
        var rules = Rules with { MissedPick = MissedPickPolicy.AutoPick, MaxAutoPicks = 0 };

        Survivor(rules, TwoWeeks, Rows(P("ann", 1, "KC"))).Of("ann").EliminatedWeek.ShouldBe(2);
    }

    [Theory]
    [InlineData(nameof(TeamReuse.Never), 9, 10, false)]
    [InlineData(nameof(TeamReuse.Never), 1, 19, false)]
    [InlineData(nameof(TeamReuse.Halves), 1, 9, false)]
    [InlineData(nameof(TeamReuse.Halves), 9, 10, true)]
    [InlineData(nameof(TeamReuse.Halves), 10, 22, false)]
    [InlineData(nameof(TeamReuse.PlayoffReset), 1, 18, false)]
    [InlineData(nameof(TeamReuse.PlayoffReset), 18, 19, true)]
    [InlineData(nameof(TeamReuse.PlayoffReset), 19, 22, false)]
    public void MayUse_FollowsTheReuseRule(string rule, int first, int second, bool allowed)
    {
        var reuse = Enum.Parse<TeamReuse>(rule);
        SurvivorGrading.MayUse(reuse, [("KC", first)], "KC", second).ShouldBe(allowed);
        SurvivorGrading.MayUse(reuse, [("KC", first)], "BUF", second).ShouldBeTrue();
    }

    [Theory]
    [InlineData(nameof(TeamReuse.Never), new[] { 10, 11, 19, 20, 23 })]
    [InlineData(nameof(TeamReuse.Halves), new[] { 10, 19, 20, 23 })]
    [InlineData(nameof(TeamReuse.PlayoffReset), new[] { 10, 11, 19, 23 })]
    public void Grade_ABrokenReuseRule_NamesTheLaterRow(string rule, int[] lines)
    {
        // Every week KC and W{week} win; the entry picks KC in weeks 1, 9, 10, 18, 19 and 22 (rows 2, 10, 11, 19, 20, 23).
        var rules = Rules with { TeamReuse = Enum.Parse<TeamReuse>(rule), IncludePlayoffs = true, Lives = 10 };
        Game[] games = [.. Enumerable.Range(1, 22).SelectMany(w => new[] { Final(w, w * 10, "KC", 30, $"L{w}", 0), Final(w, w * 10 + 1, $"W{w}", 30, $"X{w}", 0) })];
        var picks = Enumerable.Range(1, 22).Select(w => P("ann", w, w is 1 or 9 or 10 or 18 or 19 or 22 ? "KC" : $"W{w}")).ToArray();

        var grading = Survivor(rules, games, Rows(picks));

        grading.Standings.ShouldBeEmpty();
        grading.Errors.ShouldAllBe(e => e.Column == "team" && e.Reason.Contains("already picked KC in week"));
        grading.Errors.Select(e => e.Origin!.Line).ShouldBe(lines);
    }

    [Fact]
    public void Grade_ReuseWithinTheRules_Grades()
    {
        var rules = Rules with { TeamReuse = TeamReuse.Halves };
        Game[] games = [Final(9, 9, "KC", 30, "LV", 0), Final(10, 10, "KC", 30, "LV", 0)];

        Survivor(rules, games, Rows(P("ann", 9, "KC"), P("ann", 10, "KC"))).Of("ann").WeeksSurvived.ShouldBe(2);
    }

    [Fact]
    public void Grade_ABuyback_ReturnsWithOneLifeButDoesNotSurviveTheWeek()
    {
        var rules = Rules with { Lives = 2, Buybacks = new BuybackRules(true, 1, 1) };
        // ann loses twice in week 1 (double pick), buys back, wins week 2.
        var grading = Survivor(rules with { DoublePickWeeks = [1] }, TwoWeeks, Rows(P("ann", 1, "BAL"), P("ann", 1, "NYJ"), P("ann", 2, "BUF")), Buybacks(("ann", 1)));

        grading.Of("ann").ShouldBe(new Standing(1, "ann", true, 1, 1, null, null, 1, 3, 1));
    }

    [Fact]
    public void Grade_ABoughtBackEntry_KeepsItsUsedTeams()
    {
        var rules = Rules with { Buybacks = new BuybackRules(true, 1, 1) };

        var error = Survivor(rules, TwoWeeks, Rows(P("ann", 1, "BAL"), P("ann", 2, "BAL")), Buybacks(("ann", 1))).OnlyError();

        error.Origin!.Line.ShouldBe(3);
        error.Reason.ShouldContain("already picked BAL in week 1");
    }

    [Fact]
    public void Grade_ABoughtBackEntryLosingAgain_IsEliminatedThen()
    {
        var rules = Rules with { Buybacks = new BuybackRules(true, 2, 2) };

        var grading = Survivor(rules, TwoWeeks, Rows(P("ann", 1, "BAL"), P("ann", 2, "KC"), P("bob", 1, "KC"), P("bob", 2, "BAL")), Buybacks(("ann", 1)));

        grading.Of("ann").ShouldBe(new Standing(2, "ann", false, 0, 0, 2, null, 0, 0, 1));
    }

    [Theory]
    [InlineData(false, 1, 1, "not enabled")]
    [InlineData(true, 0, 1, "end after week 0")]
    [InlineData(true, 1, 0, "already bought back 0 time(s)")]
    public void Grade_ABuybackTheRulesRefuse_IsAnError(bool enabled, int lastWeek, int maxPerEntry, string reason)
    {
        var rules = Rules with { Buybacks = new BuybackRules(enabled, lastWeek, maxPerEntry) };

        var error = Survivor(rules, TwoWeeks, Rows(P("ann", 1, "BAL"), P("bob", 1, "KC")), Buybacks(("ann", 1))).OnlyError();

        error.Origin.ShouldBe(new Origin("buybacks.csv", 2));
        error.Reason.ShouldContain(reason);
    }

    [Fact]
    public void Grade_ASecondBuybackBeyondTheMost_IsAnError()
    {
        var rules = Rules with { Buybacks = new BuybackRules(true, 2, 1) };

        var error = Survivor(rules, TwoWeeks, Rows(P("ann", 1, "BAL"), P("ann", 2, "KC"), P("bob", 1, "KC"), P("bob", 2, "BAL")), Buybacks(("ann", 1), ("ann", 2))).OnlyError();

        error.Origin!.Line.ShouldBe(3);
        error.Reason.ShouldContain("already bought back 1 time(s)");
    }

    [Fact]
    public void Grade_ABuybackForAWeekTheEntrySurvived_IsAnError()
    {
        var rules = Rules with { Buybacks = new BuybackRules(true, 2, 2) };

        Survivor(rules, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL")), Buybacks(("ann", 1))).OnlyError().Reason.ShouldContain("was not eliminated in week 1");
        Survivor(rules, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL")), Buybacks(("ann", 5))).OnlyError().Reason.ShouldContain("week 5 is not graded");
        Survivor(rules, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL")), Buybacks(("zed", 1))).Errors.ShouldContain(e => e.Column == "entry" && e.Reason.Contains("no entry 'zed'"));
    }

    [Fact]
    public void Grade_NoSurvivorsUnderShareWin_TheWeeksLosersShareRankOne()
    {
        // cat is out in week 1; ann (postponed: win) and bob both lose in week 2, and share the win.
        var grading = Survivor(Rules, TwoWeeks, Rows(P("bob", 1, "KC"), P("bob", 2, "HOU"), P("ann", 1, "DAL"), P("ann", 2, "KC"), P("cat", 1, "BAL")));

        grading.Errors.ShouldBeEmpty();
        grading.Standings.ShouldBe(
        [
            new Standing(1, "ann", false, 1, 0, 2, null, 1, 0, 0),
            new Standing(1, "bob", false, 1, 0, 2, null, 1, 7, 0),
            new Standing(3, "cat", false, 0, 0, 1, null, 0, 0, 0),
        ]);
    }

    [Fact]
    public void Grade_ShareWin_EndsThePool()
    {
        var games = TwoWeeks.Append(Final(3, 301, "KC", 30, "DEN", 0)).ToArray();

        var error = Survivor(Rules, games, Rows(P("ann", 1, "BAL"), P("ann", 3, "KC"))).OnlyError();

        error.Origin!.Line.ShouldBe(3);
        error.Reason.ShouldContain("week 3 is not graded (graded weeks: 1–1)");
    }

    [Fact]
    public void Grade_NoSurvivorsUnderRevive_RestoresTheLivesOfThatWeeksStart()
    {
        var rules = Rules with { Lives = 2, NoSurvivors = NoSurvivorsPolicy.Revive, DoublePickWeeks = [2] };
        // Week 1: ann wins, bob loses (1 life left). Week 2 (double): both lose both picks.
        var grading = Survivor(rules, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "HOU"), P("ann", 2, "MIA"), P("bob", 1, "BAL"), P("bob", 2, "KC"), P("bob", 2, "MIA")));

        grading.Standings.ShouldBe(
        [
            new Standing(1, "ann", true, 2, 2, null, null, 1, 7, 0),
            new Standing(2, "bob", true, 2, 1, null, null, 0, 0, 0),
        ]);
    }

    [Fact]
    public void Grade_Revive_KeepsTheRevivedWeeksTeamsUsed()
    {
        var rules = Rules with { NoSurvivors = NoSurvivorsPolicy.Revive };
        var games = TwoWeeks.Append(Final(3, 301, "KC", 30, "DEN", 0)).ToArray();

        var error = Survivor(rules, games, Rows(P("ann", 1, "BAL"), P("ann", 2, "BAL"))).OnlyError();

        error.Origin!.Line.ShouldBe(3);
    }

    [Fact]
    public void Grade_Revive_PlaysOnWithTheRevived()
    {
        var rules = Rules with { NoSurvivors = NoSurvivorsPolicy.Revive };

        var grading = Survivor(rules, TwoWeeks, Rows(P("ann", 1, "BAL"), P("ann", 2, "BUF"), P("bob", 1, "BAL"), P("bob", 2, "KC")));

        grading.Standings.ShouldBe(
        [
            new Standing(1, "ann", true, 2, 1, null, null, 1, 3, 0),
            new Standing(2, "bob", false, 1, 0, 2, null, 0, 0, 0),
        ]);
    }

    [Fact]
    public void Grade_AnEntryOutEarlierIsNotRevived()
    {
        var rules = Rules with { NoSurvivors = NoSurvivorsPolicy.Revive };

        var grading = Survivor(rules, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BUF"), P("bob", 1, "BAL")));

        grading.Of("ann").Alive.ShouldBe(true);
        grading.Of("bob").ShouldBe(new Standing(2, "bob", false, 0, 0, 1, null, 0, 0, 0));
    }

    [Fact]
    public void Grade_APickAfterElimination_IsAnError()
    {
        var error = Survivor(Rules, TwoWeeks, Rows(P("ann", 1, "BAL"), P("ann", 2, "KC"), P("bob", 1, "KC"), P("bob", 2, "BAL"))).OnlyError();

        error.Origin!.Line.ShouldBe(3);
        error.Column.ShouldBe("week");
        error.Reason.ShouldContain("'ann' was eliminated in week 1");
    }

    [Fact]
    public void Grade_StopsBeforeAWeekWithAGameToPlay()
    {
        var games = TwoWeeks.Append(new Game(3, 301, Sunday.AddDays(14), "KC", "DEN", null, null, GameStatus.InProgress)).ToArray();

        var ok = Survivor(Rules, games, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL")));
        ok.Of("ann").WeeksSurvived.ShouldBe(2);
        var error = Survivor(Rules, games, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL"), P("ann", 3, "DEN"))).OnlyError();
        error.Reason.ShouldContain("week 3 is not graded (graded weeks: 1–2)");
    }

    [Fact]
    public void WeeksToGrade_KeepsToTheRulesWeeksThatHaveGames()
    {
        Game[] games = [Final(1, 1, "A", 1, "B", 0), Final(3, 3, "A", 1, "B", 0), Final(18, 18, "A", 1, "B", 0), Final(19, 19, "A", 1, "B", 0), Final(22, 22, "A", 1, "B", 0)];

        SurvivorGrading.WeeksToGrade(Rules, games).ShouldBe([1, 3, 18]);
        SurvivorGrading.WeeksToGrade(Rules with { StartWeek = 3, IncludePlayoffs = true }, games).ShouldBe([3, 18, 19, 22]);
        SurvivorGrading.WeeksToGrade(Rules, [Off(1, 1, "A", "B", GameStatus.Scheduled), Final(2, 2, "A", 1, "B", 0)]).ShouldBeEmpty();
        SurvivorGrading.WeeksToGrade(Rules, [Off(1, 1, "A", "B", GameStatus.Cancelled), Final(2, 2, "A", 1, "B", 0)]).ShouldBe([1, 2]);
    }

    [Fact]
    public void Grade_APickBeforeTheStartWeek_IsAnError()
    {
        var error = Survivor(Rules with { StartWeek = 2 }, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL"))).OnlyError();

        error.Origin!.Line.ShouldBe(2);
        error.Reason.ShouldContain("week 1 is not graded (graded weeks: 2–2)");
    }

    [Fact]
    public void Grade_NoGradedWeek_SaysSo() =>
        Survivor(Rules with { StartWeek = 5 }, TwoWeeks, Rows(P("ann", 1, "KC"))).OnlyError().Reason.ShouldContain("no week is graded yet");

    [Fact]
    public void Grade_UnknownTeamsAndByes_AreErrors()
    {
        var unknown = Survivor(Rules, TwoWeeks, Rows(P("ann", 1, "XYZ"))).OnlyError();
        unknown.Column.ShouldBe("team");
        unknown.Reason.ShouldContain("unknown team 'XYZ'");

        Survivor(Rules, TwoWeeks, Rows(P("ann", 2, "NYJ"))).OnlyError().Reason.ShouldContain("NYJ has no game in week 2");
        var noWeek = Survivor(Rules, TwoWeeks, Rows(P("ann", 7, "KC"))).OnlyError();
        noWeek.Column.ShouldBe("week");
        noWeek.Reason.ShouldContain("week 7 has no games");
    }

    [Fact]
    public void Grade_DifferentCreatedTimesForOneEntry_IsAnError()
    {
        var error = Survivor(Rules, TwoWeeks, Rows(P("ann", 1, "KC"), P("ann", 2, "BAL", created: Sunday))).OnlyError();

        error.Origin!.Line.ShouldBe(3);
        error.Column.ShouldBe("entry_created_utc");
    }

    [Fact]
    public void Grade_BadGames_AreErrors()
    {
        Game[] games = [Final(1, 1, "KC", 1, "KC", 0), Final(1, 1, "BUF", 1, "MIA", 0), new Game(1, 2, Sunday, "NYJ", "BUF", null, 3, GameStatus.Final)];

        var errors = Survivor(Rules, games, []).Errors;

        errors.ShouldContain(e => e.Column == "away" && e.Reason.Contains("KC cannot play itself"));
        errors.ShouldContain(e => e.Column == "game_id" && e.Reason.Contains("game 1 is listed twice"));
        errors.ShouldContain(e => e.Column == "home_score" && e.Reason.Contains("game 2 is final but has no score"));
        errors.ShouldContain(e => e.Reason.Contains("BUF plays twice in week 1 (games 1 and 2)"));
    }

    [Fact]
    public void Grade_Standings_OrderAliveThenWeeksThenLivesThenTieBreakers()
    {
        var rules = Rules with { Lives = 2 };
        var grading = Survivor(rules, TwoWeeks, Rows(
            P("a-out", 1, "BAL"), P("a-out", 2, "HOU"),   // lost both: out in week 2
            P("b-one", 1, "BAL"), P("b-one", 2, "BUF"),   // lost one, then +3: alive, 1 life
            P("c-two", 1, "KC"), P("c-two", 2, "BUF"),    // won both, margin 10
            P("d-two", 1, "NYJ"), P("d-two", 2, "BAL")));   // tie (loss) then +27: alive, 1 life, margin 27

        grading.Standings.Select(s => (s.Rank, s.Entry)).ShouldBe([(1, "c-two"), (2, "d-two"), (3, "b-one"), (4, "a-out")]);
    }

    [Fact]
    public void Grade_EqualOnEverything_SharesTheRankListedByName()
    {
        var grading = Survivor(Rules with { TieBreakers = [] }, TwoWeeks, Rows(P("zoe", 1, "KC"), P("amy", 1, "KC"), P("kim", 1, "BAL")));

        grading.Standings.Select(s => (s.Rank, s.Entry)).ShouldBe([(1, "amy"), (1, "zoe"), (3, "kim")]);
    }

    [Fact]
    public void Grade_TieBreakers_ApplyInTheirOrder()
    {
        var created = Sunday.AddDays(-30);
        // Equal weeks and lives: ann won by 7, bob by 3 but entered first.
        Game[] games = [Final(1, 1, "KC", 27, "BAL", 20), Final(1, 2, "BUF", 17, "MIA", 14)];
        var picks = Rows(P("ann", 1, "KC", created: created.AddHours(1)), P("bob", 1, "BUF", created: created));

        Survivor(Rules, games, picks).Standings.Select(s => (s.Rank, s.Entry)).ShouldBe([(1, "ann"), (2, "bob")]);
        Survivor(Rules with { TieBreakers = [SurvivorTieBreaker.EarliestEntry, SurvivorTieBreaker.Margin] }, games, picks).Standings.Select(s => (s.Rank, s.Entry)).ShouldBe([(1, "bob"), (2, "ann")]);
        Survivor(Rules with { TieBreakers = [SurvivorTieBreaker.FewestBuybacks] }, games, picks).Standings.Select(s => (s.Rank, s.Entry)).ShouldBe([(1, "ann"), (1, "bob")]);
    }

    [Fact]
    public void Grade_FewestBuybacks_RanksTheEntryThatNeverBoughtBackFirst()
    {
        // ann loses week 1 with two lives... one life and a buyback leaves her a week behind; with two lives and a
        // double-pick loss she stays level on weeks: instead, compare two entries both out in week 2 after ann's buyback.
        var rules = Rules with { Buybacks = new BuybackRules(true, 1, 1), TieBreakers = [SurvivorTieBreaker.FewestBuybacks, SurvivorTieBreaker.EarliestEntry] };
        Game[] games = [Final(1, 1, "KC", 27, "BAL", 20), Final(1, 2, "BUF", 17, "MIA", 14), Final(2, 3, "KC", 10, "CIN", 24)];
        // ann: out week 1, buys back, out week 2 (0 weeks). bob: out week 1 (0 weeks), and carl wins both weeks.
        var picks = Rows(P("ann", 1, "BAL", created: Sunday), P("ann", 2, "KC", created: Sunday), P("bob", 1, "MIA", created: Sunday.AddHours(1)), P("carl", 1, "KC"), P("carl", 2, "CIN"));

        var grading = Survivor(rules, games, picks, Buybacks(("ann", 1)));

        grading.Standings.Select(s => (s.Rank, s.Entry, s.Buybacks)).ShouldBe([(1, "carl", 0), (2, "bob", 0), (3, "ann", 1)]);
        Survivor(rules with { TieBreakers = [SurvivorTieBreaker.EarliestEntry] }, games, picks, Buybacks(("ann", 1))).Standings.Select(s => s.Entry).ShouldBe(["carl", "ann", "bob"]);
    }

    [Fact]
    public void Grade_RowsInAnyOrder_GiveTheSameStandings()
    {
        var rules = Rules with { Lives = 2, MissedPick = MissedPickPolicy.AutoPick, MaxAutoPicks = 1, Buybacks = new BuybackRules(true, 2, 1) };
        var picks = new[] { P("ann", 1, "KC"), P("ann", 2, "BAL"), P("bob", 1, "BAL"), P("cat", 1, "NYJ"), P("cat", 2, "KC"), P("dan", 2, "BUF") };
        var expected = Survivor(rules, TwoWeeks, picks).Standings;
        expected.Count.ShouldBe(4);

        var random = new Random(18);
        for (var i = 0; i < 20; i++)
        {
            var shuffledGames = TwoWeeks.OrderBy(_ => random.Next()).ToArray();
            var shuffledPicks = picks.OrderBy(_ => random.Next()).ToArray();
            Survivor(rules, shuffledGames, shuffledPicks).Standings.ShouldBe(expected);
        }
    }

    [Fact]
    public void Grade_SurvivorResult_OfASingleGame()
    {
        var game = Final(1, 1, "KC", 24, "BAL", 21);

        SurvivorGrading.Grade(Rules, game, "KC").ShouldBe(new SurvivorResult(PickOutcome.Win, 3));
        SurvivorGrading.Grade(Rules, game, "BAL").ShouldBe(SurvivorResult.Lost);
        SurvivorGrading.Grade(Rules, Final(1, 1, "KC", 21, "BAL", 21), "KC").ShouldBe(new SurvivorResult(PickOutcome.Loss, 0));
        SurvivorGrading.Grade(Rules with { Tie = PickOutcome.Win }, Final(1, 1, "KC", 21, "BAL", 21), "BAL").ShouldBe(new SurvivorResult(PickOutcome.Win, 0));
        SurvivorGrading.Grade(Rules with { Postponed = PickOutcome.Void }, Off(1, 1, "KC", "BAL"), "BAL").ShouldBe(new SurvivorResult(PickOutcome.Void, 0));
    }
}
