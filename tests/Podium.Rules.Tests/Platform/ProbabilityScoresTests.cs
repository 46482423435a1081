using Podium.Platform.Scores;

namespace Podium.Rules.Tests.Platform;

public sealed class ProbabilityScoresTests
{
    [Fact]
    public void Brier_IsTheMeanSquaredMissAgainstOneOrZero() =>
        // (0.8 − 1)² + (0.3 − 0)² + (0.5 − 1)² = 0.04 + 0.09 + 0.25 = 0.38 → / 3
        ProbabilityScores.Brier([new(0.8, true), new(0.3, false), new(0.5, true)]).ShouldBe(0.38 / 3, 1e-15);

    [Fact]
    public void Brier_IsZeroForCertainForecastsThatCameTrue_AndOneForCertainOnesThatDidNot()
    {
        ProbabilityScores.Brier([new(1, true), new(0, false)]).ShouldBe(0);
        ProbabilityScores.Brier([new(1, false), new(0, true)]).ShouldBe(1);
    }

    [Fact]
    public void Brier_RefusesNothingToScore() =>
        Should.Throw<ArgumentException>(() => ProbabilityScores.Brier([])).ParamName.ShouldBe("outcomes");

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void BothScores_RefuseSomethingThatIsNoProbability(double probability)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ProbabilityScores.Brier([new(probability, true)]));
        Should.Throw<ArgumentOutOfRangeException>(() => ProbabilityScores.Reliability([new(probability, true)]));
    }

    [Fact]
    public void Reliability_GroupsByProbability_AndLeavesEmptyBinsOut()
    {
        var bins = ProbabilityScores.Reliability(
            [new(0.62, true), new(0.68, false), new(0.65, true), new(0.05, false), new(0.0, false), new(1.0, true), new(0.95, true)], 10);
        bins.Select(b => b.From).ShouldBe([0.0, 0.6, 0.9]);
        bins[0].ShouldBe(new ReliabilityBin(0, 0.1, 2, 0.025, 0));
        bins[1].Count.ShouldBe(3);
        bins[1].MeanProbability.ShouldBe(0.65, 1e-15);
        bins[1].ObservedFrequency.ShouldBe(2.0 / 3);
        bins[2].ShouldBe(new ReliabilityBin(0.9, 1, 2, 0.975, 1)); // a probability of 1 sits in the top bin
    }

    [Fact]
    public void Reliability_WithOneBin_IsTheOverallCalibration()
    {
        var bin = ProbabilityScores.Reliability([new(0.2, false), new(0.6, true)], 1).ShouldHaveSingleItem();
        bin.ShouldBe(new ReliabilityBin(0, 1, 2, 0.4, 0.5));
    }

    [Fact]
    public void Reliability_RefusesNoBins() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ProbabilityScores.Reliability([], 0)).ParamName.ShouldBe("bins");

    [Fact]
    public void Reliability_OfNothing_IsEmpty() => ProbabilityScores.Reliability([]).ShouldBeEmpty();
}
