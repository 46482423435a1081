using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Podium.Platform.Api;
using Podium.Platform.Security;

namespace Podium.Platform.Identity;

/// <summary>
/// One front door for three credentials. The default scheme looks at the request: on <c>/api</c>, an API key
/// (<c>Bearer pod_…</c> or <c>X-Api-Key</c>) goes to the key handler, any other bearer token to JWT validation, and
/// everything else (and every page) to the session cookie. Authorization then sees one kind of principal (see
/// <see cref="PodiumClaims"/>) whatever proved it.
/// </summary>
internal static class ApiAuthentication
{
    public const string Scheme = "Podium";
    public const string JwtScheme = "Jwt";
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>RFC 9068's media type for access tokens: another kind of JWT signed with our keys is not accepted as one.</summary>
    public const string AccessTokenType = "at+jwt";

    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    public static IHostApplicationBuilder AddPodiumApiAuthentication(this IHostApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        var services = builder.Services;
        services.AddOptions<JwtOptions>()
            .BindConfiguration(JwtOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !production || o.AccessTokenMinutes <= JwtOptions.ProductionMaxAccessTokenMinutes,
                $"Podium:Jwt:AccessTokenMinutes must be at most {JwtOptions.ProductionMaxAccessTokenMinutes} in Production: access tokens cannot be revoked.")
            .ValidateOnStart();

        services.AddPodiumApiScopes();
        services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<ApiKeyUsage>();
        services.TryAddSingleton<SecurityEventThrottle>();
        services.AddSingleton<SignatureReplayCache>();
        services.AddSingleton<RequestSignatures>();
        services.AddSingleton<JwtKeyRing>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<ServiceAccounts>();
        services.AddSingleton<Cli.ICliCommand, ApiKeysCommand>();

        services.AddAuthentication()
            .AddPolicyScheme(Scheme, "Cookie, JWT or API key", options => options.ForwardDefaultSelector = Select)
            .AddJwtBearer(JwtScheme, _ => { })
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, _ => { });
        // After AddIdentity, which made its cookie the default for everything.
        services.Configure<AuthenticationOptions>(options =>
        {
            options.DefaultScheme = Scheme;
            options.DefaultAuthenticateScheme = Scheme;
            options.DefaultChallengeScheme = Scheme;
            options.DefaultForbidScheme = Scheme;
        });
        services.AddOptions<JwtBearerOptions>(JwtScheme).Configure<JwtKeyRing, IOptions<JwtOptions>, TimeProvider>((bearer, ring, jwt, time) =>
        {
            var settings = jwt.Value;
            bearer.MapInboundClaims = false;
            bearer.TimeProvider = time;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                ValidTypes = [AccessTokenType],
                IssuerSigningKeyResolver = (_, _, kid, _) => ring.ValidationKeys(kid),
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                NameClaimType = PodiumClaims.Subject,
                RoleClaimType = PodiumClaims.Role,
                ClockSkew = Skew,
                // The app's clock, not the machine's: the same time tokens were issued by (and tests can move).
                LifetimeValidator = (notBefore, expires, _, _) =>
                {
                    var now = time.GetUtcNow().UtcDateTime;
                    return expires is { } end && now < end.ToUniversalTime() + Skew && (notBefore is not { } start || now >= start.ToUniversalTime() - Skew);
                },
            };
            bearer.Events = new JwtBearerEvents
            {
                // The resolver above is synchronous: load the ring (and a key another instance just made) before it runs.
                OnMessageReceived = context => ring.EnsureKnownAsync(KidOf(context.Request), context.HttpContext.RequestAborted),
                OnTokenValidated = context =>
                {
                    (context.Principal?.Identity as ClaimsIdentity)?.AddClaim(new Claim(PodiumClaims.Credential, "jwt"));
                    return Task.CompletedTask;
                },
            };
        });
        return builder;
    }

    private static string Select(HttpContext context) => BearerSchemeOf(context) ?? IdentityConstants.ApplicationScheme;

    /// <summary>The scheme of the token or key an API request carries in its headers; null for none (the cookie, if any, then).</summary>
    private static string? BearerSchemeOf(HttpContext context)
    {
        if (!ApiRequests.IsApi(context))
        {
            return null;
        }

        if (ApiKeyAuthenticationHandler.Presented(context.Request) is not null)
        {
            return ApiKeyScheme;
        }

        return context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? JwtScheme
            : null;
    }

    /// <summary>
    /// Whether an API request sent a credential in its headers (an API key, a bearer token, or an Authorization header of
    /// any other kind). A program that sends one means to act as someone: when it is refused, the request must fail
    /// rather than go on as anonymous. The cookie is not counted: browsers send a stale one by themselves.
    /// </summary>
    public static bool PresentsCredential(HttpContext context) =>
        BearerSchemeOf(context) is not null || (ApiRequests.IsApi(context) && context.Request.Headers.Authorization.ToString().Length > 0);

    private static string? KidOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length <= 7)
        {
            return null;
        }

        try
        {
            return new JsonWebToken(authorization[7..].Trim()).Kid;
        }
        catch (ArgumentException)
        {
            // Not a JWT at all: validation will say so.
            return null;
        }
    }
}
