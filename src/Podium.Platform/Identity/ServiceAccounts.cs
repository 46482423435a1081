using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Data;

namespace Podium.Platform.Identity;

public sealed record ServiceAccountRow(Guid Id, string DisplayName, IReadOnlyList<string> Roles, DateTime CreatedAt, int ActiveKeys);

/// <summary>
/// Accounts for programs (a results bot, a league's integration): users flagged <see cref="PodiumUser.IsServiceAccount"/>,
/// made by an administrator, with roles like anyone's and no password, e-mail or sign-in; they act only through the API
/// keys administrators give them, so a person leaving does not break the integration they set up.
/// </summary>
public sealed class ServiceAccounts(PodiumDbContext db, UserManager<PodiumUser> users, IAuditLog audit, TimeProvider time)
{
    /// <summary>A reserved domain (RFC 2606): the address is only there because Identity wants a unique one.</summary>
    private const string AddressDomain = "service-accounts.invalid";

    public async Task<IReadOnlyList<ServiceAccountRow>> ListAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var accounts = await db.Users.AsNoTracking().Where(u => u.IsServiceAccount).OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.CreatedAt,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                Keys = db.Set<ApiKey>().Count(k => k.OwnerId == u.Id && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now)),
            })
            .ToListAsync(cancellationToken);
        return [.. accounts.Select(a => new ServiceAccountRow(a.Id, a.DisplayName, [.. a.Roles.Order(StringComparer.Ordinal)], a.CreatedAt, a.Keys))];
    }

    public async Task<PodiumUser?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.IsServiceAccount, cancellationToken);

    public async Task<IdentityResult> CreateAsync(Guid adminId, string name, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        name = name.Trim();
        var wanted = roles.Where(r => Roles.All.Contains(r, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (name.Length is 0 or > PodiumUser.MaxDisplayNameLength)
        {
            return IdentityResult.Failed(new IdentityError { Code = "Name", Description = $"Give the service account a name of 1 to {PodiumUser.MaxDisplayNameLength} characters." });
        }

        if (wanted.Count == 0)
        {
            return IdentityResult.Failed(new IdentityError { Code = "Roles", Description = "Choose at least one role." });
        }

        var user = new PodiumUser { DisplayName = name, EmailConfirmed = true, IsServiceAccount = true, CreatedAt = time.GetUtcNow().UtcDateTime };
        user.UserName = user.Email = $"svc-{user.Id:N}@{AddressDomain}";
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return created;
        }

        await users.AddToRolesAsync(user, wanted);
        await audit.RecordAsync("admin.service-account-create", AuditOutcome.Success, adminId, user.Id.ToString(), new { name, roles = wanted }, cancellationToken);
        return IdentityResult.Success;
    }
}
