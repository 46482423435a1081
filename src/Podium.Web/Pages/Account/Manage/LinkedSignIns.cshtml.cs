using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account.Manage;

/// <summary>The external providers linked to the account: link another, or remove one that is not the last way in.</summary>
public sealed class LinkedSignInsModel(UserManager<PodiumUser> users, SignInManager<PodiumUser> signIn, ExternalAccounts external, ExternalProviders providers) : PageModel
{
    public IReadOnlyList<LinkedSignIn> Linked { get; private set; } = [];

    public IReadOnlyList<ExternalProvider> Available { get; private set; } = [];

    public bool HasPassword { get; private set; }

    public bool CanUnlink { get; private set; }

    public string? Message { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is { } user ? await ShowAsync(user) : Challenge();

    public async Task<IActionResult> OnPostLinkAsync(string? provider)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (providers.Find(provider) is not { } chosen)
        {
            Problem = "That sign-in provider is not available.";
            return await ShowAsync(user);
        }

        // A leftover external sign-in from an unfinished round trip must not be mistaken for this one.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var callback = Url.Page("/Account/Manage/LinkedSignIns", "LinkCallback");
        // The account id goes along (protected in the state): the answer is accepted only for this same account.
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(chosen.Scheme, callback, user.Id.ToString()), chosen.Scheme);
    }

    public async Task<IActionResult> OnGetLinkCallbackAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var info = await signIn.GetExternalLoginInfoAsync(user.Id.ToString());
        if (info is null)
        {
            Problem = "Linking did not finish: it took too long, or the answer did not belong to a link started here. Please try again.";
        }
        else if (await external.LinkToSignedInAsync(user, info, cancellationToken))
        {
            Message = $"{info.ProviderDisplayName ?? info.LoginProvider} is linked: you can sign in with it from now on.";
        }
        else
        {
            Problem = $"That {info.ProviderDisplayName ?? info.LoginProvider} account is already linked to a Podium account.";
        }

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? provider, string? key, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var outcome = string.IsNullOrEmpty(provider) || string.IsNullOrEmpty(key)
            ? UnlinkOutcome.NotFound
            : await external.UnlinkAsync(user, provider, key, UserSessions.IdOf(User), cancellationToken);
        switch (outcome)
        {
            case UnlinkOutcome.Removed:
                Message = "The linked sign-in is removed. Other devices signed in to your account are signed out.";
                break;
            case UnlinkOutcome.LastWayToSignIn:
                Problem = "This is the only way you can sign in, so it cannot be removed. Set a password first (use \"Forgot your password?\" on the sign-in page), or link another provider.";
                break;
            default:
                Problem = "That linked sign-in was not found; nothing was changed.";
                break;
        }

        return await ShowAsync(user);
    }

    private async Task<IActionResult> ShowAsync(PodiumUser user)
    {
        Linked = await external.LinkedAsync(user);
        HasPassword = await users.HasPasswordAsync(user);
        CanUnlink = await external.CanUnlinkAsync(user);
        Available = [.. providers.All];
        return Page();
    }
}
