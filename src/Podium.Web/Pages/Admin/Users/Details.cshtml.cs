using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Admin;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Admin.Users;

public sealed class DetailsModel(
    UserManager<PodiumUser> users,
    UserAdministration administration,
    UserSessions sessions,
    AuditQuery audit,
    TimeProvider time) : PageModel
{
    public PodiumUser Account { get; private set; } = null!;

    public IReadOnlyList<string> AccountRoles { get; private set; } = [];

    public bool Locked { get; private set; }

    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];

    public IReadOnlyList<AuditRow> Trail { get; private set; } = [];

    public string? Message { get; private set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostLockAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "The account is locked and signed out everywhere.", (admin, user) => administration.LockAsync(admin, user, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "The account is unlocked.", (admin, user) => administration.UnlockAsync(admin, user, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRequireResetAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "The old password no longer works; the owner was sent a reset link and signed out everywhere.",
            (admin, user) => administration.RequirePasswordResetAsync(admin, user, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRevokeSessionAsync(Guid id, Guid session, CancellationToken cancellationToken) =>
        ActAsync(id, "The session is signed out.", (_, user) => sessions.RevokeAsync(user.Id, session, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRolesAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return NotFound();
        }

        var result = await administration.SetRolesAsync(AdminId, user, Roles, cancellationToken);
        Message = result.Succeeded ? "Roles saved." : string.Join(" ", result.Errors.Select(e => e.Description));
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private Guid AdminId => Guid.Parse(users.GetUserId(User)!);

    private async Task<IActionResult> ActAsync(Guid id, string done, Func<Guid, PodiumUser, Task> action, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return NotFound();
        }

        await action(AdminId, user);
        Message = done;
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return false;
        }

        Account = user;
        AccountRoles = [.. await users.GetRolesAsync(user)];
        Locked = user.LockoutEnd > time.GetUtcNow();
        Sessions = await sessions.ActiveAsync(user.Id, cancellationToken);
        Trail = (await audit.SearchAsync(new AuditFilter(null, user.Id, null, null, null), 1, cancellationToken)).Items;
        return true;
    }
}
