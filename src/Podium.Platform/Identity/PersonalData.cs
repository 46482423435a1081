using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;

namespace Podium.Platform.Identity;

/// <summary>
/// A part of Podium that holds data about people (each module has one). Export returns what it holds about the
/// person; erase removes what is personal and anonymises what must stay (a pick in a finished league, a weigh-in).
/// </summary>
public interface IPersonalDataContributor
{
    /// <summary>Section name in the export, e.g. <c>club</c>.</summary>
    string Section { get; }

    Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Part of deleting the account: runs in its transaction (with every other part's erase and the account's deletion,
    /// and again if that transaction is retried), so it saves but drops no cached copies: that is <see cref="ErasedAsync"/>.
    /// </summary>
    Task EraseAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>After the deletion committed: drops what is cached about what was erased.</summary>
    Task ErasedAsync(Guid userId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The platform's own part: the account, its sessions, and the audit events about it.</summary>
internal sealed class AccountPersonalData(PodiumDbContext db, UserManager<PodiumUser> users) : IPersonalDataContributor
{
    public string Section => "account";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return null;
        }

        var asText = userId.ToString();
        return new
        {
            id = user.Id,
            email = user.Email,
            emailConfirmed = user.EmailConfirmed,
            displayName = user.DisplayName,
            timeZone = user.TimeZone,
            createdAtUtc = user.CreatedAt,
            roles = await users.GetRolesAsync(user),
            twoFactorEnabled = user.TwoFactorEnabled,
            externalLogins = (await users.GetLoginsAsync(user)).Select(l => new { provider = l.LoginProvider, name = l.ProviderDisplayName }),
            sessions = await db.Set<UserSession>().AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
                .Select(s => new { s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.RevokedAt, s.IpAddress, s.UserAgent }).ToListAsync(cancellationToken),
            auditEvents = await db.Set<AuditEvent>().AsNoTracking().Where(e => e.ActorId == userId || e.Target == asText).OrderBy(e => e.Id)
                .Select(e => new { e.OccurredAt, e.Action, e.Outcome, e.IpAddress, e.UserAgent, e.Details }).ToListAsync(cancellationToken),
        };
    }

    // The account row itself is deleted last by PersonalDataService; its sessions, tokens and roles go with it.
    public Task EraseAsync(Guid userId, CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class PersonalDataService(
    IEnumerable<IPersonalDataContributor> contributors,
    UserManager<PodiumUser> users,
    PodiumDbContext db,
    IPodiumCache cache,
    IAuditLog audit,
    TimeProvider time)
{
    public async Task<byte[]> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var export = new Dictionary<string, object?>
        {
            ["exportedAtUtc"] = time.GetUtcNow().UtcDateTime,
            ["about"] = "Everything Podium holds about you, by part of the site.",
        };
        foreach (var contributor in contributors)
        {
            export[contributor.Section] = await contributor.ExportAsync(userId, cancellationToken);
        }

        await audit.RecordAsync("account.data-exported", AuditOutcome.Success, userId, userId.ToString(), cancellationToken: cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(export, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true });
    }

    /// <summary>
    /// Erases the account. The audit trail keeps its rows (they cannot change without breaking the chain): they name
    /// the person only by the account id, which after this maps to no one.
    /// </summary>
    public async Task<IdentityResult> DeleteAsync(PodiumUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        try
        {
            // One transaction: every part's erase and the account's deletion commit together, or none does (an account
            // that could not be deleted keeps all its data, as the page tells the person).
            await db.InTransactionAsync(async ct =>
            {
                foreach (var contributor in contributors)
                {
                    await contributor.EraseAsync(user.Id, ct);
                }

                var deleted = await users.DeleteAsync(user);
                if (!deleted.Succeeded)
                {
                    throw new AccountNotDeletedException(deleted);
                }

                await audit.RecordInTransactionAsync(db, "account.deleted", AuditOutcome.Success, user.Id, user.Id.ToString(), cancellationToken: ct);
            }, cancellationToken: cancellationToken);
        }
        catch (AccountNotDeletedException notDeleted)
        {
            return notDeleted.Result;
        }

        foreach (var contributor in contributors)
        {
            await contributor.ErasedAsync(user.Id, cancellationToken);
        }

        // The store drops them too, but inside the transaction: a reader in between could have cached them again.
        await cache.InvalidateTagAsync(ApiKeyCache.UserTag(user.Id), cancellationToken);
        return IdentityResult.Success;
    }

    /// <summary>Rolls the deletion's transaction back when Identity refuses to delete the account.</summary>
    private sealed class AccountNotDeletedException(IdentityResult result) : Exception("The account could not be deleted.")
    {
        public IdentityResult Result { get; } = result;
    }
}
