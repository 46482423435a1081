using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using Podium.Platform.Identity;

namespace Podium.Platform.Cli;

/// <summary>
/// <c>podium login</c>: signs this machine's user in to a Podium server for the commands that call its API. With an API
/// key (pasted at the prompt, or piped with <c>--api-key-stdin</c>), checked against <c>GET /api/v1/me</c>; or with
/// e-mail and password (and the authenticator code when the account has two-factor sign-in), exchanged at
/// <c>POST /api/v1/auth/token</c> for a token pair. Needs no settings or database: it runs before the app is composed.
/// </summary>
internal sealed class LoginCommand(TimeProvider time) : ICliCommand
{
    public const string Name = "login";
    private const int CodeAttempts = 3;

    public Command Build(IServiceProvider services) => Create(time);

    public static Command Create(TimeProvider time)
    {
        var url = new Option<string>("--url") { Description = "The Podium server, e.g. https://podium.example.org", Required = true };
        var email = new Option<string?>("--email") { Description = "Sign in with this e-mail address and its password (asked for)" };
        var apiKeyStdin = new Option<bool>("--api-key-stdin") { Description = "Read an API key from standard input instead of asking" };
        var command = new Command(Name,
            "Sign in to a Podium server, with an API key or with e-mail and password (and authenticator code), for the " +
            "commands that use its API. The credential is kept, readable by you only, in $XDG_CONFIG_HOME/podium " +
            "(~/.config/podium).")
        {
            url,
            email,
            apiKeyStdin,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            () => new Login(CliTerminal.FromConsole(), CliCredentialStore.ForCurrentUser(), time)
                .RunAsync(parse.GetValue(url)!, parse.GetValue(email), parse.GetValue(apiKeyStdin), cancellationToken),
            CliTerminal.FromConsole()));
        return command;
    }

    /// <summary>Failures the user can act on are one line on stderr and exit 1; anything else is a bug and propagates.</summary>
    internal static async Task<int> RunAsync(Func<Task<int>> action, CliTerminal terminal)
    {
        try
        {
            return await action();
        }
        catch (CliException ex)
        {
            await terminal.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        catch (HttpRequestException ex)
        {
            await terminal.Error.WriteLineAsync($"error: the server could not be reached ({ex.HttpRequestError}: {ex.Message})");
            return 1;
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            await terminal.Error.WriteLineAsync("error: the server did not answer within 30 s");
            return 1;
        }
    }

    private sealed class Login(CliTerminal terminal, CliCredentialStore store, TimeProvider time)
    {
        public async Task<int> RunAsync(string urlText, string? email, bool apiKeyFromStdin, CancellationToken cancellationToken)
        {
            var url = ServerUrl(urlText);
            using var http = PodiumApiClient.CreateHttpClient(handler: null);
            if (!apiKeyFromStdin && string.IsNullOrWhiteSpace(email))
            {
                email = terminal.Ask("E-mail address (leave empty to paste an API key instead): ");
            }

            CliCredentials credentials;
            if (apiKeyFromStdin || string.IsNullOrWhiteSpace(email))
            {
                var key = terminal.AskSecret(apiKeyFromStdin ? "" : "API key: ");
                credentials = await WithApiKeyAsync(http, url, key, cancellationToken);
            }
            else
            {
                var password = terminal.AskSecret("Password: ");
                credentials = await WithPasswordAsync(http, url, email.Trim(), password, cancellationToken);
            }

            await store.SaveAsync(credentials, cancellationToken);
            var how = credentials.IsApiKey ? "with an API key" : "with your password";
            await terminal.Out.WriteLineAsync($"Signed in to {url} as {credentials.DisplayName ?? credentials.UserId ?? "you"} {how}.");
            await terminal.Out.WriteLineAsync($"Credentials saved in {store.Path} (readable by you only). `podium logout` removes them.");
            return 0;
        }

        /// <summary>
        /// An absolute http(s) address, without a trailing slash. Plain HTTP only to this machine: a password or key
        /// sent over it to anywhere else can be read on the way.
        /// </summary>
        private static string ServerUrl(string text)
        {
            if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new CliException($"--url must be the server's address, such as https://podium.example.org, not '{text}'.");
            }

            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            {
                throw new CliException($"--url must use https:// ({uri.Host} is not this machine, and plain HTTP would show your credentials to the network).");
            }

            return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        private static async Task<CliCredentials> WithApiKeyAsync(HttpClient http, string url, string key, CancellationToken cancellationToken)
        {
            if (key.Length == 0)
            {
                throw new CliException("No API key was given.");
            }

            var me = await MeAsync(http, url, key, cancellationToken)
                ?? throw new CliException($"{url} did not accept that API key (revoked, expired, or mistyped).");
            return new CliCredentials { Url = url, ApiKey = key, UserId = me.Id, DisplayName = me.DisplayName };
        }

        private async Task<CliCredentials> WithPasswordAsync(HttpClient http, string url, string email, string password, CancellationToken cancellationToken)
        {
            if (password.Length == 0)
            {
                throw new CliException("No password was given.");
            }

            string? code = null;
            for (var attempt = 0; ; attempt++)
            {
                // "code" only once the server asked for it, as a person would type it.
                object body = code is null ? new { email, password } : new { email, password, code };
                using var response = await http.PostAsJsonAsync(PodiumApiClient.Endpoint(url, "/api/v1/auth/token"), body, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                        ?? throw new CliException($"{url} answered the sign-in with an empty body.");
                    var credentials = PodiumApiClient.WithTokens(new CliCredentials { Url = url }, tokens, time);
                    var me = await MeAsync(http, url, tokens.AccessToken, cancellationToken);
                    return credentials with { UserId = me?.Id, DisplayName = me?.DisplayName };
                }

                var problem = await ApiProblem.ReadAsync(response, cancellationToken);
                if (problem.Status == HttpStatusCode.TooManyRequests)
                {
                    var wait = problem.RetryAfter is { } after ? $" in {Math.Ceiling(after.TotalSeconds)} s" : " later";
                    throw new CliException($"Too many sign-in attempts: try again{wait}.");
                }

                if (!AsksForCode(problem) || attempt >= CodeAttempts)
                {
                    throw new CliException(problem.Status == HttpStatusCode.Unauthorized
                        ? $"{url} did not sign you in: {problem.Describe()}"
                        : $"{url} answered {(int)problem.Status}: {problem.Describe()}");
                }

                if (code is not null)
                {
                    await terminal.Error.WriteLineAsync($"That code was not accepted ({problem.Describe()}).");
                }

                code = terminal.Ask("Authenticator code: ");
                if (code.Length == 0)
                {
                    throw new CliException("This account signs in with an authenticator code, and none was given.");
                }
            }
        }

        /// <summary>
        /// Whether the refusal is about the second factor (needed, or wrong) rather than the password: a 400 or 401
        /// whose problem type, title or detail speaks of a code or two-factor sign-in, or names a <c>code</c> field.
        /// </summary>
        internal static bool AsksForCode(ApiProblem problem) =>
            problem.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
            && (problem.Fields.Any(f => f.Equals("code", StringComparison.OrdinalIgnoreCase))
                || new[] { problem.Type, problem.Title, problem.Detail }.Any(text => text is not null && SecondFactorWords.Any(
                    word => text.Contains(word, StringComparison.OrdinalIgnoreCase))));

        private static readonly string[] SecondFactorWords = ["code", "two-factor", "two factor", "2fa", "totp", "mfa", "authenticator"];

        /// <summary>Who the credential belongs to; null when the server refuses it.</summary>
        private static async Task<MeResponse?> MeAsync(HttpClient http, string url, string bearer, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, PodiumApiClient.Endpoint(url, "/api/v1/me"));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var problem = await ApiProblem.ReadAsync(response, cancellationToken);
                throw new CliException($"{url} answered {(int)problem.Status}: {problem.Describe()}");
            }

            return await response.Content.ReadFromJsonAsync<MeResponse>(cancellationToken);
        }
    }
}

/// <summary><c>podium logout</c>: ends the stored sign-in (revoking its refresh token when the server can be reached) and removes the file.</summary>
internal sealed class LogoutCommand : ICliCommand
{
    public const string Name = "logout";

    public Command Build(IServiceProvider services) => Create();

    public static Command Create()
    {
        var command = new Command(Name, "Sign out: revoke the stored sign-in on the server (best effort) and delete the credentials file.");
        command.SetAction((_, cancellationToken) =>
        {
            var terminal = CliTerminal.FromConsole();
            return LoginCommand.RunAsync(() => LogoutAsync(terminal, CliCredentialStore.ForCurrentUser(), cancellationToken), terminal);
        });
        return command;
    }

    private static async Task<int> LogoutAsync(CliTerminal terminal, CliCredentialStore store, CancellationToken cancellationToken)
    {
        var credentials = await LoadOrNullAsync(store, cancellationToken);
        if (credentials?.RefreshToken is { } refreshToken)
        {
            // Best effort: the file goes either way, and an unrevoked refresh token still expires on its own.
            try
            {
                using var http = PodiumApiClient.CreateHttpClient(handler: null);
                http.Timeout = TimeSpan.FromSeconds(10);
                using var response = await http.PostAsJsonAsync(PodiumApiClient.Endpoint(credentials.Url, "/api/v1/auth/revoke"), new { refreshToken }, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    await terminal.Error.WriteLineAsync($"warning: {credentials.Url} did not revoke the sign-in ({(int)response.StatusCode}); it ends when it expires.");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await terminal.Error.WriteLineAsync($"warning: {credentials.Url} could not be reached to revoke the sign-in; it ends when it expires.");
            }
        }

        if (!store.Delete())
        {
            await terminal.Out.WriteLineAsync("Not signed in; nothing to remove.");
            return 0;
        }

        await terminal.Out.WriteLineAsync(credentials is null ? $"Removed {store.Path}." : $"Signed out of {credentials.Url}; removed {store.Path}.");
        return 0;
    }

    private static async Task<CliCredentials?> LoadOrNullAsync(CliCredentialStore store, CancellationToken cancellationToken)
    {
        try
        {
            return await store.LoadAsync(cancellationToken);
        }
        catch (CliException)
        {
            // An unreadable file is still removed.
            return null;
        }
    }
}
