using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Modules.Fights.Features.Events;
using Podium.Platform.Api;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Events;

/// <summary>Upcoming events soonest first, or past events latest first, a page at a time.</summary>
internal sealed class IndexModel(EventCatalogue catalogue) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "when")]
    public string? RequestedWhen { get; set; }

    /// <summary><c>?p=</c>: <c>page</c> is the route value Razor Pages keeps the page's path in.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int? RequestedPage { get; set; }

    public EventsWhen When { get; private set; }

    /// <summary>Set when <c>?when=</c> was neither upcoming nor past: the page says so and shows upcoming events.</summary>
    public bool UnknownWhen { get; private set; }

    public PagedList<EventSummary> Events { get; private set; } = new([], 1, PageSize, 0);

    public Pager Pager => new(Events.Page, Events.TotalPages, page => $"?when={When.ToApiName()}&p={page}", "Event pages");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        UnknownWhen = !CatalogueText.TryParseWhen(RequestedWhen, out var when);
        When = when;
        // A page past the end shows the last one; a page below 1 shows the first (a hand-edited address is not an error).
        var page = Math.Max(1, RequestedPage ?? 1);
        Events = await catalogue.ListAsync(When, new PageRequest(page, PageSize), cancellationToken);
        if (Events.Items.Count == 0 && Events.TotalPages > 0 && page > Events.TotalPages)
        {
            Events = await catalogue.ListAsync(When, new PageRequest(Events.TotalPages, PageSize), cancellationToken);
        }
    }
}
