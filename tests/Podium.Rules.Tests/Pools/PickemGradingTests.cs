using Podium.Modules.Pools.Domain;
using static Podium.Rules.Tests.Pools.PoolsSeason;

namespace Podium.Rules.Tests.Pools;

public sealed class PickemGradingTests
{
    private static readonly PickemRules Straight = new();

    private static PickemRules Scoring(PickemScoring scoring, decimal push = 0m) => new() { Scoring = scoring, PushPoints = push };

    // KC −3 at home wins by 7; BUF −2.5 ties NYJ; DAL −6 wins by 6 (a push against the spread); SEA +4 at home loses by 10;
    // MIA–NE is postponed. The last kickoff is SEA–LAR (game 105).
    private static readonly Game[] Week =
    [
        Final(1, 101, "KC", 27, "BAL", 20, homeSpread: -3m),
        Final(1, 102, "BUF", 20, "NYJ", 20, homeSpread: -2.5m),
        Final(1, 103, "DAL", 26, "NYG", 20, homeSpread: -6m),
        Final(1, 105, "SEA", 14, "LAR", 24, homeSpread: 4m, kickoff: Sunday.AddHours(8)),
        Off(1, 104, "MIA", "NE", GameStatus.Postponed, homeSpread: -7m),
    ];

    [Theory]
    [InlineData("KC", 1, true)]
    [InlineData("BAL", 0, false)]
    [InlineData("BUF", 0, false)]
    [InlineData("MIA", 0, false)]
    public void Score_Straight(string team, int points, bool correct)
    {
        var game = Week.Single(g => g.Plays(team));

        PickemGrading.Score(Straight, game, team, 0m, 0).ShouldBe(new PickemResult(points, correct));
    }

    [Fact]
    public void Score_AStraightTie_EarnsThePushPoints()
    {
        PickemGrading.Score(Scoring(PickemScoring.Straight, 0.5m), Week[1], "NYJ", 0m, 0).ShouldBe(new PickemResult(0.5m, false));
        PickemGrading.Score(Scoring(PickemScoring.Straight, 0.5m), Week[4], "NE", 0m, 0).ShouldBe(PickemResult.Nothing);
    }

    [Theory]
    [InlineData("KC", -3, 1, true)]      // 7 − 3 > 0
    [InlineData("BAL", 3, 0, false)]     // −7 + 3 < 0
    [InlineData("DAL", -6, 0.5, false)]  // a push
    [InlineData("NYG", 6, 0.5, false)]
    [InlineData("NYJ", 2.5, 1, true)]    // a tie covered by the underdog
    [InlineData("SEA", 4, 0, false)]
    [InlineData("NE", 7, 0, false)]      // postponed: void, never a push
    public void Score_Spread(string team, decimal line, decimal points, bool correct)
    {
        var game = Week.Single(g => g.Plays(team));

        PickemGrading.Score(Scoring(PickemScoring.Spread, 0.5m), game, team, line, 0).ShouldBe(new PickemResult(points, correct));
    }

    [Fact]
    public void Score_SpreadPushWithoutPushPoints_EarnsNothing() =>
        PickemGrading.Score(Scoring(PickemScoring.Spread), Week[2], "DAL", -6m, 0).ShouldBe(PickemResult.Nothing);

    [Theory]
    [InlineData("KC", 4, 4, true)]
    [InlineData("BAL", 4, 0, false)]
    [InlineData("BUF", 3, 1.5, false)]
    [InlineData("NE", 5, 0, false)]
    public void Score_Confidence(string team, int confidence, decimal points, bool correct)
    {
        var game = Week.Single(g => g.Plays(team));

        PickemGrading.Score(Scoring(PickemScoring.Confidence, 0.5m), game, team, 0m, confidence).ShouldBe(new PickemResult(points, correct));
    }

    [Theory]
    [InlineData("KC", -3, 4, true)]
    [InlineData("BAL", 3, -4, false)]
    [InlineData("DAL", -6, 0, false)]
    [InlineData("NYJ", 2.5, 2.5, true)]
    [InlineData("SEA", 4, -6, false)]
    [InlineData("LAR", -4, 6, true)]
    [InlineData("NE", 7, 0, false)]
    public void Score_PointsPlus_IsMarginPlusLine(string team, decimal line, decimal points, bool correct)
    {
        var game = Week.Single(g => g.Plays(team));

        PickemGrading.Score(Scoring(PickemScoring.PointsPlus, 0.5m), game, team, line, 0).ShouldBe(new PickemResult(points, correct));
    }

    [Fact]
    public void Score_AGameNotYetFinal_EarnsNothing()
    {
        var game = new Game(1, 9, Sunday, "KC", "BAL", 21, 0, GameStatus.InProgress);

        PickemGrading.Score(Straight, game, "KC", 0m, 0).ShouldBe(PickemResult.Nothing);
        PickemGrading.Score(Scoring(PickemScoring.PointsPlus), game, "KC", 3m, 0).ShouldBe(PickemResult.Nothing);
    }

    [Fact]
    public void TiebreakGame_IsTheLatestKickoffThenTheLargerId()
    {
        PickemGrading.TiebreakGame(Week).Id.ShouldBe(105);
        PickemGrading.TiebreakGame(Week.Where(g => g.Id != 105)).Id.ShouldBe(104);
        PickemGrading.TiebreakGame([Week[2], Week[0], Week[1]]).Id.ShouldBe(103);
    }

    [Fact]
    public void TiebreakError_IsTheDistanceFromTheTotal()
    {
        PickemGrading.TiebreakError(Week[3], 40).ShouldBe(2);
        PickemGrading.TiebreakError(Week[3], 30).ShouldBe(8);
        PickemGrading.TiebreakError(Week[3], null).ShouldBe(38);
        PickemGrading.TiebreakError(Week[4], 40).ShouldBe(0);
    }

    [Fact]
    public void Grade_Straight_SumsTheWeeks()
    {
        var grading = Pickem(Straight, Week, Rows(P("ann", 1, "KC", guess: 38), P("ann", 1, "LAR"), P("ann", 1, "BUF"), P("bob", 1, "BAL", guess: 30)));

        grading.Standings.ShouldBe(
        [
            new Standing(1, "ann", null, null, null, null, 2m, 2, null, null),
            new Standing(2, "bob", null, null, null, null, 0m, 0, null, null),
        ]);
    }

    [Fact]
    public void Grade_EqualPoints_RankByTiebreakErrorThenShare()
    {
        // All score 1 with 1 correct. amy guessed 38 (error 0), cat and dan 30 (8), bob nothing (38).
        var grading = Pickem(Straight, Week, Rows(
            P("amy", 1, "KC", guess: 38),
            P("bob", 1, "LAR"),
            P("dan", 1, "LAR", guess: 30),
            P("cat", 1, "KC", guess: 30)));

        grading.Standings.Select(s => (s.Rank, s.Entry, s.Points, s.Correct)).ShouldBe(
        [
            (1, "amy", (decimal?)1m, 1),
            (2, "cat", 1m, 1),
            (2, "dan", 1m, 1),
            (4, "bob", 1m, 1),
        ]);
    }

    [Fact]
    public void Grade_EqualPointsAndGuesses_MoreCorrectFirst()
    {
        // bob: two pushes against the spread (0.5 each, none correct); ann: one cover. Same guess.
        Game[] games = [Final(1, 1, "A", 10, "B", 7, homeSpread: -3m), Final(1, 2, "C", 20, "D", 13, homeSpread: -7m), Final(1, 3, "E", 10, "F", 0, homeSpread: -3m)];

        var grading = Pickem(Scoring(PickemScoring.Spread, 0.5m), games, Rows(P("bob", 1, "A", guess: 40), P("bob", 1, "C"), P("ann", 1, "E", guess: 40)));

        grading.Standings.Select(s => (s.Rank, s.Entry, s.Points, s.Correct)).ShouldBe([(1, "ann", (decimal?)1m, 1), (2, "bob", 1m, 0)]);
    }

    [Fact]
    public void Grade_ASpreadPickWithoutALine_TakesTheClosingSpread()
    {
        // KC home −3 (covers by 4); BAL away +3 (does not); NYJ away +2.5 on a tie (covers).
        var grading = Pickem(Scoring(PickemScoring.Spread), Week, Rows(P("ann", 1, "KC"), P("ann", 1, "NYJ"), P("bob", 1, "BAL"), P("cat", 1, "BAL", line: 8m)));

        grading.Of("ann").Points.ShouldBe(2m);
        grading.Of("bob").Points.ShouldBe(0m);
        grading.Of("cat").Points.ShouldBe(1m);
    }

    [Fact]
    public void ClosingLine_TheAwayTeamsIsTheNegation()
    {
        Week[0].ClosingLineFor("KC").ShouldBe(-3m);
        Week[0].ClosingLineFor("BAL").ShouldBe(3m);
        Final(1, 1, "A", 0, "B", 0).ClosingLineFor("A").ShouldBeNull();
    }

    [Fact]
    public void Grade_NoLineAnywhere_IsAnErrorUnderSpread()
    {
        Game[] games = [Final(1, 1, "KC", 1, "LV", 0)];

        var error = Pickem(Scoring(PickemScoring.Spread), games, Rows(P("ann", 1, "KC"))).OnlyError();
        error.Column.ShouldBe("line");
        error.Reason.ShouldContain("no line");
        Pickem(Straight, games, Rows(P("ann", 1, "KC"))).Of("ann").Points.ShouldBe(1m);
    }

    [Fact]
    public void Grade_Confidence_PointsAreTheConfidences()
    {
        // KC right (4), BUF tie (0.5 × 3), SEA wrong, NE postponed (still counts in N = 4).
        var grading = Pickem(Scoring(PickemScoring.Confidence, 0.5m), Week, Rows(P("ann", 1, "KC", 4), P("ann", 1, "BUF", 3), P("ann", 1, "SEA", 2), P("ann", 1, "NE", 1)));

        grading.Of("ann").ShouldBe(new Standing(1, "ann", null, null, null, null, 5.5m, 1, null, null));
    }

    [Theory]
    [InlineData(null, 1, "needs a confidence")]
    [InlineData(0, 1, "from 1 to 2")]
    [InlineData(3, 1, "from 1 to 2")]
    [InlineData(1, 1, "confidence 1 is used twice")]
    public void Grade_BadConfidences_AreErrors(int? first, int second, string reason)
    {
        var error = Pickem(Scoring(PickemScoring.Confidence), Week, Rows(P("ann", 1, "KC", first), P("ann", 1, "BUF", second))).OnlyError();

        error.Column.ShouldBe("confidence");
        error.Reason.ShouldContain(reason);
        error.Origin!.Line.ShouldBe(first == 1 ? 3 : 2);
    }

    [Fact]
    public void Grade_ConfidencesAreIgnoredUnderOtherScorings() =>
        Pickem(Straight, Week, Rows(P("ann", 1, "KC", 9))).Of("ann").Points.ShouldBe(1m);

    [Fact]
    public void Grade_PointsPlus_SumsMarginsWithLinesBalanced()
    {
        // KC −3 (+4), LAR −4 (+6), NYJ +2.5 (+2.5), NE +7 (postponed: 0, still an underdog in the balance).
        var grading = Pickem(Scoring(PickemScoring.PointsPlus), Week, Rows(P("ann", 1, "KC"), P("ann", 1, "LAR"), P("ann", 1, "NYJ"), P("ann", 1, "NE")));

        grading.Of("ann").ShouldBe(new Standing(1, "ann", null, null, null, null, 12.5m, 3, null, null));
    }

    [Fact]
    public void Grade_PointsPlus_CanGoNegative()
    {
        var grading = Pickem(Scoring(PickemScoring.PointsPlus), Week, Rows(P("ann", 1, "BAL"), P("ann", 1, "SEA"), P("ann", 1, "BUF"), P("ann", 1, "MIA")));

        // BAL +3 (−4), SEA +4 (−6), BUF −2.5 (−2.5), MIA −7 (void).
        grading.Of("ann").Points.ShouldBe(-12.5m);
        grading.Of("ann").Correct.ShouldBe(0);
    }

    [Fact]
    public void Grade_PointsPlusWithNoPicks_ScoresZero()
    {
        Game[] games = [.. Week, Final(2, 201, "KC", 10, "LV", 0, homeSpread: -3m)];

        var grading = Pickem(Scoring(PickemScoring.PointsPlus), games, Rows(P("ann", 1, "KC"), P("ann", 1, "LAR"), P("ann", 1, "NYJ"), P("ann", 1, "NE")));

        grading.Of("ann").Points.ShouldBe(12.5m);
    }

    [Fact]
    public void Grade_PointsPlusWithTooFewPicks_IsAnError()
    {
        var error = Pickem(Scoring(PickemScoring.PointsPlus), Week, Rows(P("ann", 1, "KC"), P("ann", 1, "NYJ"), P("ann", 1, "NE"))).OnlyError();

        error.Origin!.Line.ShouldBe(2);
        error.Reason.ShouldContain("has 3 pick(s) in week 1; Points Plus needs at least 4");
    }

    [Fact]
    public void Grade_PointsPlusUnbalanced_IsAnError()
    {
        var error = Pickem(Scoring(PickemScoring.PointsPlus), Week, Rows(P("ann", 1, "KC"), P("ann", 1, "LAR"), P("ann", 1, "BUF"), P("ann", 1, "NE"))).OnlyError();

        error.Column.ShouldBe("line");
        error.Reason.ShouldContain("picked 3 favourite(s) and 1 underdog(s)");
    }

    [Fact]
    public void Grade_PointsPlusOnAPickemLine_IsAnError()
    {
        var errors = Pickem(Scoring(PickemScoring.PointsPlus), Week, Rows(P("ann", 1, "KC"), P("ann", 1, "LAR", line: 0m), P("ann", 1, "NYJ"), P("ann", 1, "NE"))).Errors;

        errors.ShouldContain(e => e.Origin!.Line == 3 && e.Column == "line" && e.Reason.Contains("(0) may not be picked"));
    }

    [Fact]
    public void Grade_TwoPicksInOneGame_IsAnErrorOnTheLaterRow()
    {
        var error = Pickem(Straight, Week, Rows(P("ann", 1, "KC"), P("ann", 1, "BAL"))).OnlyError();

        error.Origin!.Line.ShouldBe(3);
        error.Reason.ShouldContain("already picked game 101");
    }

    [Fact]
    public void Grade_DifferentGuessesForOneWeek_IsAnError()
    {
        var error = Pickem(Straight, Week, Rows(P("ann", 1, "KC", guess: 40), P("ann", 1, "LAR", guess: 40), P("ann", 1, "BUF", guess: 41))).OnlyError();

        error.Origin!.Line.ShouldBe(4);
        error.Column.ShouldBe("tiebreak_guess");
    }

    [Fact]
    public void Grade_TheTiebreak_SumsOverWeeksAndIgnoresAPostponedGame()
    {
        Game[] games = [.. Week, Final(2, 201, "KC", 10, "LV", 0), Off(3, 301, "KC", "NYJ"), Final(3, 300, "LV", 3, "DEN", 0)];
        // Week 1 total 38, week 2 10, week 3's last game is postponed (adds nothing).
        var grading = Pickem(Straight, games, Rows(P("ann", 1, "KC", guess: 30), P("ann", 2, "LV", guess: 12), P("ann", 3, "KC", guess: 99), P("bob", 1, "KC", guess: 40), P("bob", 3, "LV")));

        // ann: 1 + 0 + 0 points, error 8 + 2; bob: 1 + 1, error 2 + 10.
        grading.Standings.Select(s => (s.Rank, s.Entry, s.Points)).ShouldBe([(1, "bob", (decimal?)2m), (2, "ann", 1m)]);
        var tied = Pickem(Straight, games, Rows(P("ann", 1, "KC", guess: 30), P("ann", 2, "LV", guess: 12), P("bob", 1, "KC", guess: 40), P("bob", 2, "LV", guess: 0)));
        tied.Standings.Select(s => (s.Rank, s.Entry)).ShouldBe([(1, "ann"), (2, "bob")]);
    }

    [Fact]
    public void Grade_Buybacks_AreAnError()
    {
        var error = Pickem(Straight, Week, Rows(P("ann", 1, "KC")), Buybacks(("ann", 1))).OnlyError();

        error.Origin.ShouldBe(new Origin("buybacks.csv", 2));
        error.Reason.ShouldContain("survivor");
    }

    [Fact]
    public void Grade_UnknownTeamsAndWeeks_AreErrors()
    {
        Pickem(Straight, Week, Rows(P("ann", 1, "XYZ"))).OnlyError().Reason.ShouldContain("unknown team");
        Pickem(Straight, Week, Rows(P("ann", 2, "KC"))).OnlyError().Reason.ShouldContain("week 2 has no games");
    }

    [Fact]
    public void Grade_EveryWeekIsGraded_EvenWithGamesToPlay()
    {
        Game[] games = [.. Week, new Game(2, 201, Sunday.AddDays(7), "KC", "LV", null, null, GameStatus.Scheduled)];

        var grading = Pickem(Straight, games, Rows(P("ann", 1, "KC"), P("ann", 2, "KC")));

        grading.Of("ann").Points.ShouldBe(1m);
    }

    [Fact]
    public void Grade_RowsInAnyOrder_GiveTheSameStandings()
    {
        var rules = Scoring(PickemScoring.Confidence, 0.5m);
        var picks = new[] { P("ann", 1, "KC", 2, guess: 40), P("ann", 1, "BUF", 1), P("bob", 1, "BAL", 1, guess: 30), P("cat", 1, "NYJ", 2), P("cat", 1, "LAR", 1) };
        var expected = Pickem(rules, Week, picks).Standings;
        expected.Count.ShouldBe(3);

        var random = new Random(18);
        for (var i = 0; i < 20; i++)
        {
            Pickem(rules, [.. Week.OrderBy(_ => random.Next())], [.. picks.OrderBy(_ => random.Next())]).Standings.ShouldBe(expected);
        }
    }
}
