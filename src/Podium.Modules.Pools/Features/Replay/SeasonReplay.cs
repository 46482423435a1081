using System.Globalization;
using System.Text.RegularExpressions;
using Podium.Platform.Modules.Formats;

namespace Podium.Modules.Pools.Features.Replay;

/// <summary>What is wrong with a replay's input: the file, and where known its line (the header is line 1) and column.</summary>
internal sealed record ReplayError(string File, int? Line, string? Column, string Reason)
{
    public override string ToString() =>
        (Line, Column) switch
        {
            ({ } line, { } column) => $"{File} line {line}, column {column}: {Reason}",
            ({ } line, null) => $"{File} line {line}: {Reason}",
            (null, { Length: > 0 } column) => $"{File}, {column}: {Reason}",
            _ => $"{File}: {Reason}",
        };
}

/// <summary>The files of a replay as text: the rules JSON, games.csv, picks.csv and (survivor, optional) buybacks.csv.</summary>
internal sealed record ReplayInput(string Rules, string Games, string Picks, string? Buybacks = null);

/// <summary>The standings as they come out of the rules, or every error that stopped the run (then no standings).</summary>
internal sealed record ReplayOutcome(PoolRules? Rules, IReadOnlyList<Standing> Standings, IReadOnlyList<ReplayError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// A season replayed from files, as <c>podium pools replay</c> and the replay page run it: the files read strictly
/// (headers by name, extra columns ignored, ASCII numbers with an optional leading +, UTC instants), then graded by the
/// pool's pure rules. One bad row rejects the whole run, and the run names every bad row it found, not only the first.
/// </summary>
internal static partial class SeasonReplay
{
    public const string RulesFile = "rules.json";
    public const string GamesFile = "games.csv";
    public const string PicksFile = "picks.csv";
    public const string BuybacksFile = "buybacks.csv";

    public static readonly IReadOnlyList<string> GameColumns =
        ["week", "game_id", "kickoff_utc", "home", "away", "home_score", "away_score", "status", "home_moneyline", "away_moneyline", "home_spread"];

    public static readonly IReadOnlyList<string> PickColumns = ["entry", "entry_created_utc", "week", "team", "confidence", "line", "tiebreak_guess"];

    public static readonly IReadOnlyList<string> BuybackColumns = ["entry", "week"];

    private const int MaxEntryLength = 100;

    private static readonly Dictionary<string, GameStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["scheduled"] = GameStatus.Scheduled,
        ["in_progress"] = GameStatus.InProgress,
        ["final"] = GameStatus.Final,
        ["postponed"] = GameStatus.Postponed,
        ["cancelled"] = GameStatus.Cancelled,
    };

    private static readonly string[] InstantFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static ReplayOutcome Run(ReplayInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<ReplayError>();
        var (rules, rulesErrors) = RulesJson.Parse(input.Rules);
        errors.AddRange(rulesErrors.Select(e => new ReplayError(RulesFile, null, e.Field, e.Reason)));
        var games = Read(input.Games, GamesFile, GameColumns, errors, ReadGame);
        var picks = Read(input.Picks, PicksFile, PickColumns, errors, ReadPick);
        var buybacks = input.Buybacks is null ? [] : Read(input.Buybacks, BuybacksFile, BuybackColumns, errors, ReadBuyback);
        if (errors.Count > 0 || rules is null)
        {
            return new ReplayOutcome(rules, [], errors);
        }

        var grading = Domain.Replay.Grade(rules, games, picks, buybacks);
        return new ReplayOutcome(
            rules,
            grading.Standings,
            [.. grading.Errors.Select(e => new ReplayError(e.Origin?.File ?? GamesFile, e.Origin?.Line, e.Column, e.Reason))]);
    }

    private delegate T? RowReader<T>(Fields row);

    private static List<T> Read<T>(string text, string file, IReadOnlyList<string> columns, List<ReplayError> errors, RowReader<T> read)
        where T : class
    {
        if (!CsvTable.TryParse(text, columns, ignoreOtherColumns: true, out var rows, out var error))
        {
            errors.Add(new ReplayError(file, error.Line, null, error.Reason));
            return [];
        }

        var list = new List<T>(rows.Count);
        foreach (var row in rows)
        {
            if (read(new Fields(row, file, errors)) is { } item)
            {
                list.Add(item);
            }
        }

        return list;
    }

    private static Game? ReadGame(Fields row)
    {
        var week = row.Int("week", Season.FirstWeek, Season.LastPlayoffWeek);
        var id = row.Long("game_id");
        var kickoff = row.Instant("kickoff_utc");
        var home = row.Team("home");
        var away = row.Team("away");
        var homeScore = row.OptionalInt("home_score", 0, 999);
        var awayScore = row.OptionalInt("away_score", 0, 999);
        var status = row.Status("status");
        var homeMoneyline = row.Moneyline("home_moneyline");
        var awayMoneyline = row.Moneyline("away_moneyline");
        var spread = row.OptionalDecimal("home_spread");
        return row.Ok
            ? new Game(week!.Value, id!.Value, kickoff!.Value, home!, away!, homeScore, awayScore, status!.Value, homeMoneyline, awayMoneyline, spread, row.Origin)
            : null;
    }

    private static Pick? ReadPick(Fields row)
    {
        var entry = row.Entry("entry");
        var created = row.Instant("entry_created_utc");
        var week = row.Int("week", Season.FirstWeek, Season.LastPlayoffWeek);
        var team = row.Team("team");
        var confidence = row.OptionalInt("confidence", 1, 99);
        var line = row.OptionalDecimal("line");
        var guess = row.OptionalInt("tiebreak_guess", 0, 999);
        return row.Ok ? new Pick(entry!, created!.Value, week!.Value, team!, confidence, line, guess, row.Origin) : null;
    }

    private static Buyback? ReadBuyback(Fields row)
    {
        var entry = row.Entry("entry");
        var week = row.Int("week", Season.FirstWeek, Season.LastPlayoffWeek);
        return row.Ok ? new Buyback(entry!, week!.Value, row.Origin) : null;
    }

    [GeneratedRegex("^[+-]?[0-9]{1,18}$", RegexOptions.CultureInvariant)]
    private static partial Regex Integer();

    [GeneratedRegex("^[+-]?[0-9]{1,6}(\\.[0-9]{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalNumber();

    [GeneratedRegex("^[A-Za-z]{2,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex TeamCode();

    /// <summary>One row's fields, each read into its type or noted as an error naming its column.</summary>
    private sealed class Fields(CsvRow row, string file, List<ReplayError> errors)
    {
        public Origin Origin { get; } = new(file, row.Line);

        public bool Ok { get; private set; } = true;

        private T? Fail<T>(string column, string reason)
        {
            Ok = false;
            errors.Add(new ReplayError(file, row.Line, column, reason));
            return default;
        }

        public string? Entry(string column)
        {
            var text = row[column];
            return text.Length switch
            {
                0 => Fail<string>(column, "required"),
                > MaxEntryLength => Fail<string>(column, $"at most {MaxEntryLength} characters"),
                _ => text,
            };
        }

        public string? Team(string column)
        {
            var text = row[column];
            return text.Length == 0 ? Fail<string>(column, "required")
                : TeamCode().IsMatch(text) ? text.ToUpperInvariant()
                : Fail<string>(column, $"'{Shorten(text)}' is not a team abbreviation (2 to 4 letters, e.g. KC)");
        }

        public int? Int(string column, int min, int max) =>
            row[column].Length == 0 ? Fail<int?>(column, "required") : OptionalInt(column, min, max);

        public int? OptionalInt(string column, int min, int max)
        {
            var text = row[column];
            if (text.Length == 0)
            {
                return null;
            }

            if (!Integer().IsMatch(text) || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return Fail<int?>(column, $"'{Shorten(text)}' is not a whole number");
            }

            return value < min || value > max ? Fail<int?>(column, $"must be from {min} to {max}") : (int)value;
        }

        public long? Long(string column)
        {
            var text = row[column];
            return text.Length == 0 ? Fail<long?>(column, "required")
                : Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
                : Fail<long?>(column, $"'{Shorten(text)}' is not a game id (a whole number)");
        }

        public decimal? OptionalDecimal(string column)
        {
            var text = row[column];
            if (text.Length == 0)
            {
                return null;
            }

            return DecimalNumber().IsMatch(text) && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                ? value
                : Fail<decimal?>(column, $"'{Shorten(text)}' is not a number (e.g. -3.5)");
        }

        /// <summary>An American moneyline: −100 or below for a favourite, +100 or above for an underdog.</summary>
        public int? Moneyline(string column)
        {
            var text = row[column];
            if (text.Length == 0)
            {
                return null;
            }

            return Integer().IsMatch(text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) is >= 100 and <= 100_000
                ? value
                : Fail<int?>(column, $"'{Shorten(text)}' is not an American moneyline (e.g. -150 or +130)");
        }

        public DateTime? Instant(string column)
        {
            var text = row[column];
            if (text.Length == 0)
            {
                return Fail<DateTime?>(column, "required");
            }

            return DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) && value.Offset == TimeSpan.Zero
                ? value.UtcDateTime
                : Fail<DateTime?>(column, $"'{Shorten(text)}' is not a UTC time (e.g. 2026-09-13T17:00:00Z)");
        }

        public GameStatus? Status(string column)
        {
            var text = row[column];
            return Statuses.TryGetValue(text, out var status)
                ? status
                : Fail<GameStatus?>(column, $"unknown status '{Shorten(text)}' (one of {string.Join(", ", Statuses.Keys)})");
        }

        private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
    }
}
