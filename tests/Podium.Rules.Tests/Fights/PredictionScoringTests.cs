using Podium.Modules.Fights.Domain;

namespace Podium.Rules.Tests.Fights;

public sealed class PredictionScoringTests
{
    private static readonly ScoringRules Rules = ScoringRules.Default;

    private static PredictionScore Score(Prediction prediction, BoutResult result, decimal? odds = null, ScoringRules? rules = null) =>
        PredictionScoring.Score(prediction, result, odds, rules ?? Rules);

    private static PredictionScore Part(bool correct, int winner = 0, int bonus = 0, int method = 0, int round = 0) =>
        new(false, correct, winner, bonus, method, round);

    [Fact]
    public void Default_WhenNotConfigured_IsTheSitesPoints() =>
        ScoringRules.Default.ShouldBe(new ScoringRules(Winner: 10, UnderdogBonusPerUnit: 10, UnderdogBonusCap: 20, Method: 5, Round: 5));

    [Fact]
    public void Score_WhenTheWinnerIsRightAndNothingElseWasPicked_GivesTheWinnerPointsOnly() =>
        Score(new(Corner.A), BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1)).ShouldBe(Part(true, winner: 10));

    [Fact]
    public void Score_WhenTheWinnerIsWrong_GivesNothingButCounts()
    {
        var score = Score(new(Corner.B, PickedMethod.KoTko, 1), BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1), odds: 3.5m);

        score.ShouldBe(Part(false));
        score.Total.ShouldBe(0);
    }

    [Fact]
    public void Score_WhenCornerBWinsAndWasPicked_GivesTheWinnerPoints() =>
        Score(new(Corner.B), BoutResult.WinFor(Corner.B, FinishMethod.Submission, 2)).ShouldBe(Part(true, winner: 10));

    [Fact]
    public void Score_WhenWinnerAndMethodAreRight_AddsTheMethodPoints() =>
        Score(new(Corner.A, PickedMethod.Submission), BoutResult.WinFor(Corner.A, FinishMethod.Submission, 2)).ShouldBe(Part(true, 10, method: 5));

    [Fact]
    public void Score_WhenTheMethodIsWrong_GivesNoMethodPoints() =>
        Score(new(Corner.A, PickedMethod.KoTko), BoutResult.WinFor(Corner.A, FinishMethod.Submission, 2)).ShouldBe(Part(true, 10));

    [Fact]
    public void Score_WhenTheResultHasNoMethod_GivesNoMethodOrRoundPoints() =>
        Score(new(Corner.A, PickedMethod.KoTko, 2), new BoutResult(BoutOutcome.WinA, null, 2)).ShouldBe(Part(true, 10));

    [Fact]
    public void Score_WhenWinnerMethodAndRoundAreRight_AddsTheRoundPoints()
    {
        var score = Score(new(Corner.A, PickedMethod.KoTko, 3), BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 3));

        score.ShouldBe(Part(true, 10, method: 5, round: 5));
        score.Total.ShouldBe(20);
    }

    [Fact]
    public void Score_WhenTheRoundIsRightButTheMethodWrong_GivesNoRoundPoints() =>
        Score(new(Corner.A, PickedMethod.Submission, 3), BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 3)).ShouldBe(Part(true, 10));

    [Fact]
    public void Score_WhenTheRoundIsRightButTheWinnerWrong_GivesNothing() =>
        Score(new(Corner.B, PickedMethod.KoTko, 3), BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 3)).ShouldBe(Part(false));

    [Fact]
    public void Score_WhenTheRoundIsWrong_GivesNoRoundPoints() =>
        Score(new(Corner.A, PickedMethod.KoTko, 2), BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 3)).ShouldBe(Part(true, 10, method: 5));

    [Fact]
    public void Score_WhenARoundWasPickedWithoutAMethod_GivesNoRoundPoints() =>
        Score(new(Corner.A, null, 1), BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1)).ShouldBe(Part(true, 10));

    [Fact]
    public void Score_WhenTheResultHasNoRound_GivesNoRoundPoints() =>
        Score(new(Corner.A, PickedMethod.KoTko, 1), BoutResult.WinFor(Corner.A, FinishMethod.KoTko)).ShouldBe(Part(true, 10, method: 5));

    [Theory]
    [InlineData(nameof(FinishMethod.UnanimousDecision))]
    [InlineData(nameof(FinishMethod.SplitDecision))]
    [InlineData(nameof(FinishMethod.MajorityDecision))]
    public void Score_WhenDecisionWasPickedAndAnyKindOfDecisionWon_GivesTheMethodPoints(string method) =>
        Score(new(Corner.B, PickedMethod.Decision), BoutResult.WinFor(Corner.B, Enum.Parse<FinishMethod>(method), 3)).ShouldBe(Part(true, 10, method: 5));

    [Fact]
    public void Score_WhenDecisionAndTheFinalRoundWerePicked_GivesNoRoundPoints() =>
        Score(new(Corner.A, PickedMethod.Decision, 3), BoutResult.WinFor(Corner.A, FinishMethod.UnanimousDecision, 3)).ShouldBe(Part(true, 10, method: 5));

    [Fact]
    public void Score_WhenDqWasPickedAndTheRoundIsRight_GivesMethodAndRoundPoints() =>
        Score(new(Corner.A, PickedMethod.Disqualification, 2), BoutResult.WinFor(Corner.A, FinishMethod.Disqualification, 2)).ShouldBe(Part(true, 10, method: 5, round: 5));

    [Fact]
    public void Score_WhenSubmissionAndRoundAreRight_GivesMethodAndRoundPoints() =>
        Score(new(Corner.B, PickedMethod.Submission, 1), BoutResult.WinFor(Corner.B, FinishMethod.Submission, 1)).ShouldBe(Part(true, 10, method: 5, round: 5));

    [Fact]
    public void Score_WhenKoWasPickedAndItWentToADecision_GivesNoMethodPoints() =>
        Score(new(Corner.A, PickedMethod.KoTko, 3), BoutResult.WinFor(Corner.A, FinishMethod.SplitDecision, 3)).ShouldBe(Part(true, 10));

    [Theory]
    [InlineData(nameof(BoutOutcome.Draw))]
    [InlineData(nameof(BoutOutcome.NoContest))]
    public void Score_WhenThereIsNoWinner_IsVoidWithNoPoints(string outcome)
    {
        var score = Score(new(Corner.A, PickedMethod.Decision, 3), new BoutResult(Enum.Parse<BoutOutcome>(outcome), FinishMethod.MajorityDecision, 3), odds: 4m);

        score.ShouldBe(PredictionScore.Voided);
        score.Void.ShouldBeTrue();
        score.CorrectWinner.ShouldBeFalse();
        score.Total.ShouldBe(0);
    }

    [Fact]
    public void Score_WhenTheWinnerIsRightAsAnUnderdog_AddsTheBonus() =>
        Score(new(Corner.A), BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1), odds: 3.5m).ShouldBe(Part(true, 10, bonus: 15));

    [Fact]
    public void Score_WhenTheRulesAreALeaguesOwn_UsesThem()
    {
        var rules = new ScoringRules(Winner: 3, UnderdogBonusPerUnit: 4, UnderdogBonusCap: 6, Method: 2, Round: 1);

        Score(new(Corner.A, PickedMethod.KoTko, 1), BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1), odds: 3m, rules).ShouldBe(Part(true, 3, 4, 2, 1));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("1.5", 0)]
    [InlineData("2.0", 0)]
    [InlineData("2.04", 0)]
    [InlineData("2.05", 1)] // half a point rounds up (AwayFromZero), where banker's rounding would give 0
    [InlineData("2.25", 3)] // 2.5 → 3, banker's would give 2
    [InlineData("2.35", 4)] // 3.5 → 4 (both roundings agree: shows the rounding is to nearest, not down)
    [InlineData("2.44", 4)]
    [InlineData("3.5", 15)]
    [InlineData("4.0", 20)]
    [InlineData("4.04", 20)] // 20.4 rounds to the cap itself
    [InlineData("4.1", 20)] // 21 is capped
    [InlineData("11.0", 20)]
    public void UnderdogBonus_WhenTheClosingOddsAre_IsRoundedAndCapped(string? odds, int bonus) =>
        PredictionScoring.UnderdogBonus(odds is null ? null : decimal.Parse(odds, System.Globalization.CultureInfo.InvariantCulture), Rules).ShouldBe(bonus);

    [Fact]
    public void UnderdogBonus_WhenTheCapIsRaised_GivesMoreThanTwenty() =>
        PredictionScoring.UnderdogBonus(5m, Rules with { UnderdogBonusCap = 100 }).ShouldBe(30);

    [Fact]
    public void Rescore_WhenAWinIsCorrectedToTheOtherCorner_TakesThePointsBack()
    {
        var prediction = new Prediction(Corner.A, PickedMethod.KoTko, 1);
        var first = Score(prediction, BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1), 3m);

        var (score, change) = PredictionScoring.Rescore(first, prediction, BoutResult.WinFor(Corner.B, FinishMethod.KoTko, 1), 3m, Rules);

        first.Total.ShouldBe(30);
        score.ShouldBe(Part(false));
        change.ShouldBe(-30);
    }

    [Fact]
    public void Rescore_WhenTheMethodIsCorrected_GivesTheDifference()
    {
        var prediction = new Prediction(Corner.A, PickedMethod.Submission, 2);
        var first = Score(prediction, BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 2));

        var (score, change) = PredictionScoring.Rescore(first, prediction, BoutResult.WinFor(Corner.A, FinishMethod.Submission, 2), null, Rules);

        score.Total.ShouldBe(20);
        change.ShouldBe(10);
    }

    [Fact]
    public void Rescore_WhenAWinIsOverturnedToNoContest_VoidsIt()
    {
        var prediction = new Prediction(Corner.A);
        var first = Score(prediction, BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1));

        var (score, change) = PredictionScoring.Rescore(first, prediction, new BoutResult(BoutOutcome.NoContest), null, Rules);

        score.ShouldBe(PredictionScore.Voided);
        change.ShouldBe(-10);
    }

    [Fact]
    public void Rescore_WhenNeverScoredBefore_TheChangeIsTheWholeScore() =>
        PredictionScoring.Rescore(null, new(Corner.B), BoutResult.WinFor(Corner.B, FinishMethod.SplitDecision, 3), null, Rules).Change.ShouldBe(10);

    [Fact]
    public void Accuracy_WhenNothingWasScored_IsUnknown() => PredictionScoring.Accuracy([]).ShouldBeNull();

    [Fact]
    public void Accuracy_WhenOnlyVoidPredictions_IsUnknown() =>
        PredictionScoring.Accuracy([PredictionScore.Voided, PredictionScore.Voided]).ShouldBeNull();

    [Fact]
    public void Accuracy_WhenSomeAreVoid_CountsCorrectWinnersOverScoredOnly() =>
        PredictionScoring.Accuracy([Part(true, 10), Part(false), PredictionScore.Voided, Part(true, 10), Part(false)]).ShouldBe(0.5);

    [Fact]
    public void Accuracy_WhenAllAreRight_IsOne() => PredictionScoring.Accuracy([Part(true, 10), Part(true, 10), Part(true, 10)]).ShouldBe(1.0);

    [Fact]
    public void Accuracy_WhenOneOfThreeIsRight_IsAThird() => PredictionScoring.Accuracy([Part(false), Part(true, 10), Part(false)]).ShouldBe(1.0 / 3);
}
