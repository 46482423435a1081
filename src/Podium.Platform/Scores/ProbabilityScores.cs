namespace Podium.Platform.Scores;

/// <summary>A probability given before the fact (a team to win, a price to rise) and whether it happened.</summary>
public readonly record struct ProbabilityOutcome(double Probability, bool Happened);

/// <summary>
/// One bin of a reliability diagram: the forecasts whose probability fell in [<see cref="From"/>, <see cref="To"/>)
/// (the last bin includes 1), their mean probability and how often the event happened. A calibrated forecaster's
/// points sit on the diagonal.
/// </summary>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanProbability, double ObservedFrequency);

/// <summary>How good probabilities were: the Brier score and the reliability diagram, for any module that publishes odds.</summary>
public static class ProbabilityScores
{
    /// <summary>The mean squared difference between the probability and the outcome (1 or 0): 0 is perfect, 0.25 a coin's.</summary>
    public static double Brier(IReadOnlyList<ProbabilityOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            throw new ArgumentException("There is nothing to score without an outcome.", nameof(outcomes));
        }

        double sum = 0;
        foreach (var o in outcomes)
        {
            Check(o.Probability);
            var miss = o.Probability - (o.Happened ? 1 : 0);
            sum += miss * miss;
        }

        return sum / outcomes.Count;
    }

    /// <summary>
    /// The reliability diagram in <paramref name="bins"/> equal bins of probability; empty bins are left out, since a
    /// point with no forecasts behind it would say nothing.
    /// </summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<ProbabilityOutcome> outcomes, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new int[bins];
        var probability = new double[bins];
        var happened = new int[bins];
        foreach (var o in outcomes)
        {
            Check(o.Probability);
            // A probability of exactly 1 belongs to the top bin, not to one past it.
            var bin = Math.Min((int)(o.Probability * bins), bins - 1);
            count[bin]++;
            probability[bin] += o.Probability;
            happened[bin] += o.Happened ? 1 : 0;
        }

        var result = new List<ReliabilityBin>();
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                result.Add(new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, count[b], probability[b] / count[b], (double)happened[b] / count[b]));
            }
        }

        return result;
    }

    private static void Check(double probability)
    {
        if (!(probability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability lies between 0 and 1.");
        }
    }
}
