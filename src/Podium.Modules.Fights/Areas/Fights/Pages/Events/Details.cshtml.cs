using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Modules.Fights.Features.Events;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Events;

/// <summary>
/// One event: the card main event first, each bout in its own block (<c>data-bout-id</c>) with the lines, the result or
/// when predictions lock.
/// </summary>
internal sealed class DetailsModel(EventCatalogue catalogue, TimeProvider time) : PageModel
{
    public EventCard Event { get; private set; } = null!;

    /// <summary>The card's bouts in order, each with its <see cref="CardBout.Lock"/>.</summary>
    public IReadOnlyList<CardBout> Bouts => Event.Bouts;

    /// <summary>The render's own clock, for the countdowns.</summary>
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!CatalogueText.IsSlug(slug) || await catalogue.GetAsync(slug, cancellationToken) is not { } card)
        {
            return NotFound();
        }

        Event = card;
        Now = time.GetUtcNow().UtcDateTime;
        return Page();
    }
}
