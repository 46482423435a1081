using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Modules.Fights.Areas.Fights.Pages.Shared;
using Podium.Modules.Fights.Features.Events;
using Podium.Modules.Fights.Features.Predictions;
using Podium.Platform.Identity;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Events;

/// <summary>
/// One event: the card main event first, each bout in its own block (<c>data-bout-id</c>) with the lines, the result or
/// when predictions lock.
/// </summary>
internal sealed class DetailsModel(EventCatalogue catalogue, BoutPredictions predictions, TimeProvider time) : PageModel
{
    public EventCard Event { get; private set; } = null!;

    /// <summary>The card's bouts in order, each with its <see cref="CardBout.Lock"/>.</summary>
    public IReadOnlyList<CardBout> Bouts => Event.Bouts;

    /// <summary>Each bout's pick form (or, once locked, the viewer's pick and the split), by bout id.</summary>
    public IReadOnlyDictionary<Guid, PredictionFormModel> Predictions { get; private set; } = new Dictionary<Guid, PredictionFormModel>();

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
        var views = await predictions.ForBoutsAsync([.. card.Bouts.Select(b => b.Id)], User.UserId(), cancellationToken);
        var signedIn = User.Identity?.IsAuthenticated == true;
        Predictions = views.ToDictionary(v => v.Key, v => new PredictionFormModel(v.Value, Now, signedIn, $"/fights/events/{slug}"));
        return Page();
    }
}
