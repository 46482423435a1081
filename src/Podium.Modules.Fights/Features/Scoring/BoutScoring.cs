using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Features.Boards;
using Podium.Modules.Fights.Model;
using Podium.Platform.Competitions;
using Podium.Platform.Data;
using Podium.Platform.Leaderboards;

namespace Podium.Modules.Fights.Features.Scoring;

/// <summary>
/// Scores a bout's predictions against its result and moves the boards, in the transaction that records the result
/// (<see cref="Results.ResultRecorder"/>): the result, the scored columns, the ledger and the ranks commit together or
/// not at all. Everything is worked out from the result alone, so running it again changes nothing, a corrected result
/// replaces the old scores, and no result (cleared) takes them back.
/// </summary>
internal sealed class BoutScoring(PodiumDbContext db, IScoreLedger ledger, ILeaderboards boards, ICompetitionGroups groups, TimeProvider time)
{
    /// <summary>Whether any prediction of the bout is not scored as its result says (new picks, a run never made).</summary>
    public Task<bool> IsBehindAsync(Bout bout, CancellationToken ct) => bout.Result is null
        ? db.Set<BoutPrediction>().AnyAsync(p => p.BoutId == bout.Id && p.ScoredAt != null, ct)
        : db.Set<BoutPrediction>().AnyAsync(p => p.BoutId == bout.Id && p.ScoredAt == null, ct);

    /// <returns>How many members' lines changed, over all boards.</returns>
    public async Task<int> ScoreAsync(Bout bout, CancellationToken ct)
    {
        var result = bout.Result;
        var predictions = await db.Set<BoutPrediction>().Where(p => p.BoutId == bout.Id).ToListAsync(ct);
        var closing = result is null ? null : await ClosingOddsAsync(bout, ct);
        var now = time.GetUtcNow().UtcDateTime;

        // The site's own scores, on the predictions themselves ("my predictions" shows them).
        var scores = new List<ItemScore>(predictions.Count);
        foreach (var p in predictions)
        {
            if (result is null)
            {
                (p.Points, p.CorrectWinner, p.ScoredAt) = (null, null, null);
                continue;
            }

            var score = PredictionScoring.Score(Of(p), result, closing?.For(p.Winner), ScoringRules.Default);
            bool? correct = score.Void ? null : score.CorrectWinner;
            if (p.Points != score.Total || p.CorrectWinner != correct || p.ScoredAt is null)
            {
                (p.Points, p.CorrectWinner, p.ScoredAt) = (score.Total, correct, now);
            }

            scores.Add(ToItem(p, score));
        }

        await db.SaveChangesAsync(ct);
        var item = FightBoards.Item(bout.Id);
        var batch = boards.NewBatch();
        var moved = 0;
        foreach (var (competition, board) in Boards(bout))
        {
            var totals = await ledger.ScoreItemAsync(db, competition, item, scores, ct);
            foreach (var t in totals.Where(_ => board is not null))
            {
                FightBoards.Put(batch, board!, t);
            }

            moved += totals.Count;
        }

        moved += await ScoreLeaguesAsync(bout, predictions, closing, batch, ct);
        await boards.ApplyAsync(batch, ct);
        return moved;
    }

    /// <summary>
    /// Each league any predictor is in, scored with the league's rules over its members' predictions only: a member who
    /// left is not scored again (a correction drops their old line from the league's ledger) and stays off its board.
    /// </summary>
    private async Task<int> ScoreLeaguesAsync(Bout bout, IReadOnlyList<BoutPrediction> predictions, ClosingOdds? closing, LeaderboardBatch batch, CancellationToken ct)
    {
        if (predictions.Count == 0)
        {
            return 0;
        }

        var memberships = await groups.MembershipsAsync(FightBoards.LeagueKind, [.. predictions.Select(p => p.UserId)], ct);
        var moved = 0;
        foreach (var league in memberships.GroupBy(m => m.GroupId))
        {
            var members = league.Select(m => m.UserId).ToHashSet();
            var rules = await RulesAsync(league.Key, ct);
            var scores = bout.Result is not { } result
                ? []
                : predictions.Where(p => members.Contains(p.UserId))
                    .Select(p => ToItem(p, PredictionScoring.Score(Of(p), result, closing?.For(p.Winner), rules))).ToList();
            var totals = await ledger.ScoreItemAsync(db, FightBoards.LeagueCompetition(league.Key), FightBoards.Item(bout.Id), scores, ct);
            var board = FightBoards.Key(BoardName.ForLeague(league.Key))!;
            foreach (var t in totals.Where(t => members.Contains(t.MemberId)))
            {
                FightBoards.Put(batch, board, t);
                moved++;
            }
        }

        return moved;
    }

    /// <summary>
    /// A member's standing in a league under its rules, over every prediction of theirs that has been scored: what a
    /// member joining brings with them. Each bout they predicted is scored again for the league's members who did.
    /// </summary>
    public async Task<MemberTotals> ScoreMemberIntoLeagueAsync(Guid leagueId, Guid userId, CancellationToken ct)
    {
        var rules = await RulesAsync(leagueId, ct);
        var boutIds = await db.Set<BoutPrediction>().AsNoTracking()
            .Where(p => p.UserId == userId && p.ScoredAt != null).Select(p => p.BoutId).ToListAsync(ct);
        var competition = FightBoards.LeagueCompetition(leagueId);
        foreach (var boutId in boutIds)
        {
            var bout = await db.Set<Bout>().AsNoTracking().Include(b => b.Event).SingleAsync(b => b.Id == boutId, ct);
            if (bout.Result is not { } result)
            {
                continue;
            }

            var predictions = await db.Set<BoutPrediction>().AsNoTracking().Where(p => p.BoutId == boutId).ToListAsync(ct);
            var members = (await groups.MembershipsAsync(FightBoards.LeagueKind, [.. predictions.Select(p => p.UserId)], ct))
                .Where(m => m.GroupId == leagueId).Select(m => m.UserId).ToHashSet();
            members.Add(userId);
            var closing = await ClosingOddsAsync(bout, ct);
            var scores = predictions.Where(p => members.Contains(p.UserId))
                .Select(p => ToItem(p, PredictionScoring.Score(Of(p), result, closing?.For(p.Winner), rules))).ToList();
            await ledger.ScoreItemAsync(db, competition, FightBoards.Item(boutId), scores, ct);
        }

        return (await ledger.TotalsAsync(db, competition, [userId], ct))[0];
    }

    public async Task<ScoringRules> RulesAsync(Guid leagueId, CancellationToken ct) =>
        (await db.Set<League>().AsNoTracking().FirstOrDefaultAsync(l => l.GroupId == leagueId, ct))?.Rules ?? ScoringRules.Default;

    private static IEnumerable<(string Competition, string? Board)> Boards(Bout bout)
    {
        yield return (FightBoards.GlobalCompetition, FightBoards.Key(BoardName.Global));
        yield return (FightBoards.SeasonCompetition(bout.Event.StartsAt.Year), FightBoards.Key(BoardName.ForSeason(bout.Event.StartsAt.Year)));
        yield return (FightBoards.EventCompetition(bout.EventId), FightBoards.Key(BoardName.ForEvent(bout.Event.Slug)));
    }

    /// <summary>The bout's closing line: its last snapshot before it locked (<see cref="Odds.Closing"/>).</summary>
    private async Task<ClosingOdds?> ClosingOddsAsync(Bout bout, CancellationToken ct)
    {
        var lockAt = bout.Lock.At;
        var last = await db.Set<OddsLine>().AsNoTracking().Where(o => o.BoutId == bout.Id && o.TakenAt < lockAt)
            .OrderByDescending(o => o.TakenAt).ThenByDescending(o => o.Id)
            .Select(o => new OddsSnapshot(o.TakenAt, o.MoneylineA, o.MoneylineB)).FirstOrDefaultAsync(ct);
        return last is null || !Odds.IsValidMoneyline(last.MoneylineA) || !Odds.IsValidMoneyline(last.MoneylineB)
            ? null
            : new ClosingOdds(Odds.ToDecimal(last.MoneylineA), Odds.ToDecimal(last.MoneylineB));
    }

    private static Prediction Of(BoutPrediction p) => new(p.Winner, p.Method, p.Round);

    private static ItemScore ToItem(BoutPrediction p, PredictionScore score) => new(
        p.UserId,
        score.Total,
        score.Void ? ScoreOutcome.Void : score.CorrectWinner ? ScoreOutcome.Correct : ScoreOutcome.Wrong,
        DateTime.SpecifyKind(p.CreatedAt, DateTimeKind.Utc));

    private sealed record ClosingOdds(decimal A, decimal B)
    {
        public decimal For(Corner corner) => corner == Corner.A ? A : B;
    }
}
