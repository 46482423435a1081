using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Audit;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account;

/// <summary>Signing out is a POST (with the antiforgery token), so a link on another site cannot sign anyone out.</summary>
public sealed class SignOutModel(SignInManager<PodiumUser> signIn, UserManager<PodiumUser> users, IAuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var userId = users.GetUserId(User);
        await signIn.SignOutAsync();
        if (userId is not null)
        {
            await audit.RecordAsync("account.sign-out", AuditOutcome.Success, Guid.Parse(userId), userId);
        }

        return RedirectToPage("/Index");
    }
}
