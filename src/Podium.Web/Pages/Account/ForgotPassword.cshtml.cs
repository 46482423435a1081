using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Podium.Platform.RateLimiting;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account;

[EnableRateLimiting(RateLimitPolicies.Account)]
public sealed class ForgotPasswordModel(AccountService accounts) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "That does not look like an e-mail address.")]
    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await accounts.RequestPasswordResetAsync(Email, cancellationToken);
        Sent = true;
        return Page();
    }
}
