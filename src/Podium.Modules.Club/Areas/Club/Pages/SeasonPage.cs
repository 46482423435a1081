using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Club.Features.Standings;

namespace Podium.Modules.Club.Areas.Club.Pages;

/// <summary>What <c>_SeasonPicker</c> shows: the seasons to choose from and the one on the page.</summary>
internal interface ISeasonChoice
{
    IReadOnlyList<int> Seasons { get; }

    int Season { get; }
}

/// <summary>
/// A page about one season, chosen with <c>?season=</c>: by default the current season when it has counted
/// tournaments, else the latest that has.
/// </summary>
internal abstract class SeasonPage(ClubSettings settings, ClubStandings standings, TimeProvider time) : PageModel, ISeasonChoice
{
    [BindProperty(SupportsGet = true, Name = "season")]
    public int? Requested { get; set; }

    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public IReadOnlyList<int> Seasons { get; private set; } = [];

    public SeasonBoard Board { get; private set; } = null!;

    public int Season => Board.Season;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        Seasons = await standings.GetSeasonsAsync(cancellationToken);
        var current = Club.Zone.SeasonOf(time.GetUtcNow().UtcDateTime);
        var season = Requested ?? (Seasons.Contains(current) ? current : Seasons.Where(s => s <= current).DefaultIfEmpty(current).Max());
        if (season is < ClubStandingsApi.FirstSeason or > ClubStandingsApi.LastSeason)
        {
            return NotFound();
        }

        Board = await standings.GetSeasonAsync(season, cancellationToken);
        if (!Seasons.Contains(season))
        {
            Seasons = [.. Seasons.Append(season).OrderDescending()];
        }

        return Page();
    }
}
