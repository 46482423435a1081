using Podium.Modules.Club.Features.Standings;
using Podium.Platform.Api;

namespace Podium.Modules.Club.Areas.Club.Pages;

/// <summary>What <c>_SeasonPicker</c> shows: the seasons to choose from and the one on the page.</summary>
internal interface ISeasonChoice
{
    IReadOnlyList<int> Seasons { get; }

    int Season { get; }
}

/// <summary>
/// A page about one season, chosen with <c>?season=</c>: by default the current season when it has counted
/// tournaments, else the latest that has. Its table of anglers pages with <c>?p=</c> (<c>page</c> is the route value Razor Pages keeps the page's path in).
/// </summary>
internal abstract class SeasonPage(ClubSettings settings, ClubStandings standings, TimeProvider time) : PageModel, ISeasonChoice
{
    [BindProperty(SupportsGet = true, Name = "season")]
    public int? Requested { get; set; }

    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public IReadOnlyList<int> Seasons { get; private set; } = [];

    public SeasonBoard Board { get; private set; } = null!;

    public int Season => Board.Season;

    /// <summary>
    /// Anglers per page: a club of up to 200 members reads its whole race on one page, a bigger one pages rather than
    /// sending a table of every angler (1,000 anglers by 12 tournaments is over 1 MB of HTML).
    /// </summary>
    public const int LinesPerPage = PageRequest.MaxPageSize;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? RequestedPage { get; set; }

    /// <summary>This page's anglers; ranks stay the season's, so page 2 starts at rank 201.</summary>
    public PagedList<BoardLine> Lines { get; private set; } = new([], 1, LinesPerPage, 0);

    public Pager Pager => new(Lines.Page, Lines.TotalPages, page => $"?season={Season}&p={page}", "Angler pages");

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
        var pages = Math.Max(1, (Board.Lines.Count + LinesPerPage - 1) / LinesPerPage);
        var page = new PageRequest(Math.Clamp(RequestedPage ?? 1, 1, pages), LinesPerPage);
        Lines = page.Of([.. Board.Lines.Skip(page.Skip).Take(LinesPerPage)], Board.Lines.Count);
        if (!Seasons.Contains(season))
        {
            Seasons = [.. Seasons.Append(season).OrderDescending()];
        }

        return Page();
    }
}
