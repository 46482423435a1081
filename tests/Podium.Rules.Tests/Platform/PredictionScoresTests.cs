using Podium.Platform.Scores;

namespace Podium.Rules.Tests.Platform;

public sealed class PredictionScoresTests
{
    // Eight one-day forecasts small enough to score by hand (the comments show the arithmetic).
    private static readonly double[] SmallIssue = [100, 102, 101, 105, 104, 108, 107, 110];
    private static readonly double[] SmallActual = [102, 101, 105, 104, 108, 107, 110, 109];
    private static readonly double[] SmallPoint = [101, 103, 102, 104, 106, 109, 108, 111];
    private static readonly double[] SmallQ10 = [98, 99, 99, 101, 102, 105, 105, 107];
    private static readonly double[] SmallQ50 = [101, 102.5, 102, 104.5, 106, 108.5, 108, 110.5];
    private static readonly double[] SmallQ90 = [104, 106, 105, 108, 109, 112, 111, 114];

    // 24 BTC-like closes and a model 1 % too bullish, drawn in R with set.seed(7); the expected Diebold–Mariano values
    // are R 4.2's forecast 8.20 dm.test(y - p, y - c0, h, power = 2) printed to 17 digits.
    private static readonly double[] LongIssue =
    [
        32130.79, 30997.66, 30358.69, 29985.50, 29124.91, 28308.88, 28951.43, 28850.03, 28982.46, 30950.53, 31283.78, 33940.27,
        36344.61, 36699.62, 38847.68, 39396.57, 38354.23, 38002.23, 37996.74, 39140.01, 40138.57, 40996.96, 42635.06, 40896.19,
    ];
    private static readonly double[] LongActual =
    [
        34379.51, 31409.84, 31648.69, 31009.73, 27839.09, 28032.72, 27828.96, 30025.49, 29260.06, 30952.90, 30755.70, 33131.88,
        38356.41, 34865.92, 38726.88, 40182.38, 40927.10, 36843.49, 37608.45, 36802.57, 39519.22, 40343.15, 45796.28, 42291.94,
    ];
    private static readonly double[] LongPoint =
    [
        32486.35, 31602.06, 30583.34, 30284.54, 29525.83, 29085.72, 29454.80, 29280.49, 28818.34, 31361.24, 31650.68, 33974.26,
        36737.93, 37127.50, 39452.01, 40073.96, 38863.46, 38812.31, 38674.94, 39992.02, 41056.31, 41700.13, 43250.26, 40927.86,
    ];

    private static GradedPrediction[] Small() =>
        [.. SmallIssue.Select((c0, i) => new GradedPrediction(c0, SmallActual[i], SmallPoint[i], SmallQ10[i], SmallQ50[i], SmallQ90[i]))];

    // Quantiles play no part in the Diebold–Mariano test; a point interval keeps these rows valid.
    private static GradedPrediction[] Long(Func<int, double>? point = null) =>
        [.. LongIssue.Select((c0, i) => { var p = point?.Invoke(i) ?? LongPoint[i]; return new GradedPrediction(c0, LongActual[i], p, p, p, p); })];

    private static void ShouldBeClose(double? actual, double expected) =>
        actual.ShouldNotBeNull().ShouldBe(expected, Math.Abs(expected) * 1e-12);

    [Fact]
    public void Mae_IsTheMeanAbsoluteError() =>
        // |y − p| = 1 2 3 0 2 2 2 2 → 14 / 8
        PredictionScores.Score(Small(), 1).Mae.ShouldBe(1.75);

    [Fact]
    public void Rmse_IsTheRootOfTheMeanSquaredError() =>
        // (y − p)² = 1 4 9 0 4 4 4 4 → √(30 / 8)
        PredictionScores.Score(Small(), 1).Rmse.ShouldBe(Math.Sqrt(3.75));

    [Fact]
    public void Mase_DividesByTheRandomWalksMae_AndSkillIsItsComplement()
    {
        // |y − c0| = 2 1 4 1 4 1 3 1 → 17 / 8; 14 / 17
        var score = PredictionScores.Score(Small(), 1);
        score.Mase.ShouldBe(14.0 / 17);
        score.Skill.ShouldNotBeNull().ShouldBe(3.0 / 17, 1e-15);
    }

    [Fact]
    public void DirectionalAccuracy_CountsForecastsThatCalledUpOrNotUpRight_WithTheExactBinomialTail()
    {
        // Up: y > c0 in rows 1 3 5 7; the model says up everywhere but row 4 → right in rows 1 3 4 5 7.
        var score = PredictionScores.Score(Small(), 1);
        score.DirectionalAccuracy.ShouldBe(5.0 / 8);
        score.AlwaysUpAccuracy.ShouldBe(4.0 / 8);
        score.DirectionalP.ShouldBe((56.0 + 28 + 8 + 1) / 256, 1e-13); // P(X ≥ 5), X ~ B(8, ½)
    }

    [Fact]
    public void AForecastEqualToTheIssueClose_SaysNotUp()
    {
        var flat = new GradedPrediction(100, 100, 100, 99, 100, 101);
        var score = PredictionScores.Score([flat], 1);
        score.DirectionalAccuracy.ShouldBe(1);
        score.AlwaysUpAccuracy.ShouldBe(0);
    }

    [Fact]
    public void AForecastCallingUpWhenThePriceFell_IsAMiss() =>
        PredictionScores.Score([new GradedPrediction(100, 99, 101, 98, 101, 103)], 1).DirectionalAccuracy.ShouldBe(0);

    [Fact]
    public void Coverage80_CountsActualsWithinTheTenAndNinetyQuantiles_BoundsIncluded()
    {
        GradedPrediction[] rows =
        [
            new(100, 98, 100, 98, 100, 102),   // on q10: covered
            new(100, 102, 100, 98, 100, 102),  // on q90: covered
            new(100, 97.5, 100, 98, 100, 102), // below
            new(100, 103, 100, 98, 100, 102),  // above
        ];
        PredictionScores.Score(rows, 1).Coverage80.ShouldBe(0.5);
    }

    [Fact]
    public void Pinball_AveragesTheThreeQuantileLossesOverEveryForecast() =>
        // R: mean(c(rho(y - q10, .1), rho(y - q50, .5), rho(y - q90, .9)))
        ShouldBeClose(PredictionScores.Score(Small(), 1).Pinball, 0.49166666666666664);

    [Fact]
    public void Pinball_UsesTheMedianQuantile_NotThePoint()
    {
        var median = PredictionScores.Score([new GradedPrediction(100, 100, 100, 100, 100, 100)], 1).Pinball;
        var offMedian = PredictionScores.Score([new GradedPrediction(100, 100, 100, 100, 106, 100)], 1).Pinball;
        median.ShouldBe(0);
        offMedian.ShouldBe(1); // ρ½(−6) = 3, over three quantiles
    }

    [Theory]
    [InlineData(0.1, 10, 1)]    // above the quantile: τ·u
    [InlineData(0.1, -10, 9)]   // below: (τ − 1)·u
    [InlineData(0.9, 10, 9)]
    [InlineData(0.9, -10, 1)]
    [InlineData(0.5, 0, 0)]
    public void PinballLoss_WeighsMissesAboveByTauAndBelowByOneMinusTau(double tau, double residual, double expected) =>
        PredictionScores.PinballLoss(tau, residual).ShouldBe(expected, 1e-12);

    [Fact]
    public void DieboldMariano_OneDayAhead_MatchesR()
    {
        var score = PredictionScores.Score(Small(), 1);
        ShouldBeClose(score.DmStatistic, -1.2268099026436567);
        ShouldBeClose(score.DmP, 0.25955223386871995);
    }

    [Fact]
    public void DieboldMariano_OneDayAheadOnTheLongSeries_MatchesR()
    {
        var score = PredictionScores.Score(Long(), 1);
        ShouldBeClose(score.DmStatistic, 0.83330803478342086);
        ShouldBeClose(score.DmP, 0.41324143873261354);
    }

    [Fact]
    public void DieboldMariano_SevenDaysAhead_UsesSixLagsAndTheHlnCorrection_AsR()
    {
        var score = PredictionScores.Score(Long(), 7);
        ShouldBeClose(score.DmStatistic, 1.6262703534612046);
        ShouldBeClose(score.DmP, 0.1175168996621643);
    }

    [Fact]
    public void DieboldMariano_WhenTheVarianceComesOutNegative_IsRerunOneDayAhead_AsR()
    {
        // R warns "Variance is negative … Proceeding with horizon h=1" for both of these.
        var twenty = PredictionScores.Score(Long(), 20);
        ShouldBeClose(twenty.DmStatistic, 0.83330803478342086);
        ShouldBeClose(twenty.DmP, 0.41324143873261354);
        var two = PredictionScores.Score(Small(), 2);
        ShouldBeClose(two.DmStatistic, -1.2268099026436567);
        ShouldBeClose(two.DmP, 0.25955223386871995);
    }

    [Fact]
    public void Scores_OfTheLongSeries_MatchR()
    {
        var score = PredictionScores.Score(Long(), 7);
        ShouldBeClose(score.Mae, 1307.5041666666671);
        ShouldBeClose(score.Mase, 1.141465625552452);
        score.HasSkill.ShouldBeFalse();
    }

    [Fact]
    public void TheRandomWalkScoredAgainstItself_HasMaseExactlyOne_AndNoDieboldMariano()
    {
        var score = PredictionScores.Score(Long(i => LongIssue[i]), 7);
        score.Mase.ShouldBe(1);
        score.Skill.ShouldBe(0);
        score.DmStatistic.ShouldBeNull();
        score.DmP.ShouldBeNull();
        score.HasSkill.ShouldBeFalse();
    }

    [Fact]
    public void WhenTheRandomWalkMadeNoError_MaseAndSkillAreUndefined()
    {
        var score = PredictionScores.Score([new GradedPrediction(100, 100, 101, 99, 100, 102), new GradedPrediction(100, 100, 99, 98, 100, 101)], 1);
        score.Mae.ShouldBe(1);
        score.Mase.ShouldBeNull();
        score.Skill.ShouldBeNull();
    }

    [Fact]
    public void WithNoMoreForecastsThanTheHorizon_DieboldMarianoIsUndefined()
    {
        var seven = Long().Take(7).ToArray();
        PredictionScores.Score(seven, 7).DmStatistic.ShouldBeNull();
        PredictionScores.Score(seven, 7).DmP.ShouldBeNull();
        PredictionScores.Score(seven.Take(1).ToArray(), 1).DmStatistic.ShouldBeNull();
        PredictionScores.Score(seven, 6).DmStatistic.ShouldNotBeNull();
    }

    [Fact]
    public void WhenTheLossDifferentialIsConstant_ThereIsNoVariance_AndNoTest() =>
        // d = 1 − 4 = −3 in every row: R stops with "Variance of DM statistic is zero".
        PredictionScores.DieboldMariano([-3.0, -3.0, -3.0, -3.0], 1).ShouldBeNull();

    [Fact]
    public void DieboldMariano_IsDefinedWhenOnlySomeRowsTie()
    {
        // d = 0 −4 0 4 8: mean 1.6, γ0 = 83.2 / 5 → DM = 1.6 / √(16.64 / 5) · √((5 + 1 − 2) / 5)
        var test = PredictionScores.DieboldMariano([0.0, -4.0, 0.0, 4.0, 8.0], 1).ShouldNotBeNull();
        test.Statistic.ShouldBe(1.6 / Math.Sqrt(16.64 / 5) * Math.Sqrt(0.8), 1e-12);
    }

    [Fact]
    public void DieboldMariano_WithAZeroMeanDifferential_IsZeroWithPOne()
    {
        var test = PredictionScores.DieboldMariano([1.0, -1.0, 1.0, -1.0], 1).ShouldNotBeNull();
        test.Statistic.ShouldBe(0);
        test.P.ShouldBe(1, 1e-15);
    }

    [Fact]
    public void HasSkill_NeedsALowerLossAndSignificance()
    {
        static PredictionScore With(double? statistic, double? p) => new(10, 1, 1, 1, 0, 0.5, 0.5, 0.5, 0.8, 1, statistic, p);
        With(-2.5, 0.01).HasSkill.ShouldBeTrue();
        With(-2.5, 0.05).HasSkill.ShouldBeFalse();  // 5 % is not below 5 %
        With(0, 0.01).HasSkill.ShouldBeFalse();     // significant, but no better
        With(2.5, 0.01).HasSkill.ShouldBeFalse();   // significantly worse
        With(null, null).HasSkill.ShouldBeFalse();
    }

    [Theory]
    [InlineData(0, 8, 1.0)]
    [InlineData(-1, 8, 1.0)]
    [InlineData(1, 8, 255.0 / 256)]
    [InlineData(8, 8, 1.0 / 256)]
    [InlineData(9, 8, 0.0)]
    [InlineData(0, 0, 1.0)]
    public void BinomialUpperTail_IsTheExactOneSidedTail(int hits, int n, double expected) =>
        PredictionScores.BinomialUpperTail(hits, n).ShouldBe(expected, 1e-15);

    [Fact]
    public void BinomialUpperTail_StaysExactWhenTiny() =>
        // 1 − CDF would round this to 0: P(X ≥ 200) for n = 200 is 2^−200.
        PredictionScores.BinomialUpperTail(200, 200).ShouldBe(Math.Pow(2, -200), Math.Pow(2, -200) * 1e-9);

    [Fact]
    public void BinomialUpperTail_RefusesANegativeCount() =>
        Should.Throw<ArgumentOutOfRangeException>(() => PredictionScores.BinomialUpperTail(1, -1));

    [Fact]
    public void Score_RefusesNoForecasts_AndAHorizonBelowOneDay()
    {
        Should.Throw<ArgumentException>(() => PredictionScores.Score([], 1)).ParamName.ShouldBe("forecasts");
        Should.Throw<ArgumentOutOfRangeException>(() => PredictionScores.Score(Small(), 0)).ParamName.ShouldBe("horizonDays");
        Should.Throw<ArgumentOutOfRangeException>(() => PredictionScores.DieboldMariano([1.0, 2.0], 0)).ParamName.ShouldBe("h");
    }

    [Fact]
    public void Score_DoesNotDependOnWhichOrderEqualRowsCome()
    {
        // Every score but Diebold–Mariano is a mean over rows; reversing the rows must leave them alone.
        var forward = PredictionScores.Score(Small(), 1);
        var backward = PredictionScores.Score([.. Small().Reverse()], 1);
        backward.Mae.ShouldBe(forward.Mae);
        backward.Mase.ShouldBe(forward.Mase);
        backward.DirectionalP.ShouldBe(forward.DirectionalP);
        backward.Pinball.ShouldBe(forward.Pinball, 1e-15);
    }
}
