using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Security;

namespace Podium.Platform.Identity;

/// <summary>A credential for a program, acting for its owner (a person, or a service account) within its scopes.</summary>
public sealed class ApiKey
{
    public const int MaxNameLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OwnerId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Space-separated scope names.</summary>
    public string Scopes { get; set; } = "";

    /// <summary>Space-separated CIDR ranges the key may be used from; empty: anywhere.</summary>
    public string AllowedNetworks { get; set; } = "";

    /// <summary>Every request must carry an HMAC signature made with the key (docs/API.md).</summary>
    public bool RequiresSignature { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Who made it (the owner, or an administrator for a service account); null when made with the CLI.</summary>
    public Guid? CreatedBy { get; set; }

    /// <summary>UTC; null: until revoked.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>UTC; written at most once a minute per instance.</summary>
    public DateTime? LastUsedAt { get; set; }

    public string? LastUsedIp { get; set; }

    public List<ApiKeySecret> Secrets { get; set; } = [];
}

/// <summary>One secret of a key: the current one, and after a rotation the previous one until its grace period ends.</summary>
public sealed class ApiKeySecret
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ApiKeyId { get; set; }

    /// <summary>The public characters after <c>pod_</c> (<see cref="ApiKeyFormat.PrefixLength"/>), unique.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the whole key, lower-case hex.</summary>
    public string Hash { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC; set when the key is rotated (the end of the grace period); null while current.</summary>
    public DateTime? ExpiresAt { get; set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("platform_api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength);
        builder.Property(k => k.Scopes).HasMaxLength(1000);
        builder.Property(k => k.AllowedNetworks).HasMaxLength(2000);
        builder.Property(k => k.LastUsedIp).HasMaxLength(45);
        builder.HasIndex(k => k.OwnerId);
        builder.HasOne<PodiumUser>().WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(k => k.Secrets).WithOne().HasForeignKey(s => s.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeySecretConfiguration : IEntityTypeConfiguration<ApiKeySecret>
{
    public void Configure(EntityTypeBuilder<ApiKeySecret> builder)
    {
        builder.ToTable("platform_api_key_secrets");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Prefix).HasMaxLength(ApiKeyFormat.PrefixLength);
        builder.Property(s => s.Hash).HasMaxLength(64);
        builder.HasIndex(s => s.Prefix).IsUnique();
    }
}

/// <summary>What a key page shows about a key (never its secret).</summary>
public sealed record ApiKeySummary(
    Guid Id,
    string Name,
    string Display,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> AllowedNetworks,
    bool RequiresSignature,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    DateTime? LastUsedAt,
    string? LastUsedIp,
    DateTime? PreviousSecretExpiresAt)
{
    public bool Active(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>What a person asks for when creating a key; checked by <see cref="ApiKeyService.CreateAsync"/>.</summary>
public sealed record ApiKeyRequest(string? Name, IReadOnlyCollection<string>? Scopes, DateTime? ExpiresAt, string? AllowedNetworks, bool RequiresSignature);

/// <summary>The key was made: <see cref="Secret"/> is shown once and never again.</summary>
public sealed record ApiKeyCreated(Guid Id, string Secret);

/// <summary>Either the result or the problems with the input, by field name.</summary>
public sealed record ApiKeyOutcome<T>(T? Value, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Creating, listing, rotating and revoking keys. Every change is audited and drops the cached copy of the key on
/// every instance, so a revoked key stops working everywhere at once.
/// </summary>
public sealed class ApiKeyService(
    PodiumDbContext db,
    UserManager<PodiumUser> users,
    ApiScopeCatalog scopes,
    IPodiumCache cache,
    IAuditLog audit,
    TimeProvider time)
{
    public const int MaxKeysPerOwner = 50;
    public const int MaxNetworks = 20;

    /// <summary>The grace periods a rotation offers: long enough to deploy the new key, short enough to matter.</summary>
    public static readonly IReadOnlyList<TimeSpan> GracePeriods = [TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromDays(7)];

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var keys = await db.Set<ApiKey>().AsNoTracking().Include(k => k.Secrets)
            .Where(k => k.OwnerId == ownerId)
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .ToListAsync(cancellationToken);
        return [.. keys.Select(k =>
        {
            var current = k.Secrets.Where(s => s.ExpiresAt is null).OrderByDescending(s => s.CreatedAt).FirstOrDefault()
                ?? k.Secrets.OrderByDescending(s => s.CreatedAt).First();
            var previous = k.Secrets.Where(s => s.ExpiresAt > now).Select(s => s.ExpiresAt).Max();
            return new ApiKeySummary(k.Id, k.Name, ApiKeyFormat.Display(current.Prefix), Split(k.Scopes), Split(k.AllowedNetworks),
                k.RequiresSignature, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, k.LastUsedIp, previous);
        })];
    }

    /// <summary>The scopes <paramref name="owner"/> can put on a key: those their roles hold now.</summary>
    public async Task<IReadOnlyList<ApiScope>> GrantableAsync(PodiumUser owner)
    {
        var allowed = scopes.AllowedFor(await users.GetRolesAsync(owner));
        return [.. scopes.All.Where(s => allowed.Contains(s.Name))];
    }

    public async Task<ApiKeyOutcome<ApiKeyCreated>> CreateAsync(PodiumUser owner, Guid? actorId, ApiKeyRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = (request.Name ?? "").Trim();
        if (name.Length == 0)
        {
            errors[nameof(ApiKeyRequest.Name)] = "Give the key a name, e.g. what program uses it.";
        }
        else if (name.Length > ApiKey.MaxNameLength)
        {
            errors[nameof(ApiKeyRequest.Name)] = $"Use at most {ApiKey.MaxNameLength} characters.";
        }

        var wanted = (request.Scopes ?? []).Where(s => s is not null).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var grantable = (await GrantableAsync(owner)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            errors[nameof(ApiKeyRequest.Scopes)] = "Choose at least one permission.";
        }
        else if (wanted.FirstOrDefault(s => !grantable.Contains(s)) is { } refused)
        {
            errors[nameof(ApiKeyRequest.Scopes)] = scopes.Exists(refused)
                ? $"The account cannot grant '{refused}': its roles do not include it."
                : $"'{refused}' is not a permission this site knows.";
        }

        if (request.ExpiresAt is { } expires && expires <= now)
        {
            errors[nameof(ApiKeyRequest.ExpiresAt)] = "Choose an expiry date in the future.";
        }

        var networks = ParseNetworks(request.AllowedNetworks, out var networkError);
        if (networkError is not null)
        {
            errors[nameof(ApiKeyRequest.AllowedNetworks)] = networkError;
        }

        if (errors.Count == 0 && await db.Set<ApiKey>().CountAsync(k => k.OwnerId == owner.Id && k.RevokedAt == null, cancellationToken) >= MaxKeysPerOwner)
        {
            errors[nameof(ApiKeyRequest.Name)] = $"An account can have at most {MaxKeysPerOwner} keys; revoke one you no longer use.";
        }

        if (errors.Count > 0)
        {
            return new ApiKeyOutcome<ApiKeyCreated>(null, errors);
        }

        var key = new ApiKey
        {
            OwnerId = owner.Id,
            Name = name,
            Scopes = string.Join(' ', wanted.Order(StringComparer.Ordinal)),
            AllowedNetworks = string.Join(' ', networks),
            RequiresSignature = request.RequiresSignature,
            CreatedAt = now,
            CreatedBy = actorId,
            ExpiresAt = request.ExpiresAt,
        };
        var secret = NewSecret(key.Id, now);
        key.Secrets.Add(secret.Row);
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await cache.RemoveAsync(ApiKeyCache.KeyFor(secret.Row.Prefix), cancellationToken);
        await audit.RecordAsync("api-key.create", AuditOutcome.Success, actorId, key.Id.ToString(),
            new { owner = owner.Id, name, scopes = key.Scopes, networks = key.AllowedNetworks, signed = key.RequiresSignature, expires = key.ExpiresAt }, cancellationToken);
        return new ApiKeyOutcome<ApiKeyCreated>(new ApiKeyCreated(key.Id, secret.Key), new Dictionary<string, string>());
    }

    /// <summary>
    /// A new secret for the key; the current one keeps working for <paramref name="grace"/> (programs can be switched over
    /// without an outage), older ones stop now. Null when the key is not the owner's or is revoked or expired.
    /// </summary>
    public async Task<ApiKeyCreated?> RotateAsync(Guid ownerId, Guid keyId, Guid actorId, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!GracePeriods.Contains(grace))
        {
            throw new ArgumentOutOfRangeException(nameof(grace), grace, "Not one of the offered grace periods.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var key = await db.Set<ApiKey>().Include(k => k.Secrets)
            .FirstOrDefaultAsync(k => k.Id == keyId && k.OwnerId == ownerId && k.RevokedAt == null, cancellationToken);
        if (key is null || key.ExpiresAt <= now)
        {
            return null;
        }

        foreach (var old in key.Secrets)
        {
            var ends = old.ExpiresAt is null ? now + grace : (old.ExpiresAt < now ? old.ExpiresAt.Value : now);
            old.ExpiresAt = ends;
        }

        var secret = NewSecret(key.Id, now);
        db.Add(secret.Row);
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateTagAsync(ApiKeyCache.TagFor(key.Id), cancellationToken);
        await audit.RecordAsync("api-key.rotate", AuditOutcome.Success, actorId, key.Id.ToString(),
            new { owner = ownerId, graceSeconds = (long)grace.TotalSeconds }, cancellationToken);
        return new ApiKeyCreated(key.Id, secret.Key);
    }

    public async Task<bool> RevokeAsync(Guid ownerId, Guid keyId, Guid actorId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await db.Set<ApiKey>()
            .Where(k => k.Id == keyId && k.OwnerId == ownerId && k.RevokedAt == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), cancellationToken);
        if (revoked == 0)
        {
            return false;
        }

        await cache.InvalidateTagAsync(ApiKeyCache.TagFor(keyId), cancellationToken);
        await audit.RecordAsync("api-key.revoke", AuditOutcome.Success, actorId, keyId.ToString(), new { owner = ownerId }, cancellationToken);
        return true;
    }

    /// <summary>Canonical CIDR strings; an address alone means just that address.</summary>
    internal static IReadOnlyList<string> ParseNetworks(string? text, out string? error)
    {
        error = null;
        var parts = (text ?? "").Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > MaxNetworks)
        {
            error = $"List at most {MaxNetworks} ranges.";
            return [];
        }

        var networks = new List<string>();
        foreach (var part in parts)
        {
            // The same reading as the site's IP rules: one address is a /32 or /128, IPv4-mapped becomes IPv4.
            if (!IpRanges.TryParse(part, out var network, out var problem))
            {
                error = $"'{part}' is not an address or a range in CIDR form (e.g. 203.0.113.0/24 or 2001:db8::/48): {problem}";
                return [];
            }

            networks.Add(IpRanges.Format(network));
        }

        return [.. networks.Distinct(StringComparer.Ordinal)];
    }

    internal static IReadOnlyList<string> Split(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static (ApiKeySecret Row, string Key) NewSecret(Guid keyId, DateTime now)
    {
        var key = ApiKeyFormat.Generate();
        return (new ApiKeySecret
        {
            ApiKeyId = keyId,
            Prefix = ApiKeyFormat.PrefixOf(key),
            Hash = Convert.ToHexStringLower(ApiKeyFormat.Hash(key)),
            CreatedAt = now,
        }, key);
    }
}
