using Podium.Platform.Modules;

namespace Podium.Modules.Pools.Domain;

/// <summary>What one pick'em pick earned, and whether it was right (a won game, or a covered line).</summary>
internal readonly record struct PickemResult(decimal Points, bool Correct)
{
    public static readonly PickemResult Nothing = new(0m, false);
}

/// <summary>
/// Pick'em: every week of the season, each entry picks winners (straight, confidence) or against the line (spread,
/// Points Plus). A postponed or cancelled game is void under every scoring (never a push); a game not yet final earns
/// nothing yet. Standings: points, then the summed error of the weekly tiebreak guesses (lower first), then correct picks.
/// </summary>
internal static class PickemGrading
{
    /// <summary>The fewest picks a Points Plus week may have (when it has any).</summary>
    public const int PointsPlusMinimum = 4;

    /// <param name="line">The picked team's line (spread, Points Plus).</param>
    /// <param name="confidence">The pick's confidence (confidence scoring).</param>
    public static PickemResult Score(PickemRules rules, Game game, string team, decimal line, int confidence)
    {
        if (game.Status != GameStatus.Final)
        {
            return PickemResult.Nothing;
        }

        var margin = game.MarginFor(team);
        return rules.Scoring switch
        {
            PickemScoring.Straight => Decide(margin, 1m, rules.PushPoints),
            PickemScoring.Confidence => Decide(margin, confidence, rules.PushPoints * confidence),
            PickemScoring.Spread => Decide(margin + line, 1m, rules.PushPoints),
            _ => new PickemResult(margin + line, margin + line > 0),
        };
    }

    private static PickemResult Decide(decimal margin, decimal win, decimal push) =>
        margin > 0 ? new PickemResult(win, true) : new PickemResult(margin == 0 ? push : 0m, false);

    /// <summary>The week's tiebreak game: the latest kickoff; equal kickoffs, the larger game id.</summary>
    public static Game TiebreakGame(IEnumerable<Game> weekGames) =>
        weekGames.OrderByDescending(g => g.KickoffUtc).ThenByDescending(g => g.Id).First();

    /// <summary>How far a guess was from the tiebreak game's total; a game not final adds nothing, no guess counts as 0.</summary>
    public static int TiebreakError(Game game, int? guess) =>
        game.TotalPoints is { } total ? Math.Abs((guess ?? 0) - total) : 0;

    public static Grading Grade(PickemRules rules, IReadOnlyList<Game> games, IReadOnlyList<Pick> picks, IReadOnlyList<Buyback> buybacks)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(buybacks);
        var index = SeasonIndex.Build(games, picks);
        foreach (var buyback in buybacks)
        {
            index.Errors.Add(new SeasonError(buyback.Origin, "entry", "buybacks belong to survivor pools; a pick'em pool has none"));
        }

        var totals = index.Entries.Keys.ToDictionary(e => e, _ => (Points: 0m, Error: 0, Correct: 0), StringComparer.Ordinal);
        var picksOf = index.PlayablePicks.ToLookup(p => (p.Pick.Entry, p.Pick.Week));
        foreach (var week in index.Weeks)
        {
            var tiebreak = TiebreakGame(index.GamesOf(week));
            foreach (var entry in index.Entries.Keys)
            {
                var (points, correct) = GradeWeek(rules, index, [.. picksOf[(entry, week)]]);
                var total = totals[entry];
                var guess = index.Guesses.TryGetValue((entry, week), out var g) ? g : (int?)null;
                totals[entry] = (total.Points + points, total.Error + TiebreakError(tiebreak, guess), total.Correct + correct);
            }
        }

        if (index.Errors.Count > 0)
        {
            return Grading.Failed(index.Errors);
        }

        var ranking = Ranking<KeyValuePair<string, (decimal Points, int Error, int Correct)>>
            .ByDescending(t => t.Value.Points).ThenBy(t => t.Value.Error).ThenByDescending(t => t.Value.Correct);
        return new Grading(
            [.. ranking.Rank(totals.OrderBy(t => t.Key, StringComparer.Ordinal)).Select(r => new Standing(
                r.Rank, r.Item.Key, null, null, null, null, r.Item.Value.Points, r.Item.Value.Correct, null, null))],
            []);
    }

    /// <summary>One entry's week: its picks checked (one per game, confidences, lines, Points Plus balance), then scored.</summary>
    private static (decimal Points, int Correct) GradeWeek(PickemRules rules, SeasonIndex index, List<(Pick Pick, Game Game)> picks)
    {
        var picked = new List<(Pick Pick, Game Game, decimal Line)>();
        foreach (var (pick, game) in picks)
        {
            if (picked.Any(p => p.Game == game))
            {
                index.Errors.Add(new SeasonError(pick.Origin, "team", $"entry '{pick.Entry}' already picked game {game.Id} in week {pick.Week}"));
                continue;
            }

            var line = pick.Line ?? game.ClosingLineFor(pick.Team);
            if (line is null && rules.Scoring is PickemScoring.Spread or PickemScoring.PointsPlus)
            {
                index.Errors.Add(new SeasonError(pick.Origin, "line", $"no line: the pick has none and game {game.Id} has no home_spread"));
                continue;
            }

            picked.Add((pick, game, line ?? 0m));
        }

        if (rules.Scoring == PickemScoring.Confidence)
        {
            CheckConfidences(index, picked.Select(p => p.Pick).ToList());
        }
        else if (rules.Scoring == PickemScoring.PointsPlus)
        {
            CheckPointsPlus(index, picked);
        }

        var results = picked.Select(p => Score(rules, p.Game, p.Pick.Team, p.Line, p.Pick.Confidence ?? 0)).ToList();
        return (results.Sum(r => r.Points), results.Count(r => r.Correct));
    }

    private static void CheckConfidences(SeasonIndex index, List<Pick> picks)
    {
        var seen = new HashSet<int>();
        foreach (var pick in picks)
        {
            string? reason = null;
            if (pick.Confidence is not { } confidence)
            {
                reason = "confidence scoring needs a confidence on every pick";
            }
            else if (confidence < 1 || confidence > picks.Count)
            {
                reason = $"must be from 1 to {picks.Count} (the entry's picks in week {pick.Week})";
            }
            else if (!seen.Add(confidence))
            {
                reason = $"confidence {confidence} is used twice in week {pick.Week}";
            }

            if (reason is not null)
            {
                index.Errors.Add(new SeasonError(pick.Origin, "confidence", reason));
            }
        }
    }

    private static void CheckPointsPlus(SeasonIndex index, List<(Pick Pick, Game Game, decimal Line)> picked)
    {
        foreach (var (pick, _, _) in picked.Where(p => p.Line == 0))
        {
            index.Errors.Add(new SeasonError(pick.Origin, "line", "a pick'em line (0) may not be picked under Points Plus"));
        }

        if (picked.Count == 0)
        {
            return;
        }

        var first = picked[0].Pick;
        var favourites = picked.Count(p => p.Line < 0);
        var underdogs = picked.Count(p => p.Line > 0);
        if (picked.Count < PointsPlusMinimum)
        {
            index.Errors.Add(new SeasonError(first.Origin, "team", $"entry '{first.Entry}' has {picked.Count} pick(s) in week {first.Week}; Points Plus needs at least {PointsPlusMinimum}"));
        }
        else if (favourites != underdogs)
        {
            index.Errors.Add(new SeasonError(first.Origin, "line", $"entry '{first.Entry}' picked {favourites} favourite(s) and {underdogs} underdog(s) in week {first.Week}; Points Plus needs as many of each"));
        }
    }
}
