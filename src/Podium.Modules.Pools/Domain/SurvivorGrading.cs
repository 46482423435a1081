using Podium.Platform.Modules;

namespace Podium.Modules.Pools.Domain;

/// <summary>How one survivor pick went: won (with its margin), lost, or neither.</summary>
internal readonly record struct SurvivorResult(PickOutcome Outcome, int Margin)
{
    public static readonly SurvivorResult Lost = new(PickOutcome.Loss, 0);
}

/// <summary>
/// Survivor, week by week from the rules' start week: each entry alive at a week's start picks one team (two in a
/// double-pick week), a lost pick costs a life, an entry with none left is out unless it buys back; when a week leaves
/// nobody alive the rules' no-survivors policy decides. Grading stops before the first week with a game still to be
/// decided, and never goes past week 18 (22 with the playoffs).
/// </summary>
internal static class SurvivorGrading
{
    /// <summary>A settled game's result for a pick of <paramref name="team"/>: ties and called-off games as the rules say.</summary>
    public static SurvivorResult Grade(SurvivorRules rules, Game game, string team)
    {
        if (game.IsCalledOff)
        {
            return new SurvivorResult(rules.Postponed, 0);
        }

        var margin = game.MarginFor(team);
        return margin switch
        {
            > 0 => new SurvivorResult(PickOutcome.Win, margin),
            < 0 => SurvivorResult.Lost,
            _ => new SurvivorResult(rules.Tie, 0),
        };
    }

    /// <summary>Whether an entry that has used these teams may pick <paramref name="team"/> in <paramref name="week"/>.</summary>
    public static bool MayUse(TeamReuse reuse, IEnumerable<(string Team, int Week)> used, string team, int week) =>
        !used.Any(u => u.Team == team && Period(reuse, u.Week) == Period(reuse, week));

    /// <summary>The stretch of the season within which a team may be picked once.</summary>
    public static int Period(TeamReuse reuse, int week) => reuse switch
    {
        TeamReuse.Halves => week <= Season.LastWeekOfFirstHalf ? 1 : 2,
        TeamReuse.PlayoffReset => week <= Season.LastRegularWeek ? 1 : 2,
        _ => 1,
    };

    /// <summary>
    /// The auto-pick for a missing pick: the biggest favourite (lowest moneyline; equal, the first abbreviation) among
    /// the week's teams with a moneyline, in a game neither called off nor already picked by the entry this week, that
    /// the reuse rule still allows. Null when there is none.
    /// </summary>
    public static string? AutoPick(TeamReuse reuse, IEnumerable<Game> weekGames, IEnumerable<(string Team, int Week)> used, IReadOnlyCollection<Game> pickedGames, int week) =>
        weekGames
            .Where(g => !g.IsCalledOff && !pickedGames.Contains(g))
            .SelectMany(g => new[] { g.Home, g.Away }.Select(team => (Team: team, Moneyline: g.MoneylineFor(team))))
            .Where(c => c.Moneyline is not null && MayUse(reuse, used, c.Team, week))
            .OrderBy(c => c.Moneyline)
            .ThenBy(c => c.Team, StringComparer.Ordinal)
            .Select(c => c.Team)
            .FirstOrDefault();

    /// <summary>The weeks to grade: those with games from the start week to the last, stopping before one still open.</summary>
    public static IReadOnlyList<int> WeeksToGrade(SurvivorRules rules, IReadOnlyList<Game> games)
    {
        var weeks = new List<int>();
        foreach (var week in games.Select(g => g.Week).Where(w => w >= rules.StartWeek && w <= rules.LastWeek).Distinct().Order())
        {
            if (games.Any(g => g.Week == week && !g.IsSettled))
            {
                break;
            }

            weeks.Add(week);
        }

        return weeks;
    }

    public static Grading Grade(SurvivorRules rules, IReadOnlyList<Game> games, IReadOnlyList<Pick> picks, IReadOnlyList<Buyback> buybacks)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(buybacks);
        var index = SeasonIndex.Build(games, picks);
        var season = new Run(rules, index);
        season.Play(buybacks);
        return index.Errors.Count > 0 ? Grading.Failed(index.Errors) : new Grading(season.Standings(), [], season.Graded);
    }

    private sealed class EntryState(string name, DateTime createdUtc, int lives)
    {
        public string Name { get; } = name;

        public DateTime CreatedUtc { get; } = createdUtc;

        public int Lives { get; set; } = lives;

        public bool Alive => EliminatedWeek is null;

        public int? EliminatedWeek { get; set; }

        public int WeeksSurvived { get; set; }

        public int Margin { get; set; }

        public int Wins { get; set; }

        public int Buybacks { get; set; }

        public int AutoPicks { get; set; }

        public bool SharesWin { get; set; }

        public List<(string Team, int Week)> Used { get; } = [];
    }

    private sealed class Run(SurvivorRules rules, SeasonIndex index)
    {
        private readonly Dictionary<string, EntryState> _entries =
            index.Entries.ToDictionary(e => e.Key, e => new EntryState(e.Key, e.Value, rules.Lives), StringComparer.Ordinal);

        private readonly List<int> _graded = [];

        public List<GradedPick> Graded { get; } = [];

        private List<SeasonError> Errors => index.Errors;

        public void Play(IReadOnlyList<Buyback> buybacks)
        {
            var byWeek = index.PlayablePicks.ToLookup(p => p.Pick.Week);
            var pending = buybacks.OrderBy(b => b.Origin?.Line ?? 0).ThenBy(b => b.Week).ThenBy(b => b.Entry, StringComparer.Ordinal).ToList();
            foreach (var week in WeeksToGrade(rules, index.Games))
            {
                _graded.Add(week);
                var ended = PlayWeek(week, byWeek[week].ToList(), [.. pending.Where(b => b.Week == week)]);
                pending.RemoveAll(b => b.Week == week);
                if (ended)
                {
                    break;
                }
            }

            foreach (var (pick, _) in index.PlayablePicks.Where(p => !_graded.Contains(p.Pick.Week)))
            {
                Errors.Add(new SeasonError(pick.Origin, "week", $"week {pick.Week} is not graded ({GradedRange()})"));
            }

            foreach (var buyback in pending)
            {
                Errors.Add(new SeasonError(buyback.Origin, "week", $"week {buyback.Week} is not graded ({GradedRange()})"));
            }

            foreach (var buyback in buybacks.Where(b => !_entries.ContainsKey(b.Entry)))
            {
                Errors.Add(new SeasonError(buyback.Origin, "entry", $"no entry '{buyback.Entry}' in picks.csv"));
            }
        }

        private string GradedRange() => _graded.Count == 0
            ? "no week is graded yet"
            : $"graded weeks: {_graded[0]}–{_graded[^1]}";

        /// <returns>True when the week ended the pool (nobody left, shared win).</returns>
        private bool PlayWeek(int week, List<(Pick Pick, Game Game)> picks, List<Buyback> buybacks)
        {
            var startingLives = _entries.Values.Where(e => e.Alive).ToDictionary(e => e, e => e.Lives);
            foreach (var (pick, _) in picks.Where(p => !_entries[p.Pick.Entry].Alive))
            {
                var entry = _entries[pick.Entry];
                Errors.Add(new SeasonError(pick.Origin, "week", $"entry '{entry.Name}' was eliminated in week {entry.EliminatedWeek}"));
            }

            var byEntry = picks.ToLookup(p => p.Pick.Entry, StringComparer.Ordinal);
            foreach (var entry in startingLives.Keys)
            {
                PlayEntry(entry, week, [.. byEntry[entry.Name]]);
            }

            // Taken before the buybacks: an entry out this week has not survived it, even once bought back.
            var eliminated = startingLives.Keys.Where(e => e.EliminatedWeek == week).ToList();
            foreach (var entry in startingLives.Keys.Except(eliminated))
            {
                entry.WeeksSurvived++;
            }

            foreach (var buyback in buybacks.Where(b => _entries.ContainsKey(b.Entry)))
            {
                BuyBack(_entries[buyback.Entry], buyback);
            }

            if (_entries.Values.Any(e => e.Alive) || eliminated.Count == 0)
            {
                return false;
            }

            foreach (var entry in eliminated)
            {
                if (rules.NoSurvivors == NoSurvivorsPolicy.ShareWin)
                {
                    entry.SharesWin = true;
                }
                else
                {
                    entry.Lives = startingLives[entry];
                    entry.EliminatedWeek = null;
                    entry.WeeksSurvived++;
                }
            }

            return rules.NoSurvivors == NoSurvivorsPolicy.ShareWin;
        }

        private void PlayEntry(EntryState entry, int week, List<(Pick Pick, Game Game)> picks)
        {
            var required = rules.PicksRequired(week);
            var pickedGames = new List<Game>();
            var lost = 0;
            foreach (var (pick, game) in picks)
            {
                if (pickedGames.Count == required)
                {
                    Errors.Add(new SeasonError(pick.Origin, "team", $"entry '{entry.Name}' already has {required} pick(s) in week {week}, all it may make"));
                }
                else if (pickedGames.Contains(game))
                {
                    Errors.Add(new SeasonError(pick.Origin, "team", $"entry '{entry.Name}' already picked game {game.Id} in week {week}"));
                }
                else if (!MayUse(rules.TeamReuse, entry.Used, pick.Team, week))
                {
                    var earlier = entry.Used.First(u => u.Team == pick.Team && Period(rules.TeamReuse, u.Week) == Period(rules.TeamReuse, week)).Week;
                    Errors.Add(new SeasonError(pick.Origin, "team", $"entry '{entry.Name}' already picked {pick.Team} in week {earlier} (teamReuse {RulesJson.Name(rules.TeamReuse)})"));
                }
                else
                {
                    pickedGames.Add(game);
                    lost += Take(entry, game, pick.Team, week, isAutoPick: false);
                }
            }

            for (var missing = required - pickedGames.Count; missing > 0; missing--)
            {
                var auto = rules.MissedPick == MissedPickPolicy.AutoPick && entry.AutoPicks < rules.MaxAutoPicks
                    ? AutoPick(rules.TeamReuse, index.GamesOf(week), entry.Used, pickedGames, week)
                    : null;
                if (auto is null)
                {
                    lost++;
                    continue;
                }

                entry.AutoPicks++;
                var game = index.GamesOf(week).First(g => g.Plays(auto));
                pickedGames.Add(game);
                lost += Take(entry, game, auto, week, isAutoPick: true);
            }

            entry.Lives = Math.Max(0, entry.Lives - lost);
            if (entry.Lives == 0)
            {
                entry.EliminatedWeek = week;
            }
        }

        /// <returns>1 for a lost pick, else 0.</returns>
        private int Take(EntryState entry, Game game, string team, int week, bool isAutoPick)
        {
            entry.Used.Add((team, week));
            var result = Grade(rules, game, team);
            Graded.Add(new GradedPick(entry.Name, week, team, result.Outcome, result.Margin, isAutoPick));
            if (result.Outcome == PickOutcome.Win)
            {
                entry.Wins++;
                entry.Margin += result.Margin;
            }

            return result.Outcome == PickOutcome.Loss ? 1 : 0;
        }

        private void BuyBack(EntryState entry, Buyback buyback)
        {
            var refusal = !rules.Buybacks.Enabled ? "buybacks are not enabled in these rules"
                : buyback.Week > rules.Buybacks.LastWeek ? $"buybacks end after week {rules.Buybacks.LastWeek}"
                : entry.EliminatedWeek != buyback.Week ? $"entry '{entry.Name}' was not eliminated in week {buyback.Week}"
                : entry.Buybacks >= rules.Buybacks.MaxPerEntry ? $"entry '{entry.Name}' has already bought back {entry.Buybacks} time(s), the most allowed"
                : null;
            if (refusal is not null)
            {
                Errors.Add(new SeasonError(buyback.Origin, "week", refusal));
                return;
            }

            entry.Buybacks++;
            entry.Lives = 1;
            entry.EliminatedWeek = null;
        }

        public IReadOnlyList<Standing> Standings()
        {
            var byName = _entries.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            var winners = byName.Where(e => e.SharesWin).ToList();
            var standings = winners
                .Select(e => new Standing(1, e.Name, false, e.WeeksSurvived, 0, e.EliminatedWeek, null, e.Wins, e.Margin, e.Buybacks))
                .ToList();
            var ranking = Ranking<EntryState>.ByDescending(e => e.Alive).ThenByDescending(e => e.WeeksSurvived).ThenByDescending(e => e.Lives);
            foreach (var tieBreaker in rules.TieBreakers)
            {
                ranking = tieBreaker switch
                {
                    SurvivorTieBreaker.Margin => ranking.ThenByDescending(e => e.Margin),
                    SurvivorTieBreaker.FewestBuybacks => ranking.ThenBy(e => e.Buybacks),
                    _ => ranking.ThenBy(e => e.CreatedUtc),
                };
            }

            standings.AddRange(ranking.Rank(byName.Where(e => !e.SharesWin)).Select(r => new Standing(
                r.Rank + winners.Count, r.Item.Name, r.Item.Alive, r.Item.WeeksSurvived, r.Item.Lives, r.Item.EliminatedWeek,
                null, r.Item.Wins, r.Item.Margin, r.Item.Buybacks)));
            return standings;
        }
    }
}
