namespace Podium.Modules.Fights.Domain;

/// <summary>
/// What a league awards. The defaults are the site's global board; a private league may change any of them.
/// </summary>
/// <param name="UnderdogBonusPerUnit">Points per unit of closing decimal odds above evens (2.0).</param>
internal sealed record ScoringRules(int Winner = 10, int UnderdogBonusPerUnit = 10, int UnderdogBonusCap = 20, int Method = 5, int Round = 5)
{
    public static ScoringRules Default { get; } = new();
}

/// <summary>A fan's pick for a bout: the winner, and optionally how and in which round.</summary>
internal sealed record Prediction(Corner Winner, PickedMethod? Method = null, int? Round = null);

/// <summary>A prediction's points, by part. A void prediction (draw, no contest) scores nothing and counts for nothing.</summary>
internal sealed record PredictionScore(bool Void, bool CorrectWinner, int WinnerPoints, int UnderdogBonus, int MethodPoints, int RoundPoints)
{
    // A new instance per read rather than a static field: a mutant in a static initializer could not be told apart per test.
    public static PredictionScore Voided => new(true, false, 0, 0, 0, 0);

    public int Total => WinnerPoints + UnderdogBonus + MethodPoints + RoundPoints;
}

internal static class PredictionScoring
{
    /// <param name="closingDecimalOdds">The picked fighter's closing odds (see <see cref="Odds.Closing"/>); null when the bout had none.</param>
    public static PredictionScore Score(Prediction prediction, BoutResult result, decimal? closingDecimalOdds, ScoringRules rules)
    {
        // A draw or a no contest has no winner to have picked: the prediction neither scores nor counts against accuracy.
        if (result.Winner is not { } winner)
        {
            return PredictionScore.Voided;
        }

        if (prediction.Winner != winner)
        {
            return new PredictionScore(false, false, 0, 0, 0, 0);
        }

        var methodRight = prediction.Method is { } picked && result.Method is { } method && picked == method.AsPick();
        // A decision always goes the distance, so a round pick on it would be five free points: rounds score on stoppages only.
        var roundRight = methodRight && prediction.Method != PickedMethod.Decision && prediction.Round is { } round && round == result.Round;
        return new PredictionScore(false, true, rules.Winner, UnderdogBonus(closingDecimalOdds, rules),
            methodRight ? rules.Method : 0, roundRight ? rules.Round : 0);
    }

    /// <summary>
    /// round(per unit × (odds − 2)) for a winner who closed above evens, capped. Rounded half away from zero (2.25 → 12.5 →
    /// 13): it is the rounding fans check by hand, where the default banker's rounding would give 12 and look like a bug.
    /// The value is positive here, so away from zero is simply half up.
    /// </summary>
    public static int UnderdogBonus(decimal? closingDecimalOdds, ScoringRules rules)
    {
        if (closingDecimalOdds is not { } odds)
        {
            return 0;
        }

        // At or below evens the formula goes to zero or below: a favourite earns no bonus (nor loses points).
        var bonus = (int)Math.Round(rules.UnderdogBonusPerUnit * (odds - 2m), MidpointRounding.AwayFromZero);
        return Math.Clamp(bonus, 0, rules.UnderdogBonusCap);
    }

    /// <summary>
    /// Scoring is a function of the result alone, so a corrected result re-scores by scoring again; the change is what a
    /// board must add (negative when points are taken back).
    /// </summary>
    public static (PredictionScore Score, int Change) Rescore(PredictionScore? previous, Prediction prediction, BoutResult corrected, decimal? closingDecimalOdds, ScoringRules rules)
    {
        var score = Score(prediction, corrected, closingDecimalOdds, rules);
        return (score, score.Total - (previous?.Total ?? 0));
    }

    /// <summary>Correct winners over scored (not void) predictions; null before any prediction has been scored.</summary>
    public static double? Accuracy(IEnumerable<PredictionScore> scores)
    {
        int scored = 0, correct = 0;
        foreach (var score in scores.Where(s => !s.Void))
        {
            scored++;
            correct += score.CorrectWinner ? 1 : 0;
        }

        return scored == 0 ? null : (double)correct / scored;
    }
}
