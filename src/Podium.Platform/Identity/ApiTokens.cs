using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Security;

namespace Podium.Platform.Identity;

/// <summary>
/// One refresh token, stored as a SHA-256 hash. Each is used once: refreshing marks it used and issues its successor in
/// the same family; presenting a used one means someone else has a copy, and the whole family is revoked.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    /// <summary>Every token descended from one sign-in.</summary>
    public Guid FamilyId { get; set; }

    /// <summary>SHA-256 of the token, lower-case hex.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>Space-separated scopes the family was granted (its access tokens carry at most these).</summary>
    public string Scopes { get; set; } = "";

    /// <summary>The sign-in that started the family used a second factor.</summary>
    public bool SecondFactor { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>UTC; set when exchanged for its successor.</summary>
    public DateTime? UsedAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? RevokedAt { get; set; }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("platform_refresh_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Scopes).HasMaxLength(1000);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        builder.HasIndex(t => new { t.UserId, t.RevokedAt });
        builder.HasOne<PodiumUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>What the token endpoints return (OAuth 2.0's names, in camelCase like the rest of the API).</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, DateTime RefreshTokenExpiresAt, string Scope);

public enum TokenFailure
{
    /// <summary>Unknown e-mail, wrong password, unconfirmed or locked: one answer for all.</summary>
    InvalidCredentials,
    TwoFactorRequired,
    InvalidCode,
    InvalidRefreshToken,
    InvalidScope,
}

public sealed record TokenOutcome(TokenResponse? Token, TokenFailure? Failure);

/// <summary>Access tokens (JWT) and refresh tokens for first-party clients.</summary>
internal sealed partial class ApiTokenService(
    PodiumDbContext db,
    UserManager<PodiumUser> users,
    SignInManager<PodiumUser> signIn,
    IPasswordHasher<PodiumUser> hasher,
    ApiScopeCatalog catalog,
    IOptions<JwtOptions> options,
    JwtKeyRing ring,
    IAuditLog audit,
    TimeProvider time,
    ILogger<ApiTokenService> logger)
{
    private static readonly PodiumUser Nobody = new() { DisplayName = "nobody" };
    private static string? _dummyHash;

    /// <summary>The password grant: e-mail, password, and the authenticator code when the account has two-factor sign-in.</summary>
    public async Task<TokenOutcome> IssueAsync(string email, string password, string? code, string? scope, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.IsServiceAccount)
        {
            // The same work as a real check, so the answer's timing says nothing about the address.
            _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            _ = hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
            await audit.RecordAsync("api.token", AuditOutcome.Failure, null, user?.Id.ToString(), new { reason = user is null ? "unknown e-mail" : "service account" }, cancellationToken);
            return Fail(TokenFailure.InvalidCredentials);
        }

        var checkedPassword = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!checkedPassword.Succeeded)
        {
            await audit.RecordAsync("api.token", AuditOutcome.Failure, null, user.Id.ToString(),
                new { reason = checkedPassword.IsLockedOut ? "locked out" : checkedPassword.IsNotAllowed ? "not allowed" : "wrong password" }, cancellationToken);
            return Fail(TokenFailure.InvalidCredentials);
        }

        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                return Fail(TokenFailure.TwoFactorRequired);
            }

            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code.Replace(" ", "", StringComparison.Ordinal)))
            {
                await users.AccessFailedAsync(user);
                await audit.RecordAsync("api.token", AuditOutcome.Failure, null, user.Id.ToString(), new { reason = "wrong second factor" }, cancellationToken);
                return Fail(TokenFailure.InvalidCode);
            }

            await users.ResetAccessFailedCountAsync(user);
        }

        var roles = await users.GetRolesAsync(user);
        var allowed = catalog.AllowedFor(roles);
        var granted = Requested(scope, allowed);
        if (granted is null)
        {
            return Fail(TokenFailure.InvalidScope);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (refresh, row) = NewRefreshToken(user.Id, Guid.CreateVersion7(), string.Join(' ', granted), user.TwoFactorEnabled, now);
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        LogIssued(logger, user.Id, row.FamilyId);
        await audit.RecordAsync("api.token", AuditOutcome.Success, user.Id, user.Id.ToString(), new { family = row.FamilyId, scope = row.Scopes }, cancellationToken);
        return new TokenOutcome(await ResponseAsync(user.Id, roles, row, refresh, cancellationToken), null);
    }

    /// <summary>Exchanges a refresh token for a new pair; a second use of one revokes its family (theft detection).</summary>
    public async Task<TokenOutcome> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hash = Hash(refreshToken);
        var row = await db.Set<RefreshToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (row is null || row.RevokedAt is not null || row.ExpiresAt <= now)
        {
            return Fail(TokenFailure.InvalidRefreshToken);
        }

        // Checked before the token is spent: a temporary lock-out (failed passwords) pauses programs, it does not end them.
        var user = await users.FindByIdAsync(row.UserId.ToString());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return Fail(TokenFailure.InvalidRefreshToken);
        }

        // Claimed with one conditional update: of two simultaneous uses only one can win, the other is a reuse.
        var claimed = row.UsedAt is null && await db.Set<RefreshToken>()
            .Where(t => t.Id == row.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAt, now), cancellationToken) == 1;
        if (!claimed)
        {
            var revoked = await RevokeFamilyAsync(row.FamilyId, now, cancellationToken);
            LogReuse(logger, row.UserId, row.FamilyId);
            await audit.RecordAsync("api.refresh-token-reuse", AuditOutcome.Denied, null, row.UserId.ToString(),
                new { family = row.FamilyId, revoked }, cancellationToken);
            return Fail(TokenFailure.InvalidRefreshToken);
        }

        // Roles may have changed since: the family keeps only what the owner may still do.
        var roles = await users.GetRolesAsync(user);
        var allowed = catalog.AllowedFor(roles);
        var granted = ApiKeyService.Split(row.Scopes).Where(allowed.Contains);
        var (refresh, next) = NewRefreshToken(user.Id, row.FamilyId, string.Join(' ', granted), row.SecondFactor, now);
        db.Add(next);
        await db.SaveChangesAsync(cancellationToken);
        return new TokenOutcome(await ResponseAsync(user.Id, roles, next, refresh, cancellationToken), null);
    }

    /// <summary>RFC 7009: revokes the token's family; unknown tokens are not an error (the caller's goal is met).</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = Hash(refreshToken);
        var row = await db.Set<RefreshToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (row is not null)
        {
            var revoked = await RevokeFamilyAsync(row.FamilyId, time.GetUtcNow().UtcDateTime, cancellationToken);
            await audit.RecordAsync("api.token-revoke", AuditOutcome.Success, row.UserId, row.UserId.ToString(), new { family = row.FamilyId, revoked }, cancellationToken);
        }
    }

    private Task<int> RevokeFamilyAsync(Guid familyId, DateTime now, CancellationToken cancellationToken) =>
        db.Set<RefreshToken>().Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken);

    /// <summary>What the caller asked for (space-separated), if all of it is allowed; everything allowed when nothing was asked.</summary>
    private static IReadOnlyList<string>? Requested(string? scope, IReadOnlySet<string> allowed)
    {
        var asked = (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (asked.Length == 0)
        {
            return [.. allowed.Order(StringComparer.Ordinal)];
        }

        return asked.All(allowed.Contains) ? [.. asked.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] : null;
    }

    private async Task<TokenResponse> ResponseAsync(Guid userId, IList<string> roles, RefreshToken row, string refresh, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        // Ids, roles and scopes, nothing about the person: anyone holding the token can decode it.
        var claims = new Dictionary<string, object>
        {
            [PodiumClaims.Subject] = userId.ToString(),
            [JwtRegisteredClaimNames.Jti] = Guid.CreateVersion7().ToString("N"),
            [PodiumClaims.Scope] = row.Scopes,
            [PodiumClaims.Role] = roles.Order(StringComparer.Ordinal).ToArray(),
            ["amr"] = row.SecondFactor ? new[] { "pwd", "mfa" } : new[] { "pwd" },
        };
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            Claims = claims,
            TokenType = ApiAuthentication.AccessTokenType,
            SigningCredentials = await ring.SigningCredentialsAsync(cancellationToken),
        });
        return new TokenResponse(token, "Bearer", (int)settings.AccessTokenLifetime.TotalSeconds, refresh, row.ExpiresAt, row.Scopes);
    }

    private (string Token, RefreshToken Row) NewRefreshToken(Guid userId, Guid familyId, string scopes, bool secondFactor, DateTime now)
    {
        // 32 random bytes, URL-safe: opaque to the client, and only its hash is stored.
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (token, new RefreshToken
        {
            UserId = userId,
            FamilyId = familyId,
            TokenHash = Hash(token),
            Scopes = scopes,
            SecondFactor = secondFactor,
            CreatedAt = now,
            ExpiresAt = now + TimeSpan.FromDays(options.Value.RefreshTokenDays),
        });
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static TokenOutcome Fail(TokenFailure failure) => new(null, failure);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Security: API token family {FamilyId} issued to {UserId}")]
    private static partial void LogIssued(ILogger logger, Guid userId, Guid familyId);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "Security: refresh token of family {FamilyId} (user {UserId}) used twice; the family is revoked")]
    private static partial void LogReuse(ILogger logger, Guid userId, Guid familyId);
}
