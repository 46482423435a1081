using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Platform.Admin;

public sealed record UserRow(Guid Id, string Email, string DisplayName, bool EmailConfirmed, bool TwoFactor, bool Locked, DateTime CreatedAt)
{
    /// <summary>Demo data, not a person (<see cref="PodiumUser.IsSample"/>).</summary>
    public bool IsSample { get; init; }
}

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>What administrators do to accounts. Every change is audited with the administrator as actor.</summary>
public sealed class UserAdministration(
    PodiumDbContext db,
    UserManager<PodiumUser> users,
    UserSessions sessions,
    AccountService accounts,
    IAuditLog audit,
    TimeProvider time)
{
    public const int PageSize = 25;

    public async Task<Page<UserRow>> SearchAsync(string? term, int page, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = db.Set<PodiumUser>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(term))
        {
            var upper = term.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.ToUpper().Contains(upper));
        }

        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderBy(u => u.NormalizedEmail).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.EmailConfirmed, u.TwoFactorEnabled, u.LockoutEnd, u.CreatedAt, u.IsSample })
            .ToListAsync(cancellationToken);
        return new Page<UserRow>(
            [.. rows.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.EmailConfirmed, u.TwoFactorEnabled, u.LockoutEnd > now, u.CreatedAt) { IsSample = u.IsSample })],
            page, PageSize, total);
    }

    public async Task LockAsync(Guid adminId, PodiumUser user, CancellationToken cancellationToken)
    {
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        await sessions.RevokeAllAsync(user.Id, keep: null, "locked by an administrator", cancellationToken);
        await audit.RecordAsync("admin.user-lock", AuditOutcome.Success, adminId, user.Id.ToString(), cancellationToken: cancellationToken);
    }

    public async Task UnlockAsync(Guid adminId, PodiumUser user, CancellationToken cancellationToken)
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync("admin.user-unlock", AuditOutcome.Success, adminId, user.Id.ToString(), cancellationToken: cancellationToken);
    }

    /// <summary>Sets exactly these roles. An administrator cannot take the Admin role from themself (no lock-out of the last door).</summary>
    public async Task<IdentityResult> SetRolesAsync(Guid adminId, PodiumUser user, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var wanted = roles.Where(r => Roles.All.Contains(r, StringComparer.Ordinal)).ToHashSet(StringComparer.Ordinal);
        if (user.Id == adminId && !wanted.Contains(Roles.Admin))
        {
            return IdentityResult.Failed(new IdentityError { Code = "OwnAdminRole", Description = "You cannot remove your own administrator role." });
        }

        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        var add = wanted.Except(current).ToList();
        var remove = current.Except(wanted).ToList();
        if (add.Count > 0)
        {
            await users.AddToRolesAsync(user, add);
        }

        if (remove.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, remove);
        }

        if (add.Count + remove.Count > 0)
        {
            // Roles travel in the cookie: end the user's sessions' current view of them within a minute.
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync("admin.user-roles", AuditOutcome.Success, adminId, user.Id.ToString(), new { added = add, removed = remove }, cancellationToken);
        }

        return IdentityResult.Success;
    }

    /// <summary>
    /// The old password stops working, every session ends, and the owner gets a reset link: for an account that may
    /// be compromised.
    /// </summary>
    public async Task RequirePasswordResetAsync(Guid adminId, PodiumUser user, CancellationToken cancellationToken)
    {
        // A random password nobody knows replaces the old one (hash and security stamp change).
        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        await sessions.RevokeAllAsync(user.Id, keep: null, "password reset required by an administrator", cancellationToken);
        await accounts.RequestPasswordResetAsync(user.Email!, cancellationToken);
        await audit.RecordAsync("admin.user-require-password-reset", AuditOutcome.Success, adminId, user.Id.ToString(), cancellationToken: cancellationToken);
    }
}
