using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Standings;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Areas.Club.Pages.Tournaments;

internal sealed record TournamentRow(Guid Id, string Title, DateTime StartsAt, TournamentStatus Status, string? Lake, string? Ramp, int Bags, bool CountsForAnglerOfTheYear)
{
    /// <summary>For the link to the lake's page (set where the list links it).</summary>
    public string? LakeSlug { get; init; }
}

/// <summary>A season's tournaments, oldest first, with their status.</summary>
internal sealed class IndexModel(PodiumDbContext db, ClubSettings settings, ClubStandings standings, TimeProvider time) : PageModel
{
    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public IReadOnlyList<int> Seasons { get; private set; } = [];

    public int Season { get; private set; }

    public IReadOnlyList<TournamentRow> Tournaments { get; private set; } = [];

    public async Task OnGetAsync(int? season, CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        var current = Club.Zone.SeasonOf(time.GetUtcNow().UtcDateTime);
        Seasons = await standings.GetSeasonsAsync(cancellationToken);
        Season = season ?? (Seasons.Contains(current) || Seasons.Count == 0 ? current : Seasons[0]);
        Tournaments = await db.Set<Tournament>().AsNoTracking()
            .Where(t => t.Season == Season)
            .OrderBy(t => t.Event.StartsAt)
            .Select(t => new TournamentRow(t.Id, t.Event.Title, t.Event.StartsAt, t.Status, t.Lake != null ? t.Lake.Name : null, t.Ramp != null ? t.Ramp.Name : null, t.Results.Count, t.CountsForAnglerOfTheYear) { LakeSlug = t.Lake != null ? t.Lake.Slug : null })
            .ToListAsync(cancellationToken);
    }

    public static string StatusText(TournamentStatus status) => status switch
    {
        TournamentStatus.InProgress => "Weigh-in open",
        _ => status.ToString(),
    };
}
