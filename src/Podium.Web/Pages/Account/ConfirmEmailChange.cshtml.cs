using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account;

public sealed class ConfirmEmailChangeModel(AccountService accounts) : PageModel
{
    public bool Changed { get; private set; }

    public async Task OnGetAsync(Guid userId, string? email, string? code, CancellationToken cancellationToken)
    {
        Changed = userId != Guid.Empty && !string.IsNullOrEmpty(email) && !string.IsNullOrEmpty(code)
            && await accounts.ConfirmEmailChangeAsync(userId, email, code, cancellationToken);
        if (!Changed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
