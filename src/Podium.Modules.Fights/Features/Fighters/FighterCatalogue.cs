using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Modules.Fights.Features.Events;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Data;

namespace Podium.Modules.Fights.Features.Fighters;

/// <summary>What the fighters list narrows to; null means any.</summary>
internal sealed record FighterFilter(WeightClass? WeightClass = null, string? Country = null, Stance? Stance = null, bool? Active = null, bool NameDescending = false);

internal sealed record FighterSummary(
    Guid Id, string Name, string? Nickname, string Slug, string? Country, WeightClass WeightClass, Stance? Stance, bool Active, FightRecord Record, Origin Origin);

/// <summary>
/// Career stats: strikes landed and absorbed per minute, striking accuracy and defence (0–1), takedowns and submission
/// attempts per 15 minutes, takedown accuracy and defence (0–1). Null where unknown.
/// </summary>
internal sealed record CareerStats(
    double? StrikesLandedPerMinute, double? StrikesAbsorbedPerMinute, double? StrikingAccuracy, double? StrikingDefence,
    double? TakedownAverage, double? TakedownAccuracy, double? TakedownDefence, double? SubmissionAverage)
{
    /// <summary>The stats in the radar's order, with the words people use for them.</summary>
    public IReadOnlyList<(string Label, double? Value, bool Ratio)> Axes =>
    [
        ("Strikes landed / min", StrikesLandedPerMinute, false),
        ("Strikes absorbed / min", StrikesAbsorbedPerMinute, false),
        ("Striking accuracy", StrikingAccuracy, true),
        ("Striking defence", StrikingDefence, true),
        ("Takedowns / 15 min", TakedownAverage, false),
        ("Takedown accuracy", TakedownAccuracy, true),
        ("Takedown defence", TakedownDefence, true),
        ("Submissions / 15 min", SubmissionAverage, false),
    ];
}

/// <summary>One bout of a fighter's career, from their side: the opponent, the result and their own closing line.</summary>
internal sealed record HistoryBout(
    Guid BoutId, string EventName, string EventSlug, DateTime Date, WeightClass WeightClass, bool TitleFight, int ScheduledRounds, BoutStatus Status,
    Corner Corner, Guid OpponentId, string OpponentName, string OpponentSlug, BoutResult? Result, FighterOutcome? Outcome, int? ClosingMoneyline, Origin Origin)
{
    /// <summary>How it ended, without the names (the row says who): "KO/TKO, R2 3:14", "Draw".</summary>
    public string? ResultText => Outcome switch
    {
        null => null,
        FighterOutcome.Draw => "Draw",
        FighterOutcome.NoContest => "No contest",
        _ => Detail(),
    };

    private string Detail()
    {
        var method = Result!.Method is { } m ? Areas.Fights.Pages.IndexModel.MethodName(m) : null;
        var when = Result.Round is { } round ? $"R{round}" + (Result.Time is { } t ? $" {t:m\\:ss}" : "") : null;
        return string.Join(", ", new[] { method, when }.OfType<string>());
    }
}

/// <summary>One moneyline snapshot from a fighter's side, with the chance it implies (the book's margin included).</summary>
internal sealed record OddsPoint(DateTime TakenAt, int Moneyline, int OpponentMoneyline, double? ImpliedProbability);

/// <summary>A bout's line movement from one fighter's side, oldest snapshot first.</summary>
internal sealed record BoutOddsHistory(Guid BoutId, string EventName, string EventSlug, DateTime Date, string OpponentName, string OpponentSlug, FighterOutcome? Outcome, IReadOnlyList<OddsPoint> Lines)
{
    public OddsPoint? Opening => Lines.Count > 0 ? Lines[0] : null;

    public OddsPoint? Closing => Lines.Count > 0 ? Lines[^1] : null;
}

internal sealed record FighterProfile(
    Guid Id, string Name, string? Nickname, string Slug, DateOnly? DateOfBirth, int? Age, string? Country, WeightClass WeightClass, Stance? Stance,
    int? HeightCm, int? ReachCm, string? Team, string? Style, bool Active, FightRecord Record, FightRecord FeedRecord, double? FinishRate,
    CareerStats Stats, CareerStats ClassAverage, IReadOnlyList<HistoryBout> History, IReadOnlyList<TrajectoryPoint> Trajectory,
    IReadOnlyList<BoutOddsHistory> RecentOdds, Origin Origin);

/// <summary>Fighters, their careers and lines, read-only, for the pages and the API alike.</summary>
internal sealed class FighterCatalogue(PodiumDbContext db, TimeProvider time)
{
    /// <summary>How many of a fighter's latest bouts the odds history follows.</summary>
    public const int RecentOddsBouts = 5;

    public async Task<PagedList<FighterSummary>> ListAsync(FighterFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var fighters = db.Set<Fighter>().AsNoTracking();
        if (filter.WeightClass is { } weightClass)
        {
            fighters = fighters.Where(f => f.WeightClass == weightClass);
        }

        if (!string.IsNullOrWhiteSpace(filter.Country))
        {
            var country = filter.Country.Trim();
            fighters = fighters.Where(f => f.Country == country);
        }

        if (filter.Stance is { } stance)
        {
            fighters = fighters.Where(f => f.Stance == stance);
        }

        if (filter.Active is { } active)
        {
            fighters = fighters.Where(f => f.Active == active);
        }

        var total = await fighters.CountAsync(cancellationToken);
        var ordered = filter.NameDescending ? fighters.OrderByDescending(f => f.Name).ThenBy(f => f.Id) : fighters.OrderBy(f => f.Name).ThenBy(f => f.Id);
        var rows = await ordered.Skip(page.Skip).Take(page.PageSize)
            .Select(f => new { f.Id, f.Name, f.Nickname, f.Slug, f.Country, f.WeightClass, f.Stance, f.Active, f.Wins, f.Losses, f.Draws, f.NoContests, f.Source, f.Provenance })
            .ToListAsync(cancellationToken);
        return page.Of<FighterSummary>(
            [.. rows.Select(f => new FighterSummary(f.Id, f.Name, f.Nickname, f.Slug, f.Country, f.WeightClass, f.Stance, f.Active, new FightRecord(f.Wins, f.Losses, f.Draws, f.NoContests), new Origin(f.Source, f.Provenance)))],
            total);
    }

    /// <summary>The countries fighters come from, for the list's filter.</summary>
    public async Task<IReadOnlyList<string>> CountriesAsync(CancellationToken cancellationToken) =>
        await db.Set<Fighter>().AsNoTracking().Where(f => f.Country != null).Select(f => f.Country!).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);

    public async Task<FighterProfile?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var f = await db.Set<Fighter>().AsNoTracking().FirstOrDefaultAsync(x => x.Slug == slug, cancellationToken);
        if (f is null)
        {
            return null;
        }

        var history = await HistoryAsync(f.Id, cancellationToken);
        var career = history.Where(h => h.Outcome is not null).Select(h => new CareerBout(h.Date, h.Outcome!.Value, h.Result!.Method)).ToList();
        var record = Records.Of(career, f.FeedRecord);
        var derived = Records.Derive(career);
        // The chart starts from what the feed counts before our bouts, so its line ends at the record the profile shows.
        var before = record == derived ? default : new FightRecord(
            Math.Max(0, record.Wins - derived.Wins), Math.Max(0, record.Losses - derived.Losses), Math.Max(0, record.Draws - derived.Draws), Math.Max(0, record.NoContests - derived.NoContests));
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new FighterProfile(
            f.Id, f.Name, f.Nickname, f.Slug, f.DateOfBirth, f.DateOfBirth is { } born ? DataQuality.AgeOn(born, today) : null, f.Country, f.WeightClass, f.Stance,
            f.HeightCm, f.ReachCm, f.Team, f.Style, f.Active, record, f.FeedRecord, Records.FinishRate(career),
            StatsOf(f), await ClassAverageAsync(f.WeightClass, cancellationToken), history, Records.Trajectory(career, before),
            await OddsHistoryAsync(f.Id, RecentOddsBouts, cancellationToken), new Origin(f.Source, f.Provenance));
    }

    /// <summary>A fighter's line movement over their latest bouts that had lines; null for an unknown slug.</summary>
    public async Task<(Guid Id, string Name, Origin Origin, IReadOnlyList<BoutOddsHistory> Bouts)?> GetOddsAsync(string slug, int bouts, CancellationToken cancellationToken)
    {
        var f = await db.Set<Fighter>().AsNoTracking().Where(x => x.Slug == slug).Select(x => new { x.Id, x.Name, x.Source, x.Provenance }).FirstOrDefaultAsync(cancellationToken);
        return f is null ? null : (f.Id, f.Name, new Origin(f.Source, f.Provenance), await OddsHistoryAsync(f.Id, bouts, cancellationToken));
    }

    internal static CareerStats StatsOf(Fighter f) => new(
        f.StrikesLandedPerMinute, f.StrikesAbsorbedPerMinute, f.StrikingAccuracy, f.StrikingDefence,
        f.TakedownAverage, f.TakedownAccuracy, f.TakedownDefence, f.SubmissionAverage);

    /// <summary>The class's average of each stat over the fighters who have it, worked out by the database in one query.</summary>
    public async Task<CareerStats> ClassAverageAsync(WeightClass weightClass, CancellationToken cancellationToken) =>
        await db.Set<Fighter>().AsNoTracking()
            .Where(f => f.WeightClass == weightClass)
            .GroupBy(f => f.WeightClass)
            .Select(g => new CareerStats(
                g.Average(f => f.StrikesLandedPerMinute), g.Average(f => f.StrikesAbsorbedPerMinute), g.Average(f => f.StrikingAccuracy), g.Average(f => f.StrikingDefence),
                g.Average(f => f.TakedownAverage), g.Average(f => f.TakedownAccuracy), g.Average(f => f.TakedownDefence), g.Average(f => f.SubmissionAverage)))
            .FirstOrDefaultAsync(cancellationToken)
        ?? new CareerStats(null, null, null, null, null, null, null, null);

    /// <summary>Every bout of the fighter's, latest first, in two queries (the bouts, then their lines).</summary>
    private async Task<IReadOnlyList<HistoryBout>> HistoryAsync(Guid fighterId, CancellationToken cancellationToken)
    {
        var bouts = await db.Set<Bout>().AsNoTracking()
            .Where(b => b.FighterAId == fighterId || b.FighterBId == fighterId)
            .OrderByDescending(b => b.StartsAt ?? b.Event.StartsAt).ThenByDescending(b => b.Order)
            .Select(b => new
            {
                b.Id, EventName = b.Event.Name, EventSlug = b.Event.Slug, EventStartsAt = b.Event.StartsAt, b.StartsAt, b.WeightClass, b.TitleFight, b.ScheduledRounds, b.Status,
                b.FighterAId, A = new { b.FighterA.Id, b.FighterA.Name, b.FighterA.Slug }, B = new { b.FighterB.Id, b.FighterB.Name, b.FighterB.Slug },
                b.Outcome, b.Method, b.Round, b.TimeSeconds, b.Source, b.Provenance,
            })
            .ToListAsync(cancellationToken);
        var lines = await OddsLines.ForBoutsAsync(db, [.. bouts.Select(b => b.Id)], cancellationToken);
        return [.. bouts.Select(b =>
        {
            var corner = b.FighterAId == fighterId ? Corner.A : Corner.B;
            var opponent = corner == Corner.A ? b.B : b.A;
            var result = EventCatalogue.ResultOf(b.Outcome, b.Method, b.Round, b.TimeSeconds);
            var closing = Odds.Closing(lines[b.Id], BoutLock.For(b.StartsAt, b.EventStartsAt));
            return new HistoryBout(
                b.Id, b.EventName, b.EventSlug, b.StartsAt ?? b.EventStartsAt, b.WeightClass, b.TitleFight, b.ScheduledRounds, b.Status,
                corner, opponent.Id, opponent.Name, opponent.Slug, result, result?.For(corner), closing?.MoneylineOf(corner), new Origin(b.Source, b.Provenance));
        })];
    }

    private async Task<IReadOnlyList<BoutOddsHistory>> OddsHistoryAsync(Guid fighterId, int count, CancellationToken cancellationToken)
    {
        var bouts = await db.Set<Bout>().AsNoTracking()
            .Where(b => (b.FighterAId == fighterId || b.FighterBId == fighterId) && db.Set<OddsLine>().Any(o => o.BoutId == b.Id))
            .OrderByDescending(b => b.StartsAt ?? b.Event.StartsAt).ThenByDescending(b => b.Order)
            .Take(count)
            .Select(b => new
            {
                b.Id, EventName = b.Event.Name, EventSlug = b.Event.Slug, EventStartsAt = b.Event.StartsAt, b.StartsAt, b.FighterAId,
                A = new { b.FighterA.Name, b.FighterA.Slug }, B = new { b.FighterB.Name, b.FighterB.Slug }, b.Outcome,
            })
            .ToListAsync(cancellationToken);
        var lines = await OddsLines.ForBoutsAsync(db, [.. bouts.Select(b => b.Id)], cancellationToken);
        return [.. bouts.Select(b =>
        {
            var corner = b.FighterAId == fighterId ? Corner.A : Corner.B;
            var opponent = corner == Corner.A ? b.B : b.A;
            var boutLock = BoutLock.For(b.StartsAt, b.EventStartsAt);
            // What the books hung before the bell; a line taken after the lock is not a pre-fight price.
            var points = lines[b.Id].Where(l => l.TakenAt < boutLock.At).Select(l => PointOf(l, corner)).ToList();
            var outcome = b.Outcome is { } o ? new BoutResult(o).For(corner) : (FighterOutcome?)null;
            return new BoutOddsHistory(b.Id, b.EventName, b.EventSlug, b.StartsAt ?? b.EventStartsAt, opponent.Name, opponent.Slug, outcome, points);
        })];
    }

    internal static OddsPoint PointOf(OddsSnapshot line, Corner corner)
    {
        var own = line.MoneylineOf(corner);
        var other = line.MoneylineOf(corner == Corner.A ? Corner.B : Corner.A);
        return new OddsPoint(line.TakenAt, own, other, Odds.IsValidMoneyline(own) ? (double)Odds.ImpliedProbability(own) : null);
    }
}
