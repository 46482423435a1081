using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Areas.Fights.Pages.Shared;
using Podium.Modules.Fights.Features.Favourites;
using Podium.Platform.Api;
using Podium.Platform.Identity;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Favourites;

/// <summary>
/// The fighters the user follows, each with their next bout and last result. Every follow button on the site posts
/// here: a plain post comes back to where it was sent from, an htmx one gets the button back in its new state.
/// </summary>
[Authorize]
internal sealed class FavouritesModel(FightFavourites favourites) : PageModel
{
    public const string Path = "/fights/favourites";

    /// <summary>Followed fighters the page lists; the API pages through any number.</summary>
    private const int Shown = 200;

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? ReturnUrl { get; set; }

    public PagedList<FavouriteFighter> Fighters { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Fighters = await favourites.ListAsync(User.UserId()!.Value, new PageRequest(1, Shown), cancellationToken);

    public Task<IActionResult> OnPostFollowAsync(CancellationToken cancellationToken) => ChangeAsync(follow: true, cancellationToken);

    public Task<IActionResult> OnPostUnfollowAsync(CancellationToken cancellationToken) => ChangeAsync(follow: false, cancellationToken);

    private async Task<IActionResult> ChangeAsync(bool follow, CancellationToken cancellationToken)
    {
        var userId = User.UserId()!.Value;
        var slug = Slug ?? "";
        string? name = null;
        bool succeeded;
        if (follow)
        {
            var followed = await favourites.FollowAsync(userId, slug, cancellationToken);
            (succeeded, name) = (followed.Succeeded, followed.Value?.Fighter.Name);
        }
        else
        {
            succeeded = (await favourites.UnfollowAsync(userId, slug, cancellationToken)).Succeeded;
        }

        if (!succeeded)
        {
            // The only refusal is a fighter that is not there (a stale page, an edited form).
            Error = "There is no such fighter to follow.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            Fighters = await favourites.ListAsync(userId, new PageRequest(1, Shown), cancellationToken);
            return Page();
        }

        var back = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Path;
        if (Request.Headers["HX-Request"] == "true")
        {
            name ??= await favourites.FighterNameAsync(slug, cancellationToken) ?? slug;
            return Partial("_FavouriteButton", new FavouriteButtonModel(slug, name, follow, SignedIn: true, back));
        }

        return LocalRedirect(back);
    }
}
