using Podium.Platform.Competitions;
using Podium.Platform.Leaderboards;

namespace Podium.Modules.Fights.Features.Boards;

/// <summary>
/// Where Fights keeps its boards (<c>fights:…</c>, family <see cref="Family"/>) and the ledger competitions behind them
/// (<c>fights.…</c>): one per board, so each board's totals are sums over its own scored predictions.
/// </summary>
internal static class FightBoards
{
    public const string Prefix = "fights";
    public const string LeagueKind = "fights.league";

    /// <summary>Members a league holds: a group of friends or an office, not a second global board.</summary>
    public const int MaxLeagueMembers = 1000;

    /// <summary>Points, then accuracy, then the earlier first prediction; points bounded tightly (see <see cref="BoardScore.MaxPoints"/>).</summary>
    public static readonly LeaderboardFamily Family = new(Prefix, [
        ScoreComponent.HigherFirst("points", 0, BoardScore.MaxPoints),
        ScoreComponent.HigherFirst("accuracy", 0, 1),
        ScoreComponent.LowerFirst("firstPredictionAt", 0, ScoreComponent.ExactLimit),
    ]);

    /// <summary>The board key, or null for an event whose slug is too long to be one (no board is kept for it).</summary>
    public static string? Key(BoardName board)
    {
        var key = $"{Prefix}:{board}";
        return key.Length <= 100 ? key : null;
    }

    public static string GlobalCompetition => "fights.global";

    public static string SeasonCompetition(int year) => FormattableString.Invariant($"fights.season-{year}");

    public static string EventCompetition(Guid eventId) => $"fights.event-{eventId:N}";

    public static string LeagueCompetition(Guid leagueId) => $"fights.league-{leagueId:N}";

    public static string Item(Guid boutId) => boutId.ToString("N");

    /// <summary>A member's line: on the board with their totals, or off it once they have no scored prediction left.</summary>
    public static void Put(LeaderboardBatch batch, string board, MemberTotals totals)
    {
        if (totals.FirstEntryAt is { } first)
        {
            batch.Set(board, totals.MemberId, BoardScore.Points(totals.Points), totals.Accuracy, BoardScore.FirstAt(first));
        }
        else
        {
            batch.Remove(board, totals.MemberId);
        }
    }
}
