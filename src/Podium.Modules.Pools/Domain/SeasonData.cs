namespace Podium.Modules.Pools.Domain;

internal enum GameStatus
{
    Scheduled,
    InProgress,
    Final,
    Postponed,
    Cancelled,
}

/// <summary>Where an input came from (a CSV file's line, the header being line 1), so an error can point at it.</summary>
internal sealed record Origin(string File, int Line);

/// <summary>
/// One game of a week. <see cref="HomeSpread"/> is the home team's closing line (−3: the home team gives 3); the away
/// team's is its negation. Moneylines are American (−150, +130).
/// </summary>
internal sealed record Game(
    int Week,
    long Id,
    DateTime KickoffUtc,
    string Home,
    string Away,
    int? HomeScore,
    int? AwayScore,
    GameStatus Status,
    int? HomeMoneyline = null,
    int? AwayMoneyline = null,
    decimal? HomeSpread = null,
    Origin? Origin = null)
{
    public bool Plays(string team) => Home == team || Away == team;

    /// <summary>Postponed or cancelled out of its week: graded by the pool's postponed policy, or void.</summary>
    public bool IsCalledOff => Status is GameStatus.Postponed or GameStatus.Cancelled;

    /// <summary>Nothing more will change the week's grading: final, or called off.</summary>
    public bool IsSettled => Status == GameStatus.Final || IsCalledOff;

    /// <summary>The team's score minus its opponent's, for a final game.</summary>
    public int MarginFor(string team) => team == Home ? HomeScore!.Value - AwayScore!.Value : AwayScore!.Value - HomeScore!.Value;

    public int? MoneylineFor(string team) => team == Home ? HomeMoneyline : AwayMoneyline;

    public decimal? ClosingLineFor(string team) => HomeSpread is { } spread ? (team == Home ? spread : -spread) : null;

    public int? TotalPoints => Status == GameStatus.Final ? HomeScore + AwayScore : null;
}

/// <summary>
/// One pick of an entry. <see cref="Confidence"/> is used by confidence scoring, <see cref="Line"/> (the picked team's
/// spread locked with the pick; empty: the closing spread) by spread and Points Plus, <see cref="TiebreakGuess"/> by
/// pick'em's tie-breaker (one per entry and week, on any of its picks).
/// </summary>
internal sealed record Pick(
    string Entry,
    DateTime EntryCreatedUtc,
    int Week,
    string Team,
    int? Confidence = null,
    decimal? Line = null,
    int? TiebreakGuess = null,
    Origin? Origin = null);

/// <summary>An entry bought back after being eliminated in <see cref="Week"/>.</summary>
internal sealed record Buyback(string Entry, int Week, Origin? Origin = null);

/// <summary>Something in the season's data the rules cannot grade; <c>Column</c> names the field at fault.</summary>
internal sealed record SeasonError(Origin? Origin, string Column, string Reason)
{
    public override string ToString() =>
        Origin is null ? $"{Column}: {Reason}" : $"{Origin.File} line {Origin.Line}, column {Column}: {Reason}";
}

/// <summary>
/// One line of the standings. Survivor lines have <see cref="Points"/> null and count winning picks in
/// <see cref="Correct"/>; pick'em lines have every survivor field null (alive, weeks survived, lives left, eliminated
/// week, and margin and buybacks too, which only survivor keeps).
/// </summary>
internal sealed record Standing(
    int Rank,
    string Entry,
    bool? Alive,
    int? WeeksSurvived,
    int? LivesLeft,
    int? EliminatedWeek,
    decimal? Points,
    int Correct,
    int? Margin,
    int? Buybacks);

/// <summary>A survivor pick as graded: auto-picks (made for an entry that missed its pick) are marked.</summary>
internal sealed record GradedPick(string Entry, int Week, string Team, PickOutcome Outcome, int Margin, bool IsAutoPick);

/// <summary>
/// A grading's outcome: the standings, or every error that stopped it (then no standings). Survivor grading also
/// lists the picks it graded, auto-picks marked.
/// </summary>
internal sealed record Grading(IReadOnlyList<Standing> Standings, IReadOnlyList<SeasonError> Errors, IReadOnlyList<GradedPick>? Picks = null)
{
    public bool Succeeded => Errors.Count == 0;

    public static Grading Failed(IReadOnlyList<SeasonError> errors) => new([], errors);
}
