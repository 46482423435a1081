using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Podium.Platform.RateLimiting;
using Podium.Platform.Audit;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account;

/// <summary>The second step of signing in: a code from the authenticator app, or a recovery code.</summary>
[EnableRateLimiting(RateLimitPolicies.Account)]
public sealed class SignInTwoFactorModel(SignInManager<PodiumUser> signIn, IAuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(20)]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    [BindProperty]
    [Display(Name = "Don't ask again on this device for 30 days")]
    public bool RememberDevice { get; set; }

    [BindProperty]
    public bool UseRecoveryCode { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("SignIn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Code.Replace(" ", "", StringComparison.Ordinal);
        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, RememberDevice);
        var action = UseRecoveryCode ? "account.sign-in-recovery-code" : "account.sign-in-second-factor";
        await audit.RecordAsync(action, result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure,
            result.Succeeded ? user.Id : null, user.Id.ToString(), result.IsLockedOut ? new { reason = "locked out" } : null);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? "Too many wrong codes: the account is locked for 15 minutes."
            : "That code did not work. Codes work once, and change every 30 seconds.");
        return Page();
    }
}
