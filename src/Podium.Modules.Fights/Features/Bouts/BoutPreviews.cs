using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Modules.Fights.Features.Events;
using Podium.Modules.Fights.Features.Fighters;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;

namespace Podium.Modules.Fights.Features.Bouts;

/// <summary>One side of the tale of the tape: the fighter as they came to this bout.</summary>
internal sealed record TapeCorner(
    Guid Id, string Name, string? Nickname, string Slug, int? Age, string? Country, Stance? Stance, int? HeightCm, int? ReachCm,
    string? Team, string? Style, FightRecord Record, CareerStats Stats, Origin Origin);

/// <summary>One moneyline snapshot of both corners, with the chances they imply.</summary>
internal sealed record TrendPoint(DateTime TakenAt, int MoneylineA, int MoneylineB, double ImpliedA, double ImpliedB);

internal sealed record BoutPreview(
    Guid Id, Guid EventId, string EventName, string EventSlug, DateTime StartsAt, BoutLock Lock, int Order, WeightClass WeightClass,
    int ScheduledRounds, bool TitleFight, BoutStatus Status, TapeCorner A, TapeCorner B, IReadOnlyList<TrendPoint> Trend, BoutResult? Result, Origin Origin)
{
    public string? ResultText => Result is null ? null : Areas.Fights.Pages.IndexModel.Describe(Result, A.Name, B.Name);
}

/// <summary>A bout's preview: both fighters side by side, the line's movement, the result once in.</summary>
internal sealed class BoutPreviews(PodiumDbContext db, TimeProvider time)
{
    public async Task<BoutPreview?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var b = await db.Set<Bout>().AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id, x.EventId, EventName = x.Event.Name, EventSlug = x.Event.Slug, EventStartsAt = x.Event.StartsAt, x.StartsAt, x.Order, x.WeightClass,
                x.ScheduledRounds, x.TitleFight, x.Status, x.FighterA, x.FighterB, x.Outcome, x.Method, x.Round, x.TimeSeconds, x.Source, x.Provenance,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (b is null)
        {
            return null;
        }

        var startsAt = b.StartsAt ?? b.EventStartsAt;
        // The age the fighter was at the bell for a bout done; today's for one to come.
        var on = DateOnly.FromDateTime(b.Outcome is null ? time.GetUtcNow().UtcDateTime : startsAt);
        var records = await RecordsAsync([b.FighterA, b.FighterB], cancellationToken);
        var trend = (await OddsLines.ForBoutsAsync(db, [b.Id], cancellationToken))[b.Id]
            .Where(o => Odds.IsValidMoneyline(o.MoneylineA) && Odds.IsValidMoneyline(o.MoneylineB))
            .Select(o => new TrendPoint(o.TakenAt, o.MoneylineA, o.MoneylineB, (double)Odds.ImpliedProbability(o.MoneylineA), (double)Odds.ImpliedProbability(o.MoneylineB)))
            .ToList();
        return new BoutPreview(
            b.Id, b.EventId, b.EventName, b.EventSlug, startsAt, BoutLock.For(b.StartsAt, b.EventStartsAt), b.Order, b.WeightClass, b.ScheduledRounds, b.TitleFight, b.Status,
            TapeOf(b.FighterA, records[b.FighterA.Id], on), TapeOf(b.FighterB, records[b.FighterB.Id], on), trend,
            EventCatalogue.ResultOf(b.Outcome, b.Method, b.Round, b.TimeSeconds), new Origin(b.Source, b.Provenance));
    }

    private static TapeCorner TapeOf(Fighter f, FightRecord record, DateOnly on) => new(
        f.Id, f.Name, f.Nickname, f.Slug, f.DateOfBirth is { } born ? DataQuality.AgeOn(born, on) : null, f.Country, f.Stance, f.HeightCm, f.ReachCm,
        f.Team, f.Style, record, FighterCatalogue.StatsOf(f), new Origin(f.Source, f.Provenance));

    /// <summary>Both fighters' records (<see cref="Records.Of"/>) from one query of their completed bouts.</summary>
    private async Task<Dictionary<Guid, FightRecord>> RecordsAsync(IReadOnlyList<Fighter> fighters, CancellationToken cancellationToken)
    {
        var ids = fighters.Select(f => f.Id).ToList();
        var bouts = await db.Set<Bout>().AsNoTracking()
            .Where(x => x.Outcome != null && (ids.Contains(x.FighterAId) || ids.Contains(x.FighterBId)))
            .Select(x => new { x.FighterAId, x.FighterBId, x.Outcome, x.Method, Date = x.StartsAt ?? x.Event.StartsAt })
            .ToListAsync(cancellationToken);
        return fighters.ToDictionary(f => f.Id, f => Records.Of(
            [.. bouts.Where(x => x.FighterAId == f.Id || x.FighterBId == f.Id)
                .Select(x => new CareerBout(x.Date, new BoutResult(x.Outcome!.Value).For(x.FighterAId == f.Id ? Domain.Corner.A : Domain.Corner.B), x.Method))],
            f.FeedRecord));
    }
}
