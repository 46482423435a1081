using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account.Manage;

public sealed class ChangePasswordModel(UserManager<PodiumUser> users, AccountService accounts) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Choose a new password.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Repeat the new password.")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
    [Display(Name = "Repeat the new password")]
    public string ConfirmPassword { get; set; } = "";

    public bool Changed { get; private set; }

    public int MinimumLength { get; private set; } = PasswordPolicy.MinimumLengthWithoutSecondFactor;

    public async Task OnGetAsync() => MinimumLength = PasswordPolicy.MinimumLength((await users.GetUserAsync(User))?.TwoFactorEnabled ?? false);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        MinimumLength = PasswordPolicy.MinimumLength(user.TwoFactorEnabled);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.ChangePasswordAsync(user, UserSessions.IdOf(User), CurrentPassword, NewPassword, cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(CurrentPassword) : nameof(NewPassword),
                    error.Code == "PasswordMismatch" ? "That is not your current password." : error.Description);
            }

            return Page();
        }

        Changed = true;
        return Page();
    }
}
