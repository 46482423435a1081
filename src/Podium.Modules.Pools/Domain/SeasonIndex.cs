namespace Podium.Modules.Pools.Domain;

/// <summary>
/// The season's games and picks checked against each other, whatever the pool's kind: every game once, every team
/// once a week, every pick a team playing that week, one creation time per entry and one tiebreak guess per entry and
/// week. Inputs are put in a fixed order first, so the same rows in another order grade the same.
/// </summary>
internal sealed class SeasonIndex
{
    private readonly Dictionary<(int Week, string Team), Game> _gameOf = [];

    private SeasonIndex(IReadOnlyList<Game> games, IReadOnlyList<Pick> picks)
    {
        Games = [.. games.OrderBy(g => g.Week).ThenBy(g => g.Id)];
        Picks = [.. picks.OrderBy(p => p.Origin?.Line ?? 0).ThenBy(p => p.Entry, StringComparer.Ordinal).ThenBy(p => p.Week).ThenBy(p => p.Team, StringComparer.Ordinal)];
    }

    public List<SeasonError> Errors { get; } = [];

    /// <summary>Games by week then id.</summary>
    public IReadOnlyList<Game> Games { get; }

    /// <summary>The picks in the order of their rows (which row is "the later one" in an error).</summary>
    public IReadOnlyList<Pick> Picks { get; }

    /// <summary>The weeks that have games, in order.</summary>
    public IReadOnlyList<int> Weeks { get; private set; } = [];

    /// <summary>Each entry's creation time, entries in name order.</summary>
    public IReadOnlyDictionary<string, DateTime> Entries { get; private set; } = new Dictionary<string, DateTime>();

    /// <summary>Each entry's tiebreak guess per week, where it gave one.</summary>
    public IReadOnlyDictionary<(string Entry, int Week), int> Guesses { get; private set; } = new Dictionary<(string, int), int>();

    /// <summary>The picks that name a team playing that week, in row order; the others are already errors.</summary>
    public IReadOnlyList<(Pick Pick, Game Game)> PlayablePicks { get; private set; } = [];

    public static SeasonIndex Build(IReadOnlyList<Game> games, IReadOnlyList<Pick> picks)
    {
        ArgumentNullException.ThrowIfNull(games);
        ArgumentNullException.ThrowIfNull(picks);
        var index = new SeasonIndex(games, picks);
        index.IndexGames();
        index.IndexPicks();
        return index;
    }

    public IEnumerable<Game> GamesOf(int week) => Games.Where(g => g.Week == week);

    private void IndexGames()
    {
        var ids = new HashSet<long>();
        foreach (var game in Games)
        {
            if (!ids.Add(game.Id))
            {
                Errors.Add(new SeasonError(game.Origin, "game_id", $"game {game.Id} is listed twice"));
            }

            if (game.Home == game.Away)
            {
                Errors.Add(new SeasonError(game.Origin, "away", $"game {game.Id}: {game.Home} cannot play itself"));
            }

            if (game.Status == GameStatus.Final && (game.HomeScore is null || game.AwayScore is null))
            {
                Errors.Add(new SeasonError(game.Origin, "home_score", $"game {game.Id} is final but has no score"));
            }

            foreach (var team in new[] { game.Home, game.Away })
            {
                if (!_gameOf.TryAdd((game.Week, team), game))
                {
                    Errors.Add(new SeasonError(game.Origin, "game_id", $"{team} plays twice in week {game.Week} (games {_gameOf[(game.Week, team)].Id} and {game.Id})"));
                }
            }
        }

        Weeks = [.. Games.Select(g => g.Week).Distinct()];
    }

    private void IndexPicks()
    {
        var teams = Games.SelectMany(g => new[] { g.Home, g.Away }).ToHashSet(StringComparer.Ordinal);
        var entries = new SortedDictionary<string, DateTime>(StringComparer.Ordinal);
        var guesses = new Dictionary<(string, int), int>();
        var playable = new List<(Pick, Game)>();
        foreach (var pick in Picks)
        {
            if (!entries.TryAdd(pick.Entry, pick.EntryCreatedUtc) && entries[pick.Entry] != pick.EntryCreatedUtc)
            {
                Errors.Add(new SeasonError(pick.Origin, "entry_created_utc", $"entry '{pick.Entry}' was created at {entries[pick.Entry]:yyyy-MM-ddTHH:mm:ssZ} on an earlier row"));
            }

            if (pick.TiebreakGuess is { } guess && !guesses.TryAdd((pick.Entry, pick.Week), guess) && guesses[(pick.Entry, pick.Week)] != guess)
            {
                Errors.Add(new SeasonError(pick.Origin, "tiebreak_guess", $"entry '{pick.Entry}' guessed {guesses[(pick.Entry, pick.Week)]} for week {pick.Week} on an earlier row"));
            }

            if (_gameOf.TryGetValue((pick.Week, pick.Team), out var game))
            {
                playable.Add((pick, game));
            }
            else if (!Weeks.Contains(pick.Week))
            {
                Errors.Add(new SeasonError(pick.Origin, "week", $"week {pick.Week} has no games"));
            }
            else
            {
                Errors.Add(new SeasonError(pick.Origin, "team", teams.Contains(pick.Team)
                    ? $"{pick.Team} has no game in week {pick.Week}"
                    : $"unknown team '{pick.Team}' (it plays in no game)"));
            }
        }

        Entries = entries;
        Guesses = guesses;
        PlayablePicks = playable;
    }
}
