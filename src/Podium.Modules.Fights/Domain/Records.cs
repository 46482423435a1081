namespace Podium.Modules.Fights.Domain;

/// <summary>A fighter's result in one bout, from their side.</summary>
internal enum FighterOutcome
{
    Win,
    Loss,
    Draw,
    NoContest,
}

/// <summary>Wins-losses-draws, with no contests apart, as fans write it: 21-4-1 (1 NC).</summary>
internal readonly record struct FightRecord(int Wins, int Losses, int Draws, int NoContests)
{
    public int Bouts => Wins + Losses + Draws + NoContests;

    public override string ToString() => NoContests == 0 ? $"{Wins}-{Losses}-{Draws}" : $"{Wins}-{Losses}-{Draws} ({NoContests} NC)";

    public FightRecord Add(FighterOutcome outcome) => outcome switch
    {
        FighterOutcome.Win => this with { Wins = Wins + 1 },
        FighterOutcome.Loss => this with { Losses = Losses + 1 },
        FighterOutcome.Draw => this with { Draws = Draws + 1 },
        _ => this with { NoContests = NoContests + 1 },
    };
}

/// <summary>One completed bout of a fighter's career, as their record counts it.</summary>
internal sealed record CareerBout(DateTime Date, FighterOutcome Outcome, FinishMethod? Method = null);

/// <summary>A point of the career chart: the record and finish rate after the bout on <paramref name="Date"/>.</summary>
internal sealed record TrajectoryPoint(DateTime Date, FightRecord Record, double? FinishRate);

internal static class Records
{
    /// <summary>A result from one corner's side.</summary>
    public static FighterOutcome For(this BoutResult result, Corner corner) => result.Winner switch
    {
        null => result.Outcome == BoutOutcome.Draw ? FighterOutcome.Draw : FighterOutcome.NoContest,
        var winner => winner == corner ? FighterOutcome.Win : FighterOutcome.Loss,
    };

    public static FightRecord Derive(IEnumerable<CareerBout> bouts) =>
        bouts.Aggregate(default(FightRecord), (record, bout) => record.Add(bout.Outcome));

    /// <summary>
    /// The record to show: derived from the bouts we hold when they are the whole career, else the feed's. A feed
    /// usually knows bouts from before we started importing, so its record wins while it counts more bouts than we
    /// hold; once ours count as many or more (the feed lags a result), ours are the fresher.
    /// </summary>
    public static FightRecord Of(IReadOnlyCollection<CareerBout> bouts, FightRecord? feed)
    {
        var derived = Derive(bouts);
        return feed is { } fed && fed.Bouts > derived.Bouts ? fed : derived;
    }

    /// <summary>Wins by KO/TKO or submission over all wins; null before a first win (no rate to speak of).</summary>
    public static double? FinishRate(IEnumerable<CareerBout> bouts)
    {
        int wins = 0, finishes = 0;
        foreach (var bout in bouts.Where(b => b.Outcome == FighterOutcome.Win))
        {
            wins++;
            finishes += bout.Method is { } method && method.IsFinish() ? 1 : 0;
        }

        return wins == 0 ? null : (double)finishes / wins;
    }

    /// <summary>
    /// The career chart, oldest bout first: the cumulative record and finish rate after each bout. The record starts
    /// from <paramref name="before"/> (what the feed counts from before our bouts), so the line ends at the record the
    /// profile shows; the finish rate is of the bouts we hold, since a feed's bare record has no methods.
    /// </summary>
    public static IReadOnlyList<TrajectoryPoint> Trajectory(IEnumerable<CareerBout> bouts, FightRecord before = default)
    {
        var points = new List<TrajectoryPoint>();
        var record = before;
        var known = new List<CareerBout>();
        foreach (var bout in bouts.OrderBy(b => b.Date))
        {
            record = record.Add(bout.Outcome);
            known.Add(bout);
            points.Add(new TrajectoryPoint(bout.Date, record, FinishRate(known)));
        }

        return points;
    }
}
