using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account.Manage;

public sealed class SessionsModel(UserManager<PodiumUser> users, SignInManager<PodiumUser> signIn, UserSessions sessions) : PageModel
{
    public sealed record Row(Guid Id, string Device, string? IpAddress, DateTime CreatedAt, DateTime LastSeenAt, bool Persistent, bool Current);

    public IReadOnlyList<Row> Sessions { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await users.GetUserAsync(User) is { } user ? await ShowAsync(user, cancellationToken) : Challenge();

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await sessions.RevokeAsync(user.Id, id, cancellationToken) && id == UserSessions.IdOf(User))
        {
            await signIn.SignOutAsync();
            return RedirectToPage("/Account/SignIn");
        }

        Message = "That session is signed out.";
        return await ShowAsync(user, cancellationToken);
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await sessions.RevokeAllAsync(user.Id, keep: null, "signed out everywhere", cancellationToken);
        // Also voids cookies of any session the table does not know (e.g. issued before it existed).
        await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }

    private async Task<IActionResult> ShowAsync(PodiumUser user, CancellationToken cancellationToken)
    {
        var current = UserSessions.IdOf(User);
        Sessions = [.. (await sessions.ActiveAsync(user.Id, cancellationToken))
            .Select(s => new Row(s.Id, Devices.Describe(s.UserAgent), s.IpAddress, s.CreatedAt, s.LastSeenAt, s.Persistent, s.Id == current))];
        return Page();
    }
}
