using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Areas.Fights.Pages;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Data;

namespace Podium.Modules.Fights.Features.Events;

/// <summary>An event in a list: when, where, the main event and how many bouts.</summary>
internal sealed record EventSummary(
    Guid Id, string Name, string Slug, string Organisation, DateTime StartsAt, EventStatus Status,
    string? Venue, string? City, string? Country, int Bouts, string? MainEventA, string? MainEventB, Origin Origin);

/// <summary>A fighter as a card lists them: linked by slug, with the record the feed gives.</summary>
internal sealed record CardCorner(Guid Id, string Name, string Slug, string? Nickname, string? Country, FightRecord Record, Origin Origin);

/// <summary>
/// One bout of a card. <see cref="Line"/> is the latest moneyline before the bout locked (the closing line once it
/// has), null when no book hung one; <see cref="Lock"/> is when predictions close.
/// </summary>
internal sealed record CardBout(
    Guid Id, int Order, WeightClass WeightClass, int ScheduledRounds, bool TitleFight, BoutStatus Status, DateTime? StartsAt, BoutLock Lock,
    CardCorner A, CardCorner B, OddsSnapshot? Line, BoutResult? Result, Origin Origin)
{
    /// <summary>"X def. Y · KO/TKO, R2 3:14", or null before the result.</summary>
    public string? ResultText => Result is null ? null : IndexModel.Describe(Result, A.Name, B.Name);
}

internal sealed record EventCard(
    Guid Id, string Name, string Slug, string Organisation, DateTime StartsAt, EventStatus Status,
    string? Venue, string? City, string? Country, Origin Origin, IReadOnlyList<CardBout> Bouts);

/// <summary>Events and their cards, read-only, for the pages and the API alike.</summary>
internal sealed class EventCatalogue(PodiumDbContext db, TimeProvider time)
{
    public async Task<PagedList<EventSummary>> ListAsync(EventsWhen when, PageRequest page, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().UtcDateTime - CatalogueText.CardLength;
        var events = db.Set<FightEvent>().AsNoTracking();
        // Upcoming: live, or scheduled and not long started; everything else (done, cancelled, or a card the feed never
        // closed) is past. The two lists split every event between them.
        events = when == EventsWhen.Upcoming
            ? events.Where(e => e.Status == EventStatus.Live || (e.Status == EventStatus.Scheduled && e.StartsAt > since))
                .OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            : events.Where(e => !(e.Status == EventStatus.Live || (e.Status == EventStatus.Scheduled && e.StartsAt > since)))
                .OrderByDescending(e => e.StartsAt).ThenBy(e => e.Id);
        var total = await events.CountAsync(cancellationToken);
        var rows = await events.Skip(page.Skip).Take(page.PageSize)
            .Select(e => new
            {
                e.Id, e.Name, e.Slug, e.Organisation, e.StartsAt, e.Status, e.Venue, e.City, e.Country, e.Source, e.Provenance,
                Bouts = e.Bouts.Count(b => b.Status != BoutStatus.Cancelled),
                MainA = e.Bouts.Where(b => b.Order == 1).Select(b => b.FighterA.Name).FirstOrDefault(),
                MainB = e.Bouts.Where(b => b.Order == 1).Select(b => b.FighterB.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return page.Of<EventSummary>(
            [.. rows.Select(e => new EventSummary(e.Id, e.Name, e.Slug, e.Organisation, e.StartsAt, e.Status, e.Venue, e.City, e.Country, e.Bouts, e.MainA, e.MainB, new Origin(e.Source, e.Provenance)))],
            total);
    }

    /// <summary>The card, main event first, with each bout's latest line and result; null for an unknown slug.</summary>
    public async Task<EventCard?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var e = await db.Set<FightEvent>().AsNoTracking()
            .Where(x => x.Slug == slug)
            .Select(x => new { x.Id, x.Name, x.Slug, x.Organisation, x.StartsAt, x.Status, x.Venue, x.City, x.Country, x.Source, x.Provenance })
            .FirstOrDefaultAsync(cancellationToken);
        if (e is null)
        {
            return null;
        }

        var bouts = await db.Set<Bout>().AsNoTracking()
            .Where(b => b.EventId == e.Id)
            .OrderBy(b => b.Order)
            .Select(b => new
            {
                b.Id, b.Order, b.WeightClass, b.ScheduledRounds, b.TitleFight, b.Status, b.StartsAt, b.Outcome, b.Method, b.Round, b.TimeSeconds, b.Source, b.Provenance,
                A = new { b.FighterA.Id, b.FighterA.Name, b.FighterA.Slug, b.FighterA.Nickname, b.FighterA.Country, b.FighterA.Wins, b.FighterA.Losses, b.FighterA.Draws, b.FighterA.NoContests, b.FighterA.Source, b.FighterA.Provenance },
                B = new { b.FighterB.Id, b.FighterB.Name, b.FighterB.Slug, b.FighterB.Nickname, b.FighterB.Country, b.FighterB.Wins, b.FighterB.Losses, b.FighterB.Draws, b.FighterB.NoContests, b.FighterB.Source, b.FighterB.Provenance },
            })
            .ToListAsync(cancellationToken);
        var lines = await OddsLines.ForBoutsAsync(db, [.. bouts.Select(b => b.Id)], cancellationToken);
        var card = bouts.Select(b =>
        {
            var boutLock = BoutLock.For(b.StartsAt, e.StartsAt);
            return new CardBout(
                b.Id, b.Order, b.WeightClass, b.ScheduledRounds, b.TitleFight, b.Status, b.StartsAt, boutLock,
                new CardCorner(b.A.Id, b.A.Name, b.A.Slug, b.A.Nickname, b.A.Country, new FightRecord(b.A.Wins, b.A.Losses, b.A.Draws, b.A.NoContests), new Origin(b.A.Source, b.A.Provenance)),
                new CardCorner(b.B.Id, b.B.Name, b.B.Slug, b.B.Nickname, b.B.Country, new FightRecord(b.B.Wins, b.B.Losses, b.B.Draws, b.B.NoContests), new Origin(b.B.Source, b.B.Provenance)),
                Odds.Closing(lines[b.Id], boutLock),
                ResultOf(b.Outcome, b.Method, b.Round, b.TimeSeconds),
                new Origin(b.Source, b.Provenance));
        }).ToList();
        return new EventCard(e.Id, e.Name, e.Slug, e.Organisation, e.StartsAt, e.Status, e.Venue, e.City, e.Country, new Origin(e.Source, e.Provenance), card);
    }

    internal static BoutResult? ResultOf(BoutOutcome? outcome, FinishMethod? method, int? round, int? timeSeconds) =>
        outcome is { } o ? new BoutResult(o, method, round, timeSeconds is { } s ? TimeSpan.FromSeconds(s) : null) : null;
}

/// <summary>Bouts' moneyline snapshots, read for many bouts in one query (never one query per bout).</summary>
internal static class OddsLines
{
    public static async Task<ILookup<Guid, OddsSnapshot>> ForBoutsAsync(PodiumDbContext db, IReadOnlyCollection<Guid> boutIds, CancellationToken cancellationToken)
    {
        return (await WithOriginAsync(db, boutIds, cancellationToken)).SelectMany(g => g.Select(l => (g.Key, l.Snapshot))).ToLookup(x => x.Key, x => x.Snapshot);
    }

    /// <summary>The snapshots with the source that sent each, for answers that say where every line came from.</summary>
    public static async Task<ILookup<Guid, StoredLine>> WithOriginAsync(PodiumDbContext db, IReadOnlyCollection<Guid> boutIds, CancellationToken cancellationToken)
    {
        if (boutIds.Count == 0)
        {
            return Array.Empty<(Guid, StoredLine)>().ToLookup(x => x.Item1, x => x.Item2);
        }

        var rows = await db.Set<OddsLine>().AsNoTracking()
            .Where(o => boutIds.Contains(o.BoutId))
            .OrderBy(o => o.TakenAt)
            .Select(o => new { o.BoutId, o.TakenAt, o.MoneylineA, o.MoneylineB, o.Source, o.Provenance })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(o => o.BoutId, o => new StoredLine(new OddsSnapshot(o.TakenAt, o.MoneylineA, o.MoneylineB), new Origin(o.Source, o.Provenance)));
    }
}

/// <summary>A moneyline snapshot and where it came from.</summary>
internal sealed record StoredLine(OddsSnapshot Snapshot, Origin Origin);
