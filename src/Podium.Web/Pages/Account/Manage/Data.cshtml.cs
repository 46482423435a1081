using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account.Manage;

public sealed class DataModel(UserManager<PodiumUser> users, SignInManager<PodiumUser> signIn, PersonalDataService personalData, TimeProvider time) : PageModel
{
    public bool TwoFactor { get; private set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Your password")]
    public string? Password { get; set; }

    [BindProperty]
    [Display(Name = "Code from your authenticator app")]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        TwoFactor = user.TwoFactorEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostDownloadAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Response.Headers.CacheControl = "no-store";
        var json = await personalData.ExportAsync(user.Id, cancellationToken);
        return File(json, "application/json", $"podium-my-data-{time.GetUtcNow():yyyy-MM-dd}.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        TwoFactor = user.TwoFactorEnabled;
        if (string.IsNullOrEmpty(Password) || !await users.CheckPasswordAsync(user, Password))
        {
            ModelState.AddModelError(nameof(Password), "That is not your password.");
            return Page();
        }

        if (user.TwoFactorEnabled
            && (string.IsNullOrWhiteSpace(Code) || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Code)))
        {
            ModelState.AddModelError(nameof(Code), "That code did not work. Codes work once, and change every 30 seconds.");
            return Page();
        }

        var result = await personalData.DeleteAsync(user, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", "Your account could not be deleted. Nothing was changed; please try again.");
            return Page();
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Deleted");
    }
}
