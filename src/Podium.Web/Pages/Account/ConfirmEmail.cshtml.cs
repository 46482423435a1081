using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account;

public sealed class ConfirmEmailModel(AccountService accounts) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid userId, string? code)
    {
        Confirmed = userId != Guid.Empty && !string.IsNullOrEmpty(code) && await accounts.ConfirmEmailAsync(userId, code);
        if (!Confirmed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
