using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Podium.Tests.Cli;

/// <summary>
/// The server side of the API-access contract the CLI is written against (token, refresh, revoke, me), on a loopback
/// port, recording what it was sent: e-mail + password (+ code when two-factor is on) → a token pair; each refresh
/// token works once; 401 Problem Details otherwise. A protected <c>/api/v1/fights</c> stands for any later command's
/// call.
/// </summary>
public sealed class FakePodiumApi : IAsyncDisposable
{
    public const string Email = "robin@example.org";
    public const string Password = "marble kettle orbit lantern";
    public const string Code = "123456";
    public const string ApiKey = "pod_4fJq9ZkT0b7Lx2WcN8mRv3YsHd6Ge1Pa";
    public const string DisplayName = "Robin Shore";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _accessTokens = new();
    private readonly ConcurrentDictionary<string, byte> _refreshTokens = new();
    private int _refreshes;

    private FakePodiumApi(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.Single());

    /// <summary>Whether the account signs in with an authenticator code too.</summary>
    public bool TwoFactor { get; set; }

    /// <summary>Every request, as "METHOD /path [body]".</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public int Refreshes => Volatile.Read(ref _refreshes);

    public static async Task<FakePodiumApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakePodiumApi(app);
        fake.Map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return fake;
    }

    /// <summary>A token pair as a sign-in would have issued it.</summary>
    public (string Access, string Refresh) Issue()
    {
        var pair = (Random("at"), Random("rt"));
        _accessTokens[pair.Item1] = 0;
        _refreshTokens[pair.Item2] = 0;
        return pair;
    }

    public bool IsLive(string refreshToken) => _refreshTokens.ContainsKey(refreshToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record TokenRequest(string? Email, string? Password, string? Code);

    public sealed record RefreshRequest(string? RefreshToken);

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            Calls.Enqueue($"{context.Request.Method} {context.Request.Path} {body}".TrimEnd());
            await next(context);
        });

        app.MapPost("/api/v1/auth/token", (TokenRequest request) =>
        {
            if (request.Email != Email || request.Password != Password)
            {
                return Problem(401, "Sign-in failed", "The e-mail address or password is wrong.");
            }

            if (TwoFactor && request.Code is null)
            {
                return Problem(401, "Two-factor code required", "This account also needs the code from its authenticator app.", "https://podium.test/problems/two-factor-required");
            }

            return TwoFactor && request.Code != Code
                ? Problem(401, "Sign-in failed", "The authenticator code is wrong or has expired.", "https://podium.test/problems/two-factor-required")
                : Tokens();
        });
        app.MapPost("/api/v1/auth/refresh", (RefreshRequest request) =>
        {
            if (request.RefreshToken is null || !_refreshTokens.TryRemove(request.RefreshToken, out _))
            {
                return Problem(401, "Refresh failed", "The refresh token is not valid.");
            }

            Interlocked.Increment(ref _refreshes);
            return Tokens();
        });
        app.MapPost("/api/v1/auth/revoke", (RefreshRequest request) =>
        {
            _refreshTokens.TryRemove(request.RefreshToken ?? "", out _);
            return Results.NoContent();
        });
        app.MapGet("/api/v1/me", (HttpContext context) => Authenticated(context)
            ? Results.Json(new { id = "0195d3c4-0000-7000-8000-000000000001", displayName = DisplayName, roles = new[] { "Member" }, scopes = new[] { "fights:read" } })
            : Unauthorized());
        app.MapGet("/api/v1/fights", (HttpContext context) => Authenticated(context) ? Results.Json(new { ok = true }) : Unauthorized());
    }

    private IResult Tokens()
    {
        var (access, refresh) = Issue();
        return Results.Json(new { accessToken = access, tokenType = "Bearer", expiresIn = 900, refreshToken = refresh, refreshTokenExpiresAt = DateTime.UtcNow.AddDays(30) });
    }

    private bool Authenticated(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.Ordinal)
        && header["Bearer ".Length..] is var credential && (credential == ApiKey || _accessTokens.ContainsKey(credential));

    private static IResult Unauthorized() => Problem(401, "Unauthorized", "A valid API key or access token is required.");

    private static IResult Problem(int status, string title, string detail, string? type = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, type: type);

    private static string Random(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}
