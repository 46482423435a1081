using Microsoft.EntityFrameworkCore;
using Podium.Platform.Caching;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Features.Standings;

internal sealed record BoardTournament(Guid Id, string Name, DateTime StartsAt);

/// <param name="PointsByTournament">Aligned with <see cref="SeasonBoard.Tournaments"/>; null where the angler did not enter.</param>
internal sealed record BoardLine(
    int Rank, Guid AnglerId, string AnglerName, int Points, int NetWeight, int Fish, int BiggestBass,
    int TournamentsFished, int? BestFinish, IReadOnlyList<int?> PointsByTournament);

internal sealed record BoardCatch(Guid AnglerId, string AnglerName, Guid TournamentId, string TournamentName, int Weight);

/// <summary>A season's Angler-of-the-Year race and awards, ready to render.</summary>
/// <remarks>
/// Immutable, so the cache hands every reader the same instance from memory instead of deserialising a copy per
/// request (1,000 anglers' lines cost milliseconds each time, measured with bench.sh's club scenario).
/// </remarks>
/// <param name="Tournaments">The tournaments that count (completed, for AoY), in date order.</param>
[System.ComponentModel.ImmutableObject(true)]
internal sealed record SeasonBoard(
    int Season,
    IReadOnlyList<BoardTournament> Tournaments,
    IReadOnlyList<BoardLine> Lines,
    IReadOnlyList<BoardCatch> HeavyStringer,
    IReadOnlyList<BoardCatch> BigBass,
    IReadOnlyList<BoardCatch> BigBassList);

/// <summary>
/// Standings and awards are read far more often than results change: each season's board is computed once, kept in
/// the cache (every instance), and dropped by the <see cref="ClubCacheTags.Results"/> tag whenever a result,
/// tournament or angler changes.
/// </summary>
internal sealed class ClubStandings(PodiumDbContext db, IPodiumCache cache)
{
    public ValueTask<SeasonBoard> GetSeasonAsync(int season, CancellationToken cancellationToken = default) =>
        cache.GetOrCreateAsync($"club:standings:{season}", ct => new ValueTask<SeasonBoard>(ComputeAsync(season, ct)), [ClubCacheTags.Results], cancellationToken: cancellationToken);

    /// <summary>Seasons with at least one tournament, newest first.</summary>
    public ValueTask<IReadOnlyList<int>> GetSeasonsAsync(CancellationToken cancellationToken = default) =>
        cache.GetOrCreateAsync<IReadOnlyList<int>>(
            "club:seasons",
            async ct => await db.Set<Tournament>().Select(t => t.Season).Distinct().OrderByDescending(s => s).ToListAsync(ct),
            [ClubCacheTags.Results],
            cancellationToken: cancellationToken);

    private async Task<SeasonBoard> ComputeAsync(int season, CancellationToken cancellationToken)
    {
        var tournaments = await db.Set<Tournament>().AsNoTracking()
            .Where(t => t.Season == season && t.Status == TournamentStatus.Completed && t.CountsForAnglerOfTheYear)
            .OrderBy(t => t.Event.StartsAt)
            .Select(t => new BoardTournament(t.Id, t.Event.Title, t.Event.StartsAt))
            .ToListAsync(cancellationToken);
        var ids = tournaments.Select(t => t.Id).ToList();
        var results = await db.Set<TournamentResult>().AsNoTracking()
            .Where(r => ids.Contains(r.TournamentId))
            .ToListAsync(cancellationToken);
        var anglerIds = results.Select(r => r.AnglerId).Distinct().ToList();
        var names = await db.Set<Angler>().AsNoTracking()
            .Where(a => anglerIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);

        var byTournament = results.GroupBy(r => r.TournamentId).ToDictionary(g => g.Key, g => g.Select(r => r.ToBag()).ToList());
        var counting = tournaments.Select(t => new SeasonTournament(t.Id, Completed: true, CountsForAnglerOfTheYear: true, byTournament.GetValueOrDefault(t.Id) ?? [])).ToList();
        var awards = SeasonStandings.Compute(counting);

        // Each angler's points per tournament, for the season table and chart (the same rule the totals come from).
        var points = counting.SelectMany(t => TournamentPoints.Score(t.Bags).Select(f => (t.TournamentId, f.AnglerId, f.Points)))
            .ToDictionary(p => (p.TournamentId, p.AnglerId), p => p.Points);
        var tournamentNames = tournaments.ToDictionary(t => t.Id, t => t.Name);

        BoardCatch Catch(SeasonCatch c) => new(c.AnglerId, names[c.AnglerId], c.TournamentId, tournamentNames[c.TournamentId], c.Weight);

        return new SeasonBoard(
            season,
            tournaments,
            [.. awards.AnglerOfTheYear.Select(l => new BoardLine(
                l.Rank, l.AnglerId, names[l.AnglerId], l.Points, l.NetWeight, l.Fish, l.BiggestBass, l.TournamentsFished, l.BestFinish,
                [.. ids.Select(id => points.TryGetValue((id, l.AnglerId), out var p) ? p : (int?)null)]))],
            [.. awards.HeavyStringer.Select(Catch)],
            [.. awards.BigBass.Select(Catch)],
            [.. awards.BigBassList.Select(Catch)]);
    }
}
