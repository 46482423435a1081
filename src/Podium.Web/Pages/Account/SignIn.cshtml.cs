using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Podium.Platform.RateLimiting;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account;

[EnableRateLimiting(RateLimitPolicies.Account)]
public sealed class SignInModel(AccountService accounts, UserManager<PodiumUser> users, ExternalProviders providers) : PageModel
{
    public IReadOnlyList<ExternalProvider> Providers => providers.All;

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Notice { get; private set; }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "That does not look like an e-mail address.")]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [StringLength(PasswordPolicy.MaximumLength * 2)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        switch (await accounts.SignInAsync(Input.Email, Input.Password, Input.RememberMe))
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(SafeReturnUrl());
            case SignInOutcome.RequiresTwoFactor:
                return RedirectToPage("SignInTwoFactor", new { ReturnUrl = SafeReturnUrl(), Input.RememberMe });
            case SignInOutcome.EmailNotConfirmed:
                if (await users.FindByEmailAsync(Input.Email.Trim()) is { } user)
                {
                    await accounts.SendConfirmationAsync(user, cancellationToken);
                }

                Notice = "Your e-mail address is not confirmed yet. We have sent you a new confirmation link.";
                return Page();
            default:
                ModelState.AddModelError("", "That e-mail and password do not match an account, or the account is locked for 15 minutes after too many attempts.");
                return Page();
        }
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
