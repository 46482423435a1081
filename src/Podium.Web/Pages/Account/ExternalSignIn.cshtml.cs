using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Podium.Platform.Identity;
using Podium.Platform.RateLimiting;

namespace Podium.Web.Pages.Account;

/// <summary>
/// Signing in with an external provider: starts the round trip, takes the provider's answer, and when the sign-in is
/// not linked to an account yet, lets the person link theirs (with its password) or make a new one.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.Account)]
public sealed class ExternalSignInModel(SignInManager<PodiumUser> signIn, ExternalAccounts external, ExternalProviders providers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public LinkInput Link { get; set; } = new();

    [BindProperty]
    public CreateInput Create { get; set; } = new();

    /// <summary>Set while the person chooses between linking an account and making one.</summary>
    public ExternalIdentity? Identity { get; private set; }

    public string Heading { get; private set; } = "Sign in";

    public string? Problem { get; private set; }

    public string? Notice { get; private set; }

    public sealed class LinkInput
    {
        [Required(ErrorMessage = "Enter the e-mail address of your Podium account.")]
        [EmailAddress(ErrorMessage = "That does not look like an e-mail address.")]
        [StringLength(254)]
        [Display(Name = "E-mail address of your Podium account")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your Podium password.")]
        [DataType(DataType.Password)]
        [StringLength(PasswordPolicy.MaximumLength * 2)]
        [Display(Name = "Podium password")]
        public string Password { get; set; } = "";
    }

    public sealed class CreateInput
    {
        [Required(ErrorMessage = "Tell us the name to show to others.")]
        [StringLength(PodiumUser.MaxDisplayNameLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";
    }

    public IActionResult OnGet() => RedirectToPage("SignIn", new { ReturnUrl });

    /// <summary>A "Sign in with …" button: off to the provider.</summary>
    public IActionResult OnPost(string? provider)
    {
        if (providers.Find(provider) is not { } chosen)
        {
            return Stop("Sign-in did not start", "That sign-in provider is not available. Choose another way to sign in.");
        }

        var callback = Url.Page("/Account/ExternalSignIn", "Callback", new { ReturnUrl = SafeReturnUrl() });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(chosen.Scheme, callback), chosen.Scheme);
    }

    /// <summary>Back from the provider, signed in there.</summary>
    public async Task<IActionResult> OnGetCallbackAsync(CancellationToken cancellationToken)
    {
        if (await signIn.GetExternalLoginInfoAsync() is not { } info)
        {
            return Expired();
        }

        return await ShowAsync(info, await external.SignInAsync(info, cancellationToken));
    }

    /// <summary>A provider's failure or refusal (see ExternalSignInSetup): a plain message, nobody signed in.</summary>
    public IActionResult OnGetFailed(string? provider, string? reason)
    {
        var name = providers.Find(provider)?.DisplayName ?? "the provider";
        return Stop("Sign-in did not finish", reason == "cancelled"
            ? $"Signing in with {name} was cancelled, so you are not signed in. Nothing was changed."
            : $"Signing in with {name} did not work, so you are not signed in. It may have taken too long, or the answer did not match a sign-in started here. Please try again.");
    }

    public Task<IActionResult> OnPostLinkAsync(CancellationToken cancellationToken) =>
        ChooseAsync(Link, nameof(Link), info => external.LinkWithPasswordAsync(info, Link.Email, Link.Password, cancellationToken));

    public Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken) =>
        ChooseAsync(Create, nameof(Create), info => external.CreateAccountAsync(info, Create.DisplayName, cancellationToken));

    /// <summary>One of the two forms of the choice: only its own fields are validated (both are bound).</summary>
    private async Task<IActionResult> ChooseAsync(object input, string prefix, Func<ExternalLoginInfo, Task<ExternalSignInOutcome>> act)
    {
        if (await signIn.GetExternalLoginInfoAsync() is not { } info)
        {
            return Expired();
        }

        ModelState.Clear();
        return TryValidateModel(input, prefix) ? await ShowAsync(info, await act(info)) : Choose(info);
    }

    private async Task<IActionResult> ShowAsync(ExternalLoginInfo info, ExternalSignInOutcome outcome)
    {
        switch (outcome)
        {
            case ExternalSignInOutcome.SignedIn:
                return LocalRedirect(SafeReturnUrl());
            case ExternalSignInOutcome.RequiresTwoFactor:
                return RedirectToPage("SignInTwoFactor", new { ReturnUrl = SafeReturnUrl(), RememberMe = false });
            case ExternalSignInOutcome.CheckEmail:
                await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
                return RedirectToPage("CheckEmail");
            case ExternalSignInOutcome.LockedOut:
                return Stop("Sign-in did not finish", "This account is locked for now after too many attempts. Try again in 15 minutes, or reset your password.");
            case ExternalSignInOutcome.EmailNotConfirmed:
                Heading = "Confirm your e-mail address";
                Notice = "Your e-mail address is not confirmed yet. We have sent you a new confirmation link; follow it, then sign in again.";
                return Page();
            case ExternalSignInOutcome.WrongPassword:
                ModelState.AddModelError("Link.Password", "That e-mail and password do not match an account, or the account is locked for 15 minutes after too many attempts.");
                return Choose(info);
            case ExternalSignInOutcome.NoEmail:
                ModelState.AddModelError("", $"{info.ProviderDisplayName ?? info.LoginProvider} did not share an e-mail address, so we cannot make an account from it.");
                return Choose(info);
            default:
                return Choose(info);
        }
    }

    private PageResult Choose(ExternalLoginInfo info)
    {
        Identity = ExternalIdentity.From(info);
        Heading = $"Finish signing in with {Identity.ProviderDisplayName}";
        if (string.IsNullOrEmpty(Link.Email))
        {
            Link.Email = Identity.Email ?? "";
        }

        if (string.IsNullOrEmpty(Create.DisplayName))
        {
            Create.DisplayName = Identity.Name ?? "";
        }

        Link.Password = "";
        return Page();
    }

    private PageResult Expired() =>
        Stop("Sign-in did not finish", "Your sign-in with the provider has expired or was not started here. Please start again.");

    private PageResult Stop(string heading, string problem)
    {
        Heading = heading;
        Problem = problem;
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
