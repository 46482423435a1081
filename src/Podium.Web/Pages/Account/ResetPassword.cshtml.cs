using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Podium.Platform.RateLimiting;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account;

[EnableRateLimiting(RateLimitPolicies.Account)]
public sealed class ResetPasswordModel(AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose a new password.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Repeat the new password.")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [Display(Name = "Repeat the new password")]
    public string ConfirmPassword { get; set; } = "";

    public bool Done { get; private set; }

    public bool LinkBroken => UserId == Guid.Empty || string.IsNullOrEmpty(Code);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (LinkBroken || !ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.ResetPasswordAsync(UserId, Code!, Password, cancellationToken);
        if (result.Succeeded)
        {
            Done = true;
            return Page();
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Password) : "",
                error.Code == "InvalidToken" ? "This reset link is used, expired or incomplete. Ask for a new one." : error.Description);
        }

        return Page();
    }
}
