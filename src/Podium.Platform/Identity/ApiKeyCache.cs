using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Caching;
using Podium.Platform.Data;

namespace Podium.Platform.Identity;

/// <summary>Which key a public prefix belongs to. Never changes once written, so it needs no invalidation.</summary>
internal sealed record ApiKeyRef(Guid KeyId, Guid OwnerId);

internal sealed record ApiKeySecretState(string Prefix, string Hash, DateTime? ExpiresAt);

/// <summary>Everything a request with the key needs to be decided without the database.</summary>
internal sealed record ApiKeyState(
    Guid KeyId,
    Guid OwnerId,
    IReadOnlyList<ApiKeySecretState> Secrets,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Networks,
    bool RequiresSignature,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    IReadOnlyList<string> OwnerRoles,
    DateTime? OwnerLockedUntil);

/// <summary>
/// Key lookups through <see cref="IPodiumCache"/>: an authenticated API request costs two in-process cache hits, not
/// database queries. A key's entry is tagged with the key and its owner: revoking or rotating the key, and any change
/// to the owner (roles, lock, deletion, through <see cref="PodiumUserStore"/>), drop it on every instance.
/// </summary>
internal sealed class ApiKeyCache(IPodiumCache cache, IServiceScopeFactory scopes)
{
    public static string KeyFor(string prefix) => $"apikey:prefix:{prefix}";

    public static string TagFor(Guid keyId) => $"apikey:{keyId:N}";

    /// <summary>The tag of everything cached about a user's rights; <see cref="PodiumUserStore"/> invalidates it.</summary>
    public static string UserTag(Guid userId) => $"user:{userId:N}";

    public async ValueTask<ApiKeyState?> FindAsync(string prefix, CancellationToken cancellationToken)
    {
        var reference = await cache.GetOrCreateAsync(KeyFor(prefix), token => LoadRefAsync(prefix, token), cancellationToken: cancellationToken);
        if (reference is null)
        {
            return null;
        }

        return await cache.GetOrCreateAsync(
            $"apikey:state:{reference.KeyId:N}",
            token => LoadStateAsync(reference, token),
            [TagFor(reference.KeyId), UserTag(reference.OwnerId)],
            cancellationToken: cancellationToken);
    }

    private async ValueTask<ApiKeyRef?> LoadRefAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        return await db.Set<ApiKeySecret>().AsNoTracking()
            .Where(s => s.Prefix == prefix)
            .Join(db.Set<ApiKey>(), s => s.ApiKeyId, k => k.Id, (s, k) => new ApiKeyRef(k.Id, k.OwnerId))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async ValueTask<ApiKeyState?> LoadStateAsync(ApiKeyRef reference, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var key = await db.Set<ApiKey>().AsNoTracking().Include(k => k.Secrets).FirstOrDefaultAsync(k => k.Id == reference.KeyId, cancellationToken);
        var owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == reference.OwnerId, cancellationToken);
        if (key is null || owner is null)
        {
            return null;
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == owner.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
        return new ApiKeyState(
            key.Id,
            key.OwnerId,
            [.. key.Secrets.Select(s => new ApiKeySecretState(s.Prefix, s.Hash, s.ExpiresAt))],
            ApiKeyService.Split(key.Scopes),
            ApiKeyService.Split(key.AllowedNetworks),
            key.RequiresSignature,
            key.ExpiresAt,
            key.RevokedAt,
            roles,
            owner.LockoutEnabled && owner.LockoutEnd is { } end ? end.UtcDateTime : null);
    }
}
