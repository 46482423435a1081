using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Podium.Platform.Identity;
using Podium.Platform.Observability;

namespace Podium.Platform.Cli;

/// <summary><c>GET /api/v1/me</c> as the CLI reads it.</summary>
internal sealed record MeResponse(string Id, string DisplayName, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Scopes);

/// <summary>An error answer (RFC 9457) as far as the CLI cares: what to tell the user, and whether a code is missing.</summary>
internal sealed record ApiProblem(HttpStatusCode Status, string? Type, string? Title, string? Detail, IReadOnlyList<string> Fields, TimeSpan? RetryAfter)
{
    /// <summary>The best one-line description for a person.</summary>
    public string Describe() => Detail ?? Title ?? $"{(int)Status} {Status}";

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? type = null, title = null, detail = null;
        var fields = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                type = Text(root, "type");
                title = Text(root, "title");
                detail = Text(root, "detail");
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    fields.AddRange(errors.EnumerateObject().Select(e => e.Name));
                }
            }
        }
        catch (JsonException)
        {
            // Not Problem Details (a proxy's HTML error page, say): the status has to do.
        }

        return new ApiProblem(response.StatusCode, type, title, detail, fields, response.Headers.RetryAfter?.Delta);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// Calls the Podium API as the user who ran <c>podium login</c>: the stored API key, or the access token, renewed with
/// the refresh token when it has expired (or the server no longer takes it). For CLI commands that work against a
/// running server rather than the database.
/// </summary>
public sealed class PodiumApiClient : IDisposable
{
    /// <summary>An access token this close to expiry is renewed before use, not after a refusal.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(30);

    private readonly CliCredentialStore _store;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private CliCredentials _credentials;

    private PodiumApiClient(CliCredentialStore store, CliCredentials credentials, TimeProvider time, HttpMessageHandler? handler)
    {
        _store = store;
        _credentials = credentials;
        _time = time;
        _http = CreateHttpClient(handler);
    }

    public Uri BaseAddress => new(_credentials.Url);

    /// <summary>The signed-in user's client; a <see cref="CliException"/> telling them to sign in when nobody is.</summary>
    public static async Task<PodiumApiClient> ForSignedInUserAsync(
        CliCredentialStore store, TimeProvider time, CancellationToken cancellationToken, HttpMessageHandler? handler = null)
    {
        var credentials = await store.LoadAsync(cancellationToken)
            ?? throw new CliException("Not signed in: run `podium login --url https://your-podium` first.");
        return new PodiumApiClient(store, credentials, time, handler);
    }

    /// <summary>Sends a request to <paramref name="path"/> (relative to the server, e.g. <c>/api/v1/me</c>) with a JSON body if given.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? json, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(method, path, json, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || _credentials.IsApiKey)
        {
            return response;
        }

        // Revoked or signed with a key the server has since dropped: one renewal, then the answer stands.
        response.Dispose();
        await RenewAsync(force: true, cancellationToken);
        return await SendOnceAsync(method, path, json, cancellationToken);
    }

    /// <summary>GETs JSON; an error answer becomes a <see cref="CliException"/> with the server's explanation.</summary>
    public async Task<T> GetFromJsonAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, json: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ApiProblem.ReadAsync(response, cancellationToken);
            throw new CliException($"{path}: {problem.Describe()}");
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new CliException($"{path} answered with an empty body.");
    }

    public void Dispose() => _http.Dispose();

    internal static HttpClient CreateHttpClient(HttpMessageHandler? handler)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(30);
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("podium-cli", BuildInfo.Version.Split('+')[0]));
        return http;
    }

    internal static Uri Endpoint(string baseUrl, string path) => new($"{baseUrl}/{path.TrimStart('/')}");

    internal static CliCredentials WithTokens(CliCredentials credentials, TokenResponse tokens, TimeProvider time) => credentials with
    {
        ApiKey = null,
        AccessToken = tokens.AccessToken,
        AccessTokenExpiresAt = time.GetUtcNow().UtcDateTime.AddSeconds(tokens.ExpiresIn),
        RefreshToken = tokens.RefreshToken,
        RefreshTokenExpiresAt = DateTime.SpecifyKind(tokens.RefreshTokenExpiresAt.ToUniversalTime(), DateTimeKind.Utc),
    };

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, object? json, CancellationToken cancellationToken)
    {
        if (!_credentials.IsApiKey && _credentials.AccessTokenExpiresAt - RenewBefore <= _time.GetUtcNow().UtcDateTime)
        {
            await RenewAsync(force: false, cancellationToken);
        }

        using var request = new HttpRequestMessage(method, Endpoint(_credentials.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _credentials.ApiKey ?? _credentials.AccessToken);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    private async Task RenewAsync(bool force, CancellationToken cancellationToken)
    {
        await using var held = await _store.LockAsync(_time, cancellationToken);
        // Another podium may have renewed while this one waited: its tokens are the current ones (ours are spent).
        var stored = await _store.LoadAsync(cancellationToken)
            ?? throw new CliException("Signed out meanwhile: run `podium login` again.");
        var fresh = stored.AccessTokenExpiresAt - RenewBefore > _time.GetUtcNow().UtcDateTime;
        if (fresh && (!force || stored.AccessToken != _credentials.AccessToken))
        {
            _credentials = stored;
            return;
        }

        if (stored.RefreshToken is null || stored.RefreshTokenExpiresAt <= _time.GetUtcNow().UtcDateTime)
        {
            throw new CliException($"Your sign-in to {stored.Url} has expired: run `podium login --url {stored.Url}` again.");
        }

        using var response = await _http.PostAsJsonAsync(Endpoint(stored.Url, "/api/v1/auth/refresh"), new { refreshToken = stored.RefreshToken }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ApiProblem.ReadAsync(response, cancellationToken);
            throw new CliException($"{stored.Url} did not renew your sign-in ({problem.Describe()}): run `podium login --url {stored.Url}` again.");
        }

        var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new CliException($"{stored.Url} answered the renewal with an empty body.");
        _credentials = WithTokens(stored, tokens, _time);
        await _store.SaveAsync(_credentials, cancellationToken);
    }
}
