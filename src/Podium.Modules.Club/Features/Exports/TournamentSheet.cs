using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Features.Exports;

internal sealed record SheetRow(int? Place, string Angler, bool Member, int Fish, int TotalWeight, int DeadFishPenalty, int NetWeight, int BigBass, bool Disqualified, bool BuyIn, int Points);

internal sealed record SheetTeam(int? Place, string Angler1, string? Angler2, int TotalWeight)
{
    /// <summary>"Ada Angler &amp; Bo Boater", or one name for someone who fished alone.</summary>
    public string Anglers => Angler2 is null ? Angler1 : $"{Angler1} & {Angler2}";
}

/// <summary>A tournament's results as printed and exported: local date, place, results in finishing order.</summary>
internal sealed record TournamentSheet(
    Guid Id, string Title, DateTime LocalStart, string? Lake, string? Ramp, TournamentStatus Status, bool CountsForAnglerOfTheYear,
    IReadOnlyList<SheetRow> Rows, IReadOnlyList<SheetTeam> Teams)
{
    /// <summary>The heaviest single fish (shared when equal); disqualified bags and buy-ins win nothing.</summary>
    public IReadOnlyList<SheetRow> BigBass
    {
        get
        {
            var eligible = Rows.Where(r => !r.Disqualified && !r.BuyIn && r.BigBass > 0).ToList();
            return eligible.Count == 0 ? [] : [.. eligible.Where(r => r.BigBass == eligible.Max(e => e.BigBass))];
        }
    }

    public static async Task<TournamentSheet?> LoadAsync(PodiumDbContext db, LocalZone zone, Guid id, CancellationToken cancellationToken)
    {
        var tournament = await db.Set<Tournament>().AsNoTracking()
            .Where(t => t.Id == id)
            .Select(t => new { t.Id, t.Event.Title, t.Event.StartsAt, Lake = t.Lake != null ? t.Lake.Name : null, Ramp = t.Ramp != null ? t.Ramp.Name : null, t.Status, t.CountsForAnglerOfTheYear })
            .FirstOrDefaultAsync(cancellationToken);
        if (tournament is null)
        {
            return null;
        }

        var rows = await db.Set<TournamentResult>().AsNoTracking()
            .Where(r => r.TournamentId == id)
            .Select(r => new SheetRow(r.Place, r.Angler.Name, r.Member, r.Fish, r.TotalWeight, r.DeadFishPenalty, 0, r.BigBass, r.Disqualified, r.BuyIn, r.Points))
            .ToListAsync(cancellationToken);
        var teams = await db.Set<TeamResult>().AsNoTracking()
            .Where(t => t.TournamentId == id)
            .Select(t => new SheetTeam(t.Place, t.Angler1.Name, t.Angler2 != null ? t.Angler2.Name : null, t.TotalWeight))
            .ToListAsync(cancellationToken);

        // Disqualified last (no place), then by place; the name settles shared places so the order never wobbles.
        return new TournamentSheet(
            tournament.Id, tournament.Title, zone.ToLocal(tournament.StartsAt), tournament.Lake, tournament.Ramp, tournament.Status, tournament.CountsForAnglerOfTheYear,
            [.. rows.Select(r => r with { NetWeight = Math.Max(0, r.TotalWeight - r.DeadFishPenalty) })
                .OrderBy(r => r.Place is null).ThenBy(r => r.Place).ThenBy(r => r.Angler, StringComparer.OrdinalIgnoreCase)],
            [.. teams.OrderBy(t => t.Place is null).ThenBy(t => t.Place).ThenBy(t => t.Anglers, StringComparer.OrdinalIgnoreCase)]);
    }
}
