using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Areas.Club.Pages.Lakes;

internal sealed record LakeTournament(Guid Id, string Title, DateTime StartsAt, TournamentStatus Status, string? Ramp);

internal sealed class DetailsModel(PodiumDbContext db, ClubSettings settings) : PageModel
{
    public Lake Lake { get; private set; } = null!;

    public LocalZone Zone { get; private set; } = ClubProfile.DefaultZone;

    public List<LakeTournament> Tournaments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var lake = await db.Set<Lake>().AsNoTracking().Include(l => l.Ramps.OrderBy(r => r.Name)).FirstOrDefaultAsync(l => l.Slug == slug, cancellationToken);
        if (lake is null)
        {
            return NotFound();
        }

        Lake = lake;
        Zone = (await settings.GetAsync(cancellationToken)).Zone;
        Tournaments = await db.Set<Tournament>().AsNoTracking()
            .Where(t => t.LakeId == lake.Id)
            .OrderByDescending(t => t.Event.StartsAt)
            .Select(t => new LakeTournament(t.Id, t.Event.Title, t.Event.StartsAt, t.Status, t.Ramp != null ? t.Ramp.Name : null))
            .Take(100)
            .ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>A plain geo: URI: phones open their own map app, and the page loads nothing from a third party.</summary>
    public static string? Geo(double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lon ? string.Create(CultureInfo.InvariantCulture, $"geo:{lat:0.######},{lon:0.######}") : null;

    public static string Coordinates(double latitude, double longitude) =>
        string.Create(CultureInfo.InvariantCulture, $"{latitude:0.#####}, {longitude:0.#####}");
}
