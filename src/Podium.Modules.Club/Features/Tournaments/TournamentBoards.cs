using Microsoft.EntityFrameworkCore;
using Podium.Platform.Caching;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Features.Tournaments;

internal sealed record BoardResult(
    Guid AnglerId, string AnglerName, int? Place, int Points, int Fish, int TotalWeight, int DeadFishPenalty, int NetWeight,
    int BigBass, bool Disqualified, bool BuyIn, bool Member)
{
    /// <summary>
    /// A result as the board shows it, from the entity itself (its angler loaded): how a write answers with what it saved,
    /// placed and scored in its own transaction, rather than with a board read back from a cache that may not have it yet.
    /// </summary>
    public static BoardResult Of(TournamentResult r) =>
        new(r.AnglerId, r.Angler.Name, r.Place, r.Points, r.Fish, r.TotalWeight, r.DeadFishPenalty, r.NetWeight, r.BigBass, r.Disqualified, r.BuyIn, r.Member);
}

internal sealed record BoardTeam(Guid Id, int? Place, Guid Angler1Id, string Angler1Name, Guid? Angler2Id, string? Angler2Name, int TotalWeight);

internal sealed record BoardPayout(Guid AnglerId, string AnglerName, int Place, int PlaceCents, int BigBassCents);

/// <summary>Everything the tournament page, its live fragment and the API show about one tournament.</summary>
/// <param name="Results">Placed first (by place, then name), then disqualified.</param>
internal sealed record TournamentBoard(
    Guid Id, string Title, DateTime StartsAt, DateTime EndsAt, int Season, TournamentStatus Status,
    int? LakeId, string? Lake, string? LakeSlug, int? RampId, string? Ramp,
    int EntryFeeCents, int BigBassPotCents, string PayoutPercents, int FishLimit, bool CountsForAnglerOfTheYear,
    IReadOnlyList<BoardResult> Results, IReadOnlyList<BoardTeam> Teams,
    IReadOnlyList<BoardResult> BigBassWinners, int EntryPotCents, int BigBassPotTotalCents, IReadOnlyList<BoardPayout> Payouts, int ClubCents);

/// <summary>A tournament's board, cached until any result changes (the <see cref="ClubCacheTags.Results"/> tag).</summary>
internal sealed class TournamentBoards(PodiumDbContext db, IPodiumCache cache)
{
    public async ValueTask<TournamentBoard?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        // A missing tournament is not cached: it may be created a moment later under an id a client already knows.
        var board = await cache.GetOrCreateAsync($"club:tournament:{id:N}", async ct => await ComputeAsync(id, ct) ?? Missing, [ClubCacheTags.Results], cancellationToken: cancellationToken);
        return board.Id == Guid.Empty ? null : board;
    }

    private static readonly TournamentBoard Missing = new(
        Guid.Empty, "", default, default, 0, default, null, null, null, null, null, 0, 0, "", 0, false, [], [], [], 0, 0, [], 0);

    private async Task<TournamentBoard?> ComputeAsync(Guid id, CancellationToken cancellationToken)
    {
        var t = await db.Set<Tournament>().AsNoTracking()
            .Include(x => x.Event).Include(x => x.Lake).Include(x => x.Ramp)
            .Include(x => x.Results).ThenInclude(r => r.Angler)
            .Include(x => x.TeamResults).ThenInclude(r => r.Angler1)
            .Include(x => x.TeamResults).ThenInclude(r => r.Angler2)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (t is null)
        {
            return null;
        }

        var results = t.Results
            .Select(BoardResult.Of)
            .OrderBy(r => r.Place ?? int.MaxValue).ThenBy(r => r.AnglerName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var teams = t.TeamResults
            .OrderBy(r => r.Place ?? int.MaxValue).ThenBy(r => r.Angler1.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => new BoardTeam(r.Id, r.Place, r.Angler1Id, r.Angler1.Name, r.Angler2Id, r.Angler2?.Name, r.TotalWeight))
            .ToList();

        var percents = Domain.PayoutPercents.ParseOrDefault(t.PayoutPercents);
        var sheet = TournamentPayouts.Compute([.. t.Results.Select(r => r.ToBag())], t.EntryFeeCents, t.BigBassPotCents, percents);
        var names = results.ToDictionary(r => r.AnglerId, r => r.AnglerName);
        var field = results.Where(r => !r.Disqualified && !r.BuyIn && r.BigBass > 0).ToList();
        var biggest = field.Select(r => r.BigBass).DefaultIfEmpty(0).Max();

        return new TournamentBoard(
            t.Id, t.Event.Title, t.Event.StartsAt, t.Event.EndsAt, t.Season, t.Status,
            t.LakeId, t.Lake?.Name, t.Lake?.Slug, t.RampId, t.Ramp?.Name,
            t.EntryFeeCents, t.BigBassPotCents, t.PayoutPercents, t.FishLimit, t.CountsForAnglerOfTheYear,
            results, teams,
            biggest == 0 ? [] : [.. field.Where(r => r.BigBass == biggest)],
            sheet.EntryPotCents, sheet.BigBassPotCents,
            [.. sheet.Lines.Select(l => new BoardPayout(l.AnglerId, names[l.AnglerId], l.Place, l.PlaceCents, l.BigBassCents))],
            sheet.ClubCents);
    }
}
