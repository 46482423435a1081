using MathNet.Numerics;

namespace Podium.Platform.Scores;

/// <summary>
/// One forecast whose target date has passed: the close on the day it was issued (<see cref="IssueClose"/>, which is
/// also the random walk's forecast), the close it aimed at (<see cref="Actual"/>), its point and its 10/50/90 % quantiles.
/// </summary>
public readonly record struct GradedPrediction(double IssueClose, double Actual, double Point, double Q10, double Q50, double Q90);

/// <summary>
/// How one model did at one horizon, next to the random walk. Values that are undefined for the forecasts given (see
/// <see cref="PredictionScores.Score"/>) are null, so a page or a JSON file never shows a made-up number.
/// </summary>
public sealed record PredictionScore(
    int N,
    double Mae,
    double Rmse,
    double? Mase,
    double? Skill,
    double DirectionalAccuracy,
    double DirectionalP,
    double AlwaysUpAccuracy,
    double Coverage80,
    double Pinball,
    double? DmStatistic,
    double? DmP)
{
    /// <summary>Skill is claimed only on evidence: lower squared errors than the random walk, at the 5 % level.</summary>
    public bool HasSkill => DmStatistic < 0 && DmP < 0.05;
}

/// <summary>The Diebold–Mariano statistic (with the Harvey–Leybourne–Newbold correction) and its two-sided p-value.</summary>
public readonly record struct DieboldMarianoTest(double Statistic, double P);

/// <summary>
/// Point and interval forecast scores against the random walk. Pure, so a command, a page, the contest and any module
/// grade forecasts the same way; the formulas follow R's <c>forecast</c> package where one exists, so users can check
/// our numbers with the tools they know.
/// </summary>
public static class PredictionScores
{
    /// <summary>The quantile levels an interval forecast carries, with the pinball loss averaged over all three.</summary>
    public static readonly IReadOnlyList<double> QuantileLevels = [0.1, 0.5, 0.9];

    /// <summary>
    /// Scores <paramref name="forecasts"/> (in issue-date order, which the Diebold–Mariano autocovariances depend on)
    /// made <paramref name="horizonDays"/> days ahead. MASE and skill are null when the random walk made no error; the
    /// Diebold–Mariano values are null when the model's squared errors equal the random walk's every time, when there
    /// are no more forecasts than the horizon, or when the loss differential has no variance.
    /// </summary>
    public static PredictionScore Score(IReadOnlyList<GradedPrediction> forecasts, int horizonDays)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonDays, 1);
        if (forecasts.Count == 0)
        {
            throw new ArgumentException("There is nothing to score without a forecast.", nameof(forecasts));
        }

        var n = forecasts.Count;
        double absolute = 0, squared = 0, walkAbsolute = 0, pinball = 0;
        int directionHits = 0, ups = 0, covered = 0;
        var differential = new double[n];
        for (var i = 0; i < n; i++)
        {
            var f = forecasts[i];
            var error = f.Actual - f.Point;
            var walkError = f.Actual - f.IssueClose;
            absolute += Math.Abs(error);
            squared += error * error;
            walkAbsolute += Math.Abs(walkError);
            differential[i] = (error * error) - (walkError * walkError);

            var up = f.Actual > f.IssueClose;
            ups += up ? 1 : 0;
            directionHits += (f.Point > f.IssueClose) == up ? 1 : 0;
            covered += f.Q10 <= f.Actual && f.Actual <= f.Q90 ? 1 : 0;
            pinball += PinballLoss(0.1, f.Actual - f.Q10) + PinballLoss(0.5, f.Actual - f.Q50) + PinballLoss(0.9, f.Actual - f.Q90);
        }

        var mae = absolute / n;
        // The same sum in the same order as the model's, so the random walk scored against itself is exactly 1.
        double? mase = walkAbsolute == 0 ? null : absolute / walkAbsolute;
        var dm = DieboldMariano(differential, horizonDays);
        return new PredictionScore(
            n,
            mae,
            Math.Sqrt(squared / n),
            mase,
            1 - mase,
            (double)directionHits / n,
            BinomialUpperTail(directionHits, n),
            (double)ups / n,
            (double)covered / n,
            pinball / (QuantileLevels.Count * n),
            dm?.Statistic,
            dm?.P);
    }

    /// <summary>The quantile (pinball) loss ρτ(u) = u·(τ − [u &lt; 0]) of a residual u = actual − quantile.</summary>
    public static double PinballLoss(double tau, double residual) => residual * (tau - (residual < 0 ? 1 : 0));

    /// <summary>P(X ≥ <paramref name="hits"/>) for X ~ Binomial(<paramref name="n"/>, ½): the one-sided exact test of a hit rate against a coin.</summary>
    public static double BinomialUpperTail(int hits, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (hits <= 0)
        {
            return 1;
        }

        // I½(k, n − k + 1) is the upper tail exactly, without the cancellation of 1 − CDF when it is tiny.
        return hits > n ? 0 : SpecialFunctions.BetaRegularized(hits, n - hits + 1, 0.5);
    }

    /// <summary>
    /// The Diebold–Mariano test of a loss differential <paramref name="d"/> (model loss − baseline loss, in time order)
    /// for <paramref name="h"/>-step forecasts, as R's <c>forecast::dm.test(e1, e2, h, power = 2)</c>: autocovariances to
    /// lag h − 1, demeaned and divided by n; if their variance is not positive for h &gt; 1 the test is rerun with h = 1;
    /// the HLN small-sample correction; a two-sided p from Student's t with n − 1 degrees of freedom. Null where R stops
    /// with an error instead (no more observations than h, a differential that is all zero or has no variance).
    /// </summary>
    public static DieboldMarianoTest? DieboldMariano(IReadOnlyList<double> d, int h)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentOutOfRangeException.ThrowIfLessThan(h, 1);
        var n = d.Count;
        if (n <= h || d.All(x => x == 0))
        {
            return null;
        }

        var mean = d.Sum() / n;
        var variance = Autocovariance(d, mean, 0);
        for (var k = 1; k < h; k++)
        {
            variance += 2 * Autocovariance(d, mean, k);
        }

        variance /= n;
        if (variance <= 0)
        {
            return h > 1 ? DieboldMariano(d, 1) : null;
        }

        var statistic = mean / Math.Sqrt(variance) * Math.Sqrt((n + 1 - (2 * h) + ((double)h / n * (h - 1))) / n);
        return new DieboldMarianoTest(statistic, StudentTwoSidedP(statistic, n - 1));
    }

    /// <summary>γk: the lag-k autocovariance about <paramref name="mean"/>, divided by n as R's <c>acf</c> does.</summary>
    private static double Autocovariance(IReadOnlyList<double> d, double mean, int lag)
    {
        double sum = 0;
        for (var t = 0; t + lag < d.Count; t++)
        {
            sum += (d[t] - mean) * (d[t + lag] - mean);
        }

        return sum / d.Count;
    }

    /// <summary>2·P(T ≤ −|t|) for T ~ Student's t with ν degrees of freedom, through I_{ν/(ν+t²)}(ν/2, ½).</summary>
    private static double StudentTwoSidedP(double t, int degreesOfFreedom) =>
        SpecialFunctions.BetaRegularized(degreesOfFreedom / 2.0, 0.5, degreesOfFreedom / (degreesOfFreedom + (t * t)));
}
