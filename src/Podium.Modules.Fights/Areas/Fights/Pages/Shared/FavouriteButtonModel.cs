namespace Podium.Modules.Fights.Areas.Fights.Pages.Shared;

/// <summary>What <c>_FavouriteButton</c> needs: the fighter, whether the viewer follows them, and where to come back to.</summary>
internal sealed record FavouriteButtonModel(string Slug, string Name, bool Following, bool SignedIn, string ReturnUrl);
