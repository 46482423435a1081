using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Audit;
using Podium.Platform.Identity;
using Podium.Platform.Settings;

namespace Podium.Web.Pages.Account.Manage;

public sealed class TwoFactorModel(UserManager<PodiumUser> users, SignInManager<PodiumUser> signIn, ISettingsStore settings, IAuditLog audit) : PageModel
{
    public const int RecoveryCodeCount = 10;

    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public AuthenticatorSetup? Setup { get; private set; }

    /// <summary>Shown once, right after they are made; only their hashes are stored.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    [BindProperty]
    [Display(Name = "Code from the app")]
    public string? Code { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Your password")]
    public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is { } user ? await ShowAsync(user) : Challenge();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (string.IsNullOrWhiteSpace(Code)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Code))
        {
            ModelState.AddModelError(nameof(Code), "That code did not match. Check the app shows Podium, then enter the current code.");
            return await ShowAsync(user);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.RecordAsync("account.two-factor-on", AuditOutcome.Success, user.Id, user.Id.ToString());
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        // Turning it on renewed the security stamp (ending other sessions); this one carries on.
        await signIn.RefreshSignInAsync(user);
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
            await audit.RecordAsync("account.recovery-codes-renewed", AuditOutcome.Success, user.Id, user.Id.ToString());
        }

        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(Password) || !await users.CheckPasswordAsync(user, Password))
        {
            ModelState.AddModelError(nameof(Password), "That is not your password.");
            await audit.RecordAsync("account.two-factor-off", AuditOutcome.Failure, user.Id, user.Id.ToString(), new { reason = "wrong password" });
            return await ShowAsync(user);
        }

        // A new key voids the old app entry; unused recovery codes are replaced when it is turned on again.
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync("account.two-factor-off", AuditOutcome.Success, user.Id, user.Id.ToString());
        await signIn.RefreshSignInAsync(user);
        return await ShowAsync(user);
    }

    private async Task<IActionResult> ShowAsync(PodiumUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Code = null;
        Password = null;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return Page();
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var issuer = await settings.GetSiteNameAsync(HttpContext.RequestAborted);
        Setup = Authenticator.Describe(issuer, user.Email!, key!);
        return Page();
    }
}
