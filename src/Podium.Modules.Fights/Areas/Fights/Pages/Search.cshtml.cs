using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Features.Search;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Data;

namespace Podium.Modules.Fights.Areas.Fights.Pages;

/// <summary>
/// <c>/fights/search</c>: a GET form (works without script; the search box's dropdown is fights-suggest.js on top),
/// ranked results a page at a time. Bad filters get a message on the page (status 400), never an error page.
/// </summary>
internal sealed class SearchModel(FighterSearch search, PodiumDbContext db) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "q")] public string? Q { get; set; }

    [FromQuery(Name = "weightClass")] public string? WeightClass { get; set; }

    [FromQuery(Name = "stance")] public string? Stance { get; set; }

    [FromQuery(Name = "style")] public string? Style { get; set; }

    [FromQuery(Name = "country")] public string? Country { get; set; }

    [FromQuery(Name = "status")] public string? Status { get; set; }

    [FromQuery(Name = "minWins")] public string? MinWins { get; set; }

    [FromQuery(Name = "maxWins")] public string? MaxWins { get; set; }

    [FromQuery(Name = "minLosses")] public string? MinLosses { get; set; }

    [FromQuery(Name = "maxLosses")] public string? MaxLosses { get; set; }

    [FromQuery(Name = "page")] public string? PageText { get; set; }

    /// <summary>What was wrong with the request, one line per field, shown above the form.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Null before a search (nothing typed or chosen) and when the request was refused.</summary>
    public PagedList<FighterSearchHit>? Results { get; private set; }

    public IReadOnlyList<string> Countries { get; private set; } = [];

    public IReadOnlyList<string> Styles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Countries = await db.Set<Fighter>().Where(f => f.Country != null).Select(f => f.Country!).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        Styles = await db.Set<Fighter>().Where(f => f.Style != null).Select(f => f.Style!).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);

        var pageNumber = 1;
        if (!string.IsNullOrWhiteSpace(PageText) && (!int.TryParse(PageText, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
        {
            Problems.Add("Page: a whole number from 1.");
        }

        var raw = new FighterSearchParameters(Q, WeightClass, Stance, Style, Country, Status, MinWins, MaxWins, MinLosses, MaxLosses);
        if (!FighterSearchQuery.TryParse(raw, textRequired: false, out var query, out var errors))
        {
            Problems.AddRange(errors.Select(e => $"{Label(e.Key)}: {string.Join(" ", e.Value)}"));
        }

        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!query.HasText && raw with { Q = null } == new FighterSearchParameters())
        {
            return;
        }

        Results = await search.SearchAsync(query, new PageRequest(pageNumber, PageSize), cancellationToken);
    }

    /// <summary>This search's link with another page number: the filters ride along.</summary>
    public string PageLink(int page)
    {
        var query = Request.Query.Where(p => p.Key != "page" && !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.ToString())}")
            .Append($"page={page}");
        return "/fights/search?" + string.Join("&", query);
    }

    private static string Label(string field) => field switch
    {
        "q" => "Search text",
        "weightClass" => "Weight class",
        "stance" => "Stance",
        "style" => "Style",
        "country" => "Country",
        "status" => "Active or retired",
        "minWins" => "Fewest wins",
        "maxWins" => "Most wins",
        "minLosses" => "Fewest losses",
        "maxLosses" => "Most losses",
        _ => field,
    };
}
