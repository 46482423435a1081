using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Modules.Fights.Features.Fighters;
using Podium.Modules.Fights.Features.Search;
using Podium.Platform.Api;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Fighters;

/// <summary>Fighters by name, narrowed by class, country, stance and active or retired, a page at a time.</summary>
internal sealed class IndexModel(FighterCatalogue catalogue) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true, Name = "weightClass")]
    public string? WeightClass { get; set; }

    [BindProperty(SupportsGet = true, Name = "country")]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true, Name = "stance")]
    public string? Stance { get; set; }

    /// <summary><c>active</c>, <c>retired</c> or empty for both.</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    /// <summary><c>name</c> (A to Z, the default) or <c>-name</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? RequestedPage { get; set; }

    public IReadOnlyList<string> Countries { get; private set; } = [];

    public bool NameDescending => Sort == "-name";

    /// <summary>Filter values the page did not know, said plainly rather than silently dropped.</summary>
    public List<string> Ignored { get; } = [];

    public PagedList<FighterSummary> Fighters { get; private set; } = new([], 1, PageSize, 0);

    public Pager Pager => new(Fighters.Page, Fighters.TotalPages, page => Link(p: page), "Fighter pages");

    /// <summary>This list's address with the current filters, the sort or page changed.</summary>
    public string Link(string? sort = null, int? p = null)
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in new[] { ("weightClass", WeightClass), ("country", Country), ("stance", Stance), ("status", Status), ("sort", sort ?? Sort) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(key, value);
            }
        }

        if (p is > 1)
        {
            query.Add("p", p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return "/fights/fighters" + query.ToQueryString();
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        WeightClass? weightClass = null;
        if (!string.IsNullOrEmpty(WeightClass))
        {
            if (ApiEnums.TryParse<WeightClass>(WeightClass, out var parsed))
            {
                // Links from here on spell it as the API does, whatever case an old link used.
                weightClass = parsed;
                WeightClass = parsed.ToApiName();
            }
            else
            {
                Ignored.Add("weight class");
                WeightClass = null;
            }
        }

        Stance? stance = null;
        if (!string.IsNullOrEmpty(Stance))
        {
            if (ApiEnums.TryParse<Stance>(Stance, out var parsed))
            {
                stance = parsed;
                Stance = parsed.ToApiName();
            }
            else
            {
                Ignored.Add("stance");
                Stance = null;
            }
        }

        bool? active = null;
        if (!string.IsNullOrEmpty(Status))
        {
            if (ApiEnums.TryParse<FighterStatus>(Status, out var parsed))
            {
                active = parsed == FighterStatus.Active;
                Status = parsed.ToApiName();
            }
            else
            {
                Ignored.Add("status");
                Status = null;
            }
        }

        Countries = await catalogue.CountriesAsync(cancellationToken);
        var filter = new FighterFilter(weightClass, Country, stance, active, NameDescending);
        var page = Math.Max(1, RequestedPage ?? 1);
        Fighters = await catalogue.ListAsync(filter, new PageRequest(page, PageSize), cancellationToken);
        if (Fighters.Items.Count == 0 && Fighters.TotalPages > 0 && page > Fighters.TotalPages)
        {
            Fighters = await catalogue.ListAsync(filter, new PageRequest(Fighters.TotalPages, PageSize), cancellationToken);
        }
    }
}
