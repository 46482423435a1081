using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Podium.Platform.Data;

namespace Podium.Platform.Identity;

/// <summary><c>Podium:Jwt</c>: access tokens for first-party clients (the CLI, scripts) and their refresh tokens.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Podium:Jwt";

    /// <summary>The <c>iss</c> of every token; set it to the public URL where several deployments could meet.</summary>
    [Required, StringLength(200, MinimumLength = 1)]
    public string Issuer { get; set; } = "podium";

    /// <summary>The <c>aud</c>; a token for another audience is refused.</summary>
    [Required, StringLength(200, MinimumLength = 1)]
    public string Audience { get; set; } = "podium-api";

    [Range(1, 1440)]
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>Sliding: each refresh gives a new token valid this long again.</summary>
    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>A new signing key is made this often; older ones keep validating until no token they signed can be alive.</summary>
    [Range(1, 365)]
    public int SigningKeyRotationDays { get; set; } = 30;

    /// <summary>Production refuses longer-lived access tokens: they cannot be revoked, only outlived.</summary>
    public const int ProductionMaxAccessTokenMinutes = 60;

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);
}

/// <summary>An ES256 key that signs access tokens; the private half is stored encrypted with Data Protection.</summary>
public sealed class JwtSigningKey
{
    /// <summary>The <c>kid</c> in token headers.</summary>
    public string Id { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC: signing starts then, after every instance has had time to learn the key.</summary>
    public DateTime ActivatesAt { get; set; }

    /// <summary>UTC: after this it neither signs nor validates.</summary>
    public DateTime RetiresAt { get; set; }

    /// <summary>PKCS#8 private key, protected with Data Protection (so a database dump alone cannot mint tokens).</summary>
    public string ProtectedKey { get; set; } = "";
}

internal sealed class JwtSigningKeyConfiguration : IEntityTypeConfiguration<JwtSigningKey>
{
    public void Configure(EntityTypeBuilder<JwtSigningKey> builder)
    {
        builder.ToTable("platform_jwt_signing_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(32);
        builder.Property(k => k.ProtectedKey).HasMaxLength(4000);
    }
}

/// <summary>
/// The signing keys every instance shares. A new key is written <see cref="Lead"/> before it starts signing, so every
/// instance (which reloads the ring at least every <see cref="ReloadInterval"/>) can validate its tokens from the first
/// one; a token with an unknown <c>kid</c> makes an instance reload at once. A replaced key keeps validating until the
/// last token it signed has expired, so rotation never signs anyone out.
/// </summary>
internal sealed class JwtKeyRing(IServiceScopeFactory scopes, IDataProtectionProvider protection, IOptions<JwtOptions> options, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan UnknownKidReloadInterval = TimeSpan.FromSeconds(10);

    private readonly IDataProtector _protector = protection.CreateProtector("Podium.Jwt.SigningKeys.v1");
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot _snapshot = new([], DateTime.MinValue);

    private sealed record LoadedKey(string Id, DateTime ActivatesAt, DateTime RetiresAt, ECDsaSecurityKey Key);

    private sealed record Snapshot(IReadOnlyList<LoadedKey> Keys, DateTime LoadedAt);

    /// <summary>The key to sign with now.</summary>
    public async Task<SigningCredentials> SigningCredentialsAsync(CancellationToken cancellationToken)
    {
        // The clock is read after loading: a first key made by the load activates at that moment.
        var snapshot = await CurrentAsync(force: false, cancellationToken);
        var key = Signer(snapshot, time.GetUtcNow().UtcDateTime)
            ?? Signer(await CurrentAsync(force: true, cancellationToken), time.GetUtcNow().UtcDateTime)
            ?? throw new InvalidOperationException("No JWT signing key is active.");
        return new SigningCredentials(key.Key, SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>Makes sure the ring is fresh, and knows <paramref name="kid"/> if any instance made it.</summary>
    public async Task EnsureKnownAsync(string? kid, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(force: false, cancellationToken);
        if (kid is not null && snapshot.Keys.All(k => k.Id != kid)
            && time.GetUtcNow().UtcDateTime - snapshot.LoadedAt > UnknownKidReloadInterval)
        {
            await CurrentAsync(force: true, cancellationToken);
        }
    }

    /// <summary>For <see cref="TokenValidationParameters.IssuerSigningKeyResolver"/>: the keys that may have signed a live token.</summary>
    public IEnumerable<SecurityKey> ValidationKeys(string? kid)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _snapshot.Keys.Where(k => k.RetiresAt > now && (kid is null || k.Id == kid)).Select(k => k.Key);
    }

    private static LoadedKey? Signer(Snapshot snapshot, DateTime now) =>
        snapshot.Keys.Where(k => k.ActivatesAt <= now && k.RetiresAt > now).MaxBy(k => k.ActivatesAt);

    private async Task<Snapshot> CurrentAsync(bool force, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (!force && time.GetUtcNow().UtcDateTime - snapshot.LoadedAt < ReloadInterval)
        {
            return snapshot;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (!ReferenceEquals(snapshot, _snapshot) && !force)
            {
                return _snapshot;
            }

            _snapshot = await LoadAsync(cancellationToken);
            return _snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var rotation = TimeSpan.FromDays(settings.SigningKeyRotationDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var rows = await db.Set<JwtSigningKey>().Where(k => k.RetiresAt > now).ToListAsync(cancellationToken);

        var newest = rows.MaxBy(k => k.ActivatesAt);
        if (newest is null || newest.ActivatesAt + rotation - Lead <= now)
        {
            // The first key signs at once (no token exists yet); a successor waits out the lead time. Two instances
            // doing this together make two keys, which is harmless: both validate, the later one signs.
            var activates = newest is null ? now : Max(now + Lead, newest.ActivatesAt);
            var created = Create(activates, activates + rotation + rotation, now);
            db.Add(created);
            await db.SaveChangesAsync(cancellationToken);
            rows.Add(created);
        }

        // Retired keys are of no use to anyone.
        await db.Set<JwtSigningKey>().Where(k => k.RetiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var keys = new List<LoadedKey>();
        foreach (var row in rows)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(row.ProtectedKey)), out _);
            keys.Add(new LoadedKey(row.Id, row.ActivatesAt, row.RetiresAt, new ECDsaSecurityKey(ecdsa) { KeyId = row.Id }));
        }

        return new Snapshot(keys, now);
    }

    private JwtSigningKey Create(DateTime activates, DateTime retires, DateTime now)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new JwtSigningKey
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            CreatedAt = now,
            ActivatesAt = activates,
            RetiresAt = retires,
            ProtectedKey = _protector.Protect(Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey())),
        };
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    public void Dispose() => _loading.Dispose();
}
