using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;

namespace Podium.Modules.Fights.Features.Analytics;

/// <summary>
/// One weight class's completed bouts: how they ended, how long they lasted, how often the closing favourite lost,
/// how many were for a title. Rates are of the bouts that can have them (a draw has no method, a bout with no lines no
/// favourite); null when there are none.
/// </summary>
internal sealed record ClassAnalytics(
    WeightClass WeightClass, int Bouts, int TitleFights, int KoTko, int Submissions, int Decisions, int Disqualifications, int DrawsAndNoContests,
    double? AverageFightSeconds, int WithFavourite, int Upsets)
{
    private int Decided => KoTko + Submissions + Decisions + Disqualifications;

    public double? KoTkoRate => Rate(KoTko, Decided);

    public double? SubmissionRate => Rate(Submissions, Decided);

    public double? DecisionRate => Rate(Decisions, Decided);

    public double? FinishRate => Rate(KoTko + Submissions, Decided);

    public double? UpsetRate => Rate(Upsets, WithFavourite);

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

/// <summary>The weight-class analytics, every figure counted by the database in grouped queries (none per bout).</summary>
internal sealed class WeightClassAnalytics(PodiumDbContext db)
{
    public async Task<IReadOnlyList<ClassAnalytics>> GetAsync(CancellationToken cancellationToken)
    {
        var done = db.Set<Bout>().AsNoTracking().Where(b => b.Outcome != null);
        var counts = await done
            .GroupBy(b => b.WeightClass)
            .Select(g => new
            {
                WeightClass = g.Key,
                Bouts = g.Count(),
                Titles = g.Count(b => b.TitleFight),
                KoTko = g.Count(b => (b.Outcome == BoutOutcome.WinA || b.Outcome == BoutOutcome.WinB) && b.Method == FinishMethod.KoTko),
                Submissions = g.Count(b => (b.Outcome == BoutOutcome.WinA || b.Outcome == BoutOutcome.WinB) && b.Method == FinishMethod.Submission),
                Decisions = g.Count(b => (b.Outcome == BoutOutcome.WinA || b.Outcome == BoutOutcome.WinB) && (b.Method == FinishMethod.UnanimousDecision || b.Method == FinishMethod.SplitDecision || b.Method == FinishMethod.MajorityDecision)),
                Dq = g.Count(b => (b.Outcome == BoutOutcome.WinA || b.Outcome == BoutOutcome.WinB) && b.Method == FinishMethod.Disqualification),
                NoWinner = g.Count(b => b.Outcome == BoutOutcome.Draw || b.Outcome == BoutOutcome.NoContest),
                // Every round lasts five minutes: a bout stopped 2:10 into round 3 lasted 12:10.
                Seconds = g.Where(b => b.Round != null && b.TimeSeconds != null).Average(b => (double?)((b.Round!.Value - 1) * 300 + b.TimeSeconds!.Value)),
            })
            .ToListAsync(cancellationToken);

        // The closing line is the last snapshot before the bout locked (its own start, else the event's), found per bout
        // by the database through the (bout, taken) index. Moneylines order as the chances do, except that −100 and
        // +100 are both evens, so −100 is counted as +100: the favourite is the strictly lower line.
        var upsets = await done
            .Where(b => b.Outcome == BoutOutcome.WinA || b.Outcome == BoutOutcome.WinB)
            .Select(b => new
            {
                b.WeightClass,
                b.Outcome,
                A = db.Set<OddsLine>()
                    .Where(o => o.BoutId == b.Id && o.TakenAt < (b.StartsAt ?? b.Event.StartsAt))
                    .OrderByDescending(o => o.TakenAt)
                    .Select(o => (int?)(o.MoneylineA == -100 ? 100 : o.MoneylineA))
                    .FirstOrDefault(),
                B = db.Set<OddsLine>()
                    .Where(o => o.BoutId == b.Id && o.TakenAt < (b.StartsAt ?? b.Event.StartsAt))
                    .OrderByDescending(o => o.TakenAt)
                    .Select(o => (int?)(o.MoneylineB == -100 ? 100 : o.MoneylineB))
                    .FirstOrDefault(),
            })
            .Where(x => x.A != null && x.B != null && x.A != x.B)
            .GroupBy(x => x.WeightClass)
            .Select(g => new
            {
                WeightClass = g.Key,
                WithFavourite = g.Count(),
                Upsets = g.Count(x => (x.Outcome == BoutOutcome.WinA && x.A > x.B) || (x.Outcome == BoutOutcome.WinB && x.B > x.A)),
            })
            .ToDictionaryAsync(x => x.WeightClass, cancellationToken);

        return [.. counts.OrderBy(c => c.WeightClass).Select(c =>
        {
            var favourite = upsets.GetValueOrDefault(c.WeightClass);
            return new ClassAnalytics(c.WeightClass, c.Bouts, c.Titles, c.KoTko, c.Submissions, c.Decisions, c.Dq, c.NoWinner, c.Seconds, favourite?.WithFavourite ?? 0, favourite?.Upsets ?? 0);
        })];
    }
}
