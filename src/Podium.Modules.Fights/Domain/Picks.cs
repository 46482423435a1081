namespace Podium.Modules.Fights.Domain;

/// <summary>What a pick may say about a bout, before any question of time: the lock is the caller's to check.</summary>
internal static class PickRules
{
    /// <summary>
    /// Field errors (field → message), empty when the pick is one the scoring can answer. A round needs a stoppage to
    /// score, so a round with no method or with "decision" is refused rather than kept as points nobody can win.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Check(Prediction pick, int scheduledRounds)
    {
        ArgumentNullException.ThrowIfNull(pick);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (pick.Round is not { } round)
        {
            return errors;
        }

        if (pick.Method is null)
        {
            errors["round"] = "Pick how the bout ends to pick a round: a round scores only with the right stoppage.";
        }
        else if (pick.Method == PickedMethod.Decision)
        {
            errors["round"] = "A decision goes the distance: rounds score on stoppages only, so leave the round out.";
        }
        else if (round < 1 || round > scheduledRounds)
        {
            errors["round"] = $"This bout is scheduled for {scheduledRounds} rounds: pick a round from 1 to {scheduledRounds}.";
        }

        return errors;
    }
}

/// <summary>
/// How the community picked one bout, shown only once it locked: counts per corner and per method, and each as a whole
/// percentage of all picks (a pick without a method counts in <see cref="NoMethod"/>).
/// </summary>
internal sealed record PickSplit(int Total, int A, int B, IReadOnlyDictionary<PickedMethod, int> Methods, int NoMethod)
{
    public static PickSplit Of(IEnumerable<Prediction> picks)
    {
        ArgumentNullException.ThrowIfNull(picks);
        var list = picks.ToList();
        var methods = Enum.GetValues<PickedMethod>().ToDictionary(m => m, m => list.Count(p => p.Method == m));
        return new PickSplit(list.Count, list.Count(p => p.Winner == Corner.A), list.Count(p => p.Winner == Corner.B), methods, list.Count(p => p.Method is null));
    }

    public int PercentA => Percent(A);

    public int PercentB => Percent(B);

    public int PercentOf(PickedMethod method) => Percent(Methods[method]);

    public int PercentNoMethod => Percent(NoMethod);

    /// <summary>Half up (1 of 8 is 13 %), as fans check it by hand; 0 with no picks at all.</summary>
    public int Percent(int count) =>
        Total == 0 ? 0 : (int)Math.Round(100m * count / Total, MidpointRounding.AwayFromZero);
}
