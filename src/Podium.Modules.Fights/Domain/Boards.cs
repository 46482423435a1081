using System.Globalization;

namespace Podium.Modules.Fights.Domain;

internal enum BoardKind
{
    Global,
    Season,
    Event,
    League,
}

/// <summary>
/// A board as people name it in addresses: <c>global</c>, <c>season-2026</c>, <c>event-{slug}</c>, <c>league-{id}</c>.
/// Whether the season has entries, the event exists or the viewer is in the league is for the caller to check.
/// </summary>
internal sealed record BoardName(BoardKind Kind, int Season = 0, string Slug = "", Guid League = default)
{
    public const int FirstSeason = 1900;
    public const int LastSeason = 2999;

    public static BoardName Global { get; } = new(BoardKind.Global);

    public static BoardName ForSeason(int year) => new(BoardKind.Season, Season: year);

    public static BoardName ForEvent(string slug) => new(BoardKind.Event, Slug: slug);

    public static BoardName ForLeague(Guid id) => new(BoardKind.League, League: id);

    /// <summary>The name as the address gives it, or null when it names no board.</summary>
    public static BoardName? Parse(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (name == "global")
        {
            return Global;
        }

        if (name.StartsWith("season-", StringComparison.Ordinal))
        {
            var year = name["season-".Length..];
            // Four digits exactly: "season-02026" or "season-+2026" would be a second address for one board.
            return year.Length == 4 && year.All(char.IsAsciiDigit)
                && int.Parse(year, CultureInfo.InvariantCulture) is >= FirstSeason and <= LastSeason and var season
                ? ForSeason(season)
                : null;
        }

        if (name.StartsWith("event-", StringComparison.Ordinal))
        {
            var slug = name["event-".Length..];
            return slug.Length > 0 && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ? ForEvent(slug) : null;
        }

        if (name.StartsWith("league-", StringComparison.Ordinal))
        {
            return Guid.TryParseExact(name["league-".Length..], "D", out var id) && id != Guid.Empty ? ForLeague(id) : null;
        }

        return null;
    }

    /// <summary>How the address says it (the inverse of <see cref="Parse"/>).</summary>
    public override string ToString() => Kind switch
    {
        BoardKind.Global => "global",
        BoardKind.Season => string.Create(CultureInfo.InvariantCulture, $"season-{Season}"),
        BoardKind.Event => "event-" + Slug,
        _ => $"league-{League:D}",
    };
}

/// <summary>What a member's line on a board is made of, best first by points, then accuracy, then the earlier first prediction.</summary>
internal static class BoardScore
{
    /// <summary>
    /// The most points a board holds: the boards' bucket bounds (tight, so ranks count few members). Even a league
    /// awarding the most its rules allow (<see cref="LeagueRules.MaxPointsPerBout"/>) would need over three hundred
    /// perfect picks to reach it; past it a member stays at the top, level with anyone else there.
    /// </summary>
    public const int MaxPoints = 100_000;

    /// <summary>The points a board shows for a total: never below zero, never above <see cref="MaxPoints"/>.</summary>
    public static int Points(long total) => (int)Math.Clamp(total, 0, MaxPoints);

    /// <summary>The first prediction's time as the board compares it: milliseconds since 1970 (UTC), earlier first.</summary>
    public static double FirstAt(DateTime firstPredictionUtc) =>
        Math.Max(0, (firstPredictionUtc - DateTime.UnixEpoch).TotalMilliseconds);

    public static DateTime FirstAtTime(double milliseconds) => DateTime.UnixEpoch.AddMilliseconds(milliseconds);
}

/// <summary>The bounds a league's own <see cref="ScoringRules"/> must keep.</summary>
internal static class LeagueRules
{
    public const int MaxWinner = 100;
    public const int MaxBonusPerUnit = 100;
    public const int MaxBonusCap = 100;
    public const int MaxMethod = 50;
    public const int MaxRound = 50;

    /// <summary>The most one bout can award under any league's rules.</summary>
    public const int MaxPointsPerBout = MaxWinner + MaxBonusCap + MaxMethod + MaxRound;

    /// <summary>Field errors, by the rule's name; empty when the rules are acceptable.</summary>
    public static IReadOnlyDictionary<string, string> Check(ScoringRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Range(errors, "winner", rules.Winner, MaxWinner, "A correct winner");
        Range(errors, "underdogBonusPerUnit", rules.UnderdogBonusPerUnit, MaxBonusPerUnit, "The underdog bonus per unit of odds");
        Range(errors, "underdogBonusCap", rules.UnderdogBonusCap, MaxBonusCap, "The underdog bonus cap");
        Range(errors, "method", rules.Method, MaxMethod, "A correct method");
        Range(errors, "round", rules.Round, MaxRound, "A correct round");
        return errors;
    }

    private static void Range(Dictionary<string, string> errors, string field, int value, int max, string what)
    {
        if (value < 0 || value > max)
        {
            errors[field] = string.Create(CultureInfo.InvariantCulture, $"{what} scores from 0 to {max} points.");
        }
    }
}
