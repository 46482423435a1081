using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Podium.Tests.Oidc;

/// <summary>A person the provider knows.</summary>
/// <param name="EmailVerified">What the provider says in <c>email_verified</c>.</param>
public sealed record TestOidcUser(string Subject, string? Email, bool EmailVerified, string Name);

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a loopback port: discovery, authorization code flow with PKCE
/// required, confidential clients, userinfo. Its login page signs in whoever <see cref="User"/> names without asking,
/// as a person who is already signed in at their provider experiences it; with <see cref="User"/> null the person
/// declines, and the client gets <c>error=access_denied</c>.
/// </summary>
public sealed class TestOidcServer : IAsyncDisposable
{
    public const string LoginPath = "/login";
    private const string LoginScheme = "test-provider-login";

    private readonly WebApplication _app;
    private readonly SqliteConnection _store;

    private TestOidcServer(WebApplication app, SqliteConnection store)
    {
        _app = app;
        _store = store;
    }

    /// <summary>The issuer: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>Who the login page signs in next; null: the person declines.</summary>
    public TestOidcUser? User { get; set; }

    public static async Task<TestOidcServer> StartAsync(CancellationToken cancellationToken = default)
    {
        // In memory, for as long as this connection is open.
        var store = new SqliteConnection("Data Source=:memory:");
        await store.OpenAsync(cancellationToken);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDbContext<ProviderDbContext>(o => o.UseSqlite(store).UseOpenIddict());
        builder.Services.AddAuthentication(LoginScheme).AddCookie(LoginScheme, o =>
        {
            o.Cookie.Name = "test-provider";
            o.LoginPath = LoginPath;
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                // The issuer follows the request (http://127.0.0.1:{port}/); the code and token requests are handled
                // by OpenIddict itself, only the authorization step is ours.
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        var server = new TestOidcServer(app, store);
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)server.AuthorizeAsync);
        app.MapGet(LoginPath, (Func<HttpContext, string?, Task<IResult>>)server.LogInAsync);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync(cancellationToken);
        }

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Authority = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The settings that make Podium use this provider as <c>Podium:Authentication:Oidc:{name}</c>.</summary>
    public IReadOnlyDictionary<string, string?> SettingsFor(string name, string displayName, string clientId, string clientSecret) =>
        new Dictionary<string, string?>
        {
            [$"Podium:Authentication:Oidc:{name}:Authority"] = Authority.ToString(),
            [$"Podium:Authentication:Oidc:{name}:ClientId"] = clientId,
            [$"Podium:Authentication:Oidc:{name}:ClientSecret"] = clientSecret,
            [$"Podium:Authentication:Oidc:{name}:DisplayName"] = displayName,
        };

    /// <summary>A confidential client that must use PKCE and may be sent back only to <paramref name="redirectUri"/>.</summary>
    public async Task RegisterClientAsync(string clientId, string clientSecret, Uri redirectUri, CancellationToken cancellationToken = default)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        }, cancellationToken);
    }

    /// <summary>
    /// Plays the person's browser at the provider: follows <paramref name="authorizeUrl"/> through the login page and
    /// returns where the provider sends them back to (the client's redirect URI with the code, or with an error).
    /// </summary>
    public async Task<Uri> FollowAsync(Uri authorizeUrl, CancellationToken cancellationToken = default)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var next = authorizeUrl;
        for (var hop = 0; hop < 5; hop++)
        {
            using var response = await browser.GetAsync(next, cancellationToken);
            var location = response.Headers.Location
                ?? throw new InvalidOperationException($"The provider answered {(int)response.StatusCode} at {next}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            next = location.IsAbsoluteUri ? location : new Uri(next, location);
            if (next.Authority != Authority.Authority)
            {
                return next;
            }
        }

        throw new InvalidOperationException("The provider kept redirecting to itself.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var user = User;
        if (user is null)
        {
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        // Signed in here as someone else (or not at all): through the login page first, as a real provider would.
        var login = await http.AuthenticateAsync(LoginScheme);
        if (login.Principal?.FindFirst(Claims.Subject)?.Value != user.Subject)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString }, [LoginScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.Name);
        if (user.Email is not null)
        {
            identity.SetClaim(Claims.Email, user.Email);
            identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The test-only login page: approves <see cref="User"/> at once (declining is the authorization step's).</summary>
    private async Task<IResult> LogInAsync(HttpContext http, string? returnUrl)
    {
        if (User is { } user)
        {
                await http.SignInAsync(LoginScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(Claims.Subject, user.Subject)], LoginScheme)));
        }

        return Results.Redirect(returnUrl is not null && returnUrl.StartsWith('/') ? returnUrl : "/");
    }

    internal sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
}
