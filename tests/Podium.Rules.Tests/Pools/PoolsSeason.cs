using Podium.Modules.Pools.Domain;

namespace Podium.Rules.Tests.Pools;

/// <summary>Small seasons written inline: games and picks in the order given, picks numbered as picks.csv rows (line 2 on).</summary>
internal static class PoolsSeason
{
    public static readonly DateTime Sunday = new(2026, 9, 13, 17, 0, 0, DateTimeKind.Utc);

    public static Game Final(int week, long id, string home, int homeScore, string away, int awayScore, int? homeMoneyline = null, int? awayMoneyline = null, decimal? homeSpread = null, DateTime? kickoff = null) =>
        new(week, id, kickoff ?? Sunday.AddDays(7 * (week - 1)), home, away, homeScore, awayScore, GameStatus.Final, homeMoneyline, awayMoneyline, homeSpread);

    public static Game Off(int week, long id, string home, string away, GameStatus status = GameStatus.Postponed, int? homeMoneyline = null, int? awayMoneyline = null, decimal? homeSpread = null, DateTime? kickoff = null) =>
        new(week, id, kickoff ?? Sunday.AddDays(7 * (week - 1)), home, away, null, null, status, homeMoneyline, awayMoneyline, homeSpread);

    public static DateTime Created(string entry) => new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(entry.Sum(c => c));

    public static Pick P(string entry, int week, string team, int? confidence = null, decimal? line = null, int? guess = null, DateTime? created = null) =>
        new(entry, created ?? Created(entry), week, team, confidence, line, guess);

    /// <summary>The picks as rows of picks.csv, in the order given.</summary>
    public static Pick[] Rows(params Pick[] picks) => [.. picks.Select((p, i) => p with { Origin = new Origin("picks.csv", i + 2) })];

    public static Buyback[] Buybacks(params (string Entry, int Week)[] rows) =>
        [.. rows.Select((b, i) => new Buyback(b.Entry, b.Week, new Origin("buybacks.csv", i + 2)))];

    public static Grading Survivor(SurvivorRules rules, Game[] games, Pick[] picks, Buyback[]? buybacks = null) =>
        SurvivorGrading.Grade(rules, games, picks, buybacks ?? []);

    public static Grading Pickem(PickemRules rules, Game[] games, Pick[] picks, Buyback[]? buybacks = null) =>
        PickemGrading.Grade(rules, games, picks, buybacks ?? []);

    public static Standing Of(this Grading grading, string entry)
    {
        grading.Errors.ShouldBeEmpty();
        return grading.Standings.Single(s => s.Entry == entry);
    }

    public static SeasonError OnlyError(this Grading grading)
    {
        grading.Standings.ShouldBeEmpty();
        return grading.Errors.ShouldHaveSingleItem();
    }
}
