using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.RateLimiting;
using Podium.Platform.Security;

namespace Podium.Platform.Identity;

internal sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions;

/// <summary>
/// <c>Authorization: Bearer pod_…</c> or <c>X-Api-Key: pod_…</c>. The principal acts for the key's owner with the
/// key's scopes cut down to what the owner's roles allow right now; a locked or deleted owner, a revoked or expired key,
/// an address outside its ranges or a bad signature are refused.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyCache keys,
    ApiScopeCatalog catalog,
    RequestSignatures signatures,
    ApiKeyUsage usage,
    SecurityEventThrottle throttle,
    IAuditLog audit) : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, loggerFactory, encoder)
{
    public const string HeaderName = "X-Api-Key";
    private const string FailureItem = "podium:api-key-failure";
    private const string ForbiddenItem = "podium:api-key-forbidden";

    /// <summary>The key the request carries, if it carries one (whether or not it is valid).</summary>
    public static string? Presented(HttpRequest request)
    {
        if (request.Headers[HeaderName].ToString() is { Length: > 0 } header)
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer " + ApiKeyFormat.Marker, StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Presented(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeyFormat.TryParse(key, out var prefix))
        {
            return Refuse("the API key is malformed or its checksum is wrong");
        }

        var state = await keys.FindAsync(prefix, Context.RequestAborted);
        var secret = state?.Secrets.FirstOrDefault(s => s.Prefix == prefix);
        if (state is null || secret is null
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(secret.Hash), ApiKeyFormat.Hash(key)))
        {
            return Refuse("the API key is not valid");
        }

        var now = TimeProvider.GetUtcNow().UtcDateTime;
        var refusal = state switch
        {
            { RevokedAt: not null } => "the API key was revoked",
            { ExpiresAt: { } expires } when expires <= now => "the API key has expired",
            _ when secret.ExpiresAt <= now => "this secret of the API key was replaced (rotated) and its grace period is over",
            { OwnerLockedUntil: { } locked } when locked > now => "the API key's owner is locked",
            _ => null,
        };
        if (refusal is not null)
        {
            return Refuse(refusal);
        }

        var address = ClientAddress.Of(Context);
        if (state.Networks.Count > 0 && (address is null || !state.Networks.Any(n => IPNetwork.TryParse(n, out var network) && network.Contains(address))))
        {
            Context.Items[ForbiddenItem] = true;
            await RecordAsync(state, "address not allowed");
            return Refuse($"the API key may not be used from {address?.ToString() ?? "an unknown address"}");
        }

        if (state.RequiresSignature && await signatures.VerifyAsync(Context, key, state.KeyId) is { } badSignature)
        {
            await RecordAsync(state, badSignature);
            return Refuse(badSignature);
        }

        await usage.NoteAsync(state.KeyId, address, now);

        var allowed = catalog.AllowedFor(state.OwnerRoles);
        var identity = new ClaimsIdentity(Scheme.Name, PodiumClaims.Subject, PodiumClaims.Role);
        identity.AddClaim(new Claim(PodiumClaims.Subject, state.OwnerId.ToString()));
        identity.AddClaim(new Claim(PodiumClaims.Credential, "api-key"));
        identity.AddClaim(new Claim(RateLimitPolicies.ApiKeyClaimType, state.KeyId.ToString()));
        identity.AddClaim(new Claim(PodiumClaims.Scope, string.Join(' ', state.Scopes.Where(allowed.Contains))));
        foreach (var role in state.OwnerRoles)
        {
            identity.AddClaim(new Claim(PodiumClaims.Role, role));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var forbidden = Context.Items.ContainsKey(ForbiddenItem);
        Response.StatusCode = forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Context.Items[FailureItem] is string failure
            ? $"Bearer error=\"invalid_token\", error_description=\"{failure.Replace("\"", "'", StringComparison.Ordinal)}\""
            : "Bearer";
        return Task.CompletedTask;
    }

    private AuthenticateResult Refuse(string reason)
    {
        Context.Items[FailureItem] = reason;
        LogRefused(Logger, reason, ClientAddress.Of(Context)?.ToString());
        return AuthenticateResult.Fail(reason);
    }

    /// <summary>
    /// A real key used wrongly is a security event, unlike a made-up one (logged only). A script retrying a revoked key
    /// would otherwise append an audit row (a serialised write) per request: the IP rules' throttle keeps it to one a
    /// minute per key, counting the rest.
    /// </summary>
    private Task RecordAsync(ApiKeyState state, string reason) =>
        throttle.ShouldRecord($"api-key:{state.KeyId}", out var suppressed)
            ? audit.RecordAsync("api-key.refused", AuditOutcome.Denied, null, state.KeyId.ToString(), new { reason, SuppressedSinceLast = suppressed }, Context.RequestAborted)
            : Task.CompletedTask;

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Security: API key refused from {Address}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason, string? address);
}

/// <summary>
/// Notes when and from where each key was last used, writing at most once a minute per key and instance: a busy
/// script must not turn every request into a database write.
/// </summary>
internal sealed class ApiKeyUsage(IServiceScopeFactory scopes)
{
    private static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, DateTime> _written = new();

    public async Task NoteAsync(Guid keyId, IPAddress? address, DateTime now)
    {
        if (_written.TryGetValue(keyId, out var last) && now - last < Resolution)
        {
            return;
        }

        if (!_written.TryAdd(keyId, now) && !_written.TryUpdate(keyId, now, last))
        {
            // Another request on this instance is writing it.
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var ip = address?.ToString();
        await db.Set<ApiKey>().Where(k => k.Id == keyId)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now).SetProperty(x => x.LastUsedIp, ip));
    }
}
