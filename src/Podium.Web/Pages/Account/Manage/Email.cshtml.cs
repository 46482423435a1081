using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account.Manage;

public sealed class EmailModel(UserManager<PodiumUser> users, AccountService accounts) : PageModel
{
    public string CurrentEmail { get; private set; } = "";

    public bool Sent { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter the new address.")]
    [EmailAddress(ErrorMessage = "That does not look like an e-mail address.")]
    [StringLength(254)]
    [Display(Name = "New e-mail address")]
    public string NewEmail { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Your password")]
    public string Password { get; set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        CurrentEmail = user.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        CurrentEmail = user.Email ?? "";
        if (string.Equals(NewEmail.Trim(), CurrentEmail, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(NewEmail), "That is already your address.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!await users.CheckPasswordAsync(user, Password))
        {
            ModelState.AddModelError(nameof(Password), "That is not your password.");
            return Page();
        }

        await accounts.RequestEmailChangeAsync(user, NewEmail, cancellationToken);
        Sent = true;
        return Page();
    }
}
