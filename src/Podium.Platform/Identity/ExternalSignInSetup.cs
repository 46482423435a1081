using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Podium.Platform.Audit;

namespace Podium.Platform.Identity;

/// <summary>A configured provider as the pages show it.</summary>
public sealed record ExternalProvider(string Scheme, string DisplayName);

/// <summary>The providers people can sign in with, in the order the sign-in page lists them.</summary>
public sealed class ExternalProviders(IOptions<ExternalSignInOptions> options)
{
    public IReadOnlyList<ExternalProvider> All { get; } =
        [.. options.Value.Oidc.Select(p => new ExternalProvider(p.Key, ExternalSignInSetup.DisplayNameOf(p.Key, p.Value)))
            .OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)];

    public ExternalProvider? Find(string? scheme) =>
        All.FirstOrDefault(p => string.Equals(p.Scheme, scheme, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One OpenID Connect scheme per configured provider, signing in to Identity's external cookie.</summary>
internal static class ExternalSignInSetup
{
    /// <summary>Where a failed or cancelled round trip to a provider lands, with a message a person can act on.</summary>
    public const string FailedPath = "/account/external-sign-in/failed";

    public static IHostApplicationBuilder AddPodiumExternalSignIn(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExternalSignInOptions>().BindConfiguration(ExternalSignInOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ExternalSignInOptions>>(new ExternalSignInOptionsValidator(builder.Environment.IsProduction()));
        builder.Services.AddSingleton<ExternalProviders>();
        builder.Services.AddScoped<ExternalAccounts>();

        // Schemes are fixed when the app is composed, so the names are read here; everything else comes from the
        // validated options when a scheme is first used.
        var authentication = builder.Services.AddAuthentication();
        foreach (var (name, provider) in Configured(builder.Configuration))
        {
            authentication.AddOpenIdConnect(name, DisplayNameOf(name, provider), _ => { });
            builder.Services.AddOptions<OpenIdConnectOptions>(name)
                .Configure<IOptions<ExternalSignInOptions>>((oidc, options) => Configure(oidc, name, options.Value.Oidc[name]));
        }

        return builder;
    }

    /// <summary>The providers' origins: the sign-in forms' POST is answered with a redirect there, which CSP form-action must allow.</summary>
    public static IReadOnlyList<string> Origins(IConfiguration configuration) =>
        [.. Configured(configuration).Values
            .Select(p => Uri.TryCreate(p.Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];

    public static string DisplayNameOf(string name, OidcProviderOptions provider) =>
        string.IsNullOrWhiteSpace(provider.DisplayName) ? name : provider.DisplayName.Trim();

    private static Dictionary<string, OidcProviderOptions> Configured(IConfiguration configuration) =>
        configuration.GetSection(ExternalSignInOptions.SectionName).Get<ExternalSignInOptions>()?.Oidc ?? [];

    private static void Configure(OpenIdConnectOptions oidc, string name, OidcProviderOptions provider)
    {
        oidc.SignInScheme = IdentityConstants.ExternalScheme;
        oidc.Authority = provider.Authority;
        oidc.ClientId = provider.ClientId;
        oidc.ClientSecret = string.IsNullOrWhiteSpace(provider.ClientSecret) ? null : provider.ClientSecret;
        // Plain http is refused in Production by the options validator; elsewhere it is a developer's local provider.
        oidc.RequireHttpsMetadata = provider.Authority!.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        oidc.CallbackPath = $"/signin-oidc-{name.ToLowerInvariant()}";
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;
        // The code comes back on a top-level GET, so the correlation and nonce cookies can stay SameSite=Lax.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
        // Claims keep their protocol names ("sub", "email", "email_verified"), whatever the provider.
        oidc.MapInboundClaims = false;
        oidc.TokenValidationParameters.NameClaimType = "name";
        // Many providers put the address and whether they verified it only in userinfo.
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.ClaimActions.MapUniqueJsonKey(ExternalIdentity.EmailVerifiedClaim, ExternalIdentity.EmailVerifiedClaim);
        // The tokens are not used after sign-in; keeping them would only enlarge the external cookie.
        oidc.SaveTokens = false;
        oidc.Scope.Clear();
        foreach (var scope in provider.EffectiveScopes())
        {
            oidc.Scope.Add(scope);
        }

        oidc.Events.OnTicketReceived = context =>
        {
            // Identity finds the provider's key for the person in NameIdentifier; OIDC calls it "sub".
            if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst(ClaimTypes.NameIdentifier) is null
                && identity.FindFirst("sub") is { } subject)
            {
                identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, subject.Value, subject.ValueType, subject.Issuer));
            }

            return Task.CompletedTask;
        };
        oidc.Events.OnAccessDenied = async context =>
        {
            await FailAsync(context.HttpContext, name, "cancelled", "the person or the provider declined");
            context.HandleResponse();
        };
        oidc.Events.OnRemoteFailure = async context =>
        {
            // State tampered with or expired, correlation cookie missing, the provider's own error, a bad token:
            // the details go to the audit log, the person gets a plain message and is not signed in.
            await FailAsync(context.HttpContext, name, "failed", context.Failure?.Message);
            context.HandleResponse();
        };
    }

    private static async Task FailAsync(HttpContext http, string provider, string reason, string? detail)
    {
        await http.RequestServices.GetRequiredService<IAuditLog>().RecordAsync("account.external-sign-in", AuditOutcome.Failure, null,
            details: new { provider, reason, detail }, cancellationToken: http.RequestAborted);
        http.Response.Redirect($"{FailedPath}?provider={Uri.EscapeDataString(provider)}&reason={reason}");
    }
}
