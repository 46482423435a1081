using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Podium.Platform.Cli;

namespace Podium.Platform.Observability;

/// <summary>
/// <c>podium health</c>: asks a running instance whether it serves, for container health checks in images that carry
/// no curl or wget. It talks HTTP only: no database, no settings validation, nothing a broken deployment could make
/// it fail on except the answer itself.
/// </summary>
internal sealed partial class HealthCommand(IConfiguration configuration) : ICliCommand
{
    public const string Name = "health";
    private const int DefaultPort = 8080;
    private const string LivePath = "/health/live";

    public Command Build(IServiceProvider services) => Create(configuration);

    /// <param name="configuration">
    /// Kestrel's own keys (<c>URLS</c>, <c>HTTP_PORTS</c>, i.e. <c>ASPNETCORE_URLS</c>/<c>ASPNETCORE_HTTP_PORTS</c>) pick
    /// the default address, so the probe follows the port the server was told to use.
    /// </param>
    public static Command Create(IConfiguration configuration)
    {
        var defaultUrl = DefaultUrl(configuration);
        var url = new Option<string>("--url")
        {
            Description = "Address to probe; 2xx is healthy",
            DefaultValueFactory = _ => defaultUrl.ToString(),
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for the answer",
            DefaultValueFactory = _ => 3,
        };
        var command = new Command(Name,
            $"Probe a running instance (default {defaultUrl}, from ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS) and exit 0 " +
            "when it answers 2xx, 1 otherwise. Needs no database or settings: meant for container health checks.")
        {
            url,
            timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(url);
            var seconds = parse.GetValue(timeout);
            if (!Uri.TryCreate(target, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            {
                return await FailAsync($"--url must be an absolute http:// or https:// address, not '{target}'.");
            }

            if (!(seconds > 0 && seconds <= 300))
            {
                return await FailAsync($"--timeout must be between 0 and 300 seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}.");
            }

            return await ProbeAsync(address, TimeSpan.FromSeconds(seconds), cancellationToken);
        });
        return command;
    }

    /// <summary>Loopback on the first port Kestrel is configured with; 8080 (the container images' port) otherwise.</summary>
    public static Uri DefaultUrl(IConfiguration configuration)
    {
        // ASPNETCORE_URLS wins over ASPNETCORE_HTTP_PORTS in Kestrel, so it does here too. Only plain-HTTP entries: a
        // certificate is issued for the public name, never for 127.0.0.1.
        foreach (var entry in Split(configuration["URLS"]))
        {
            var match = HttpListenUrl().Match(entry);
            if (match.Success && TryPort(match.Groups["port"].Success ? match.Groups["port"].Value : "80", out var port))
            {
                return Loopback(port);
            }
        }

        foreach (var entry in Split(configuration["HTTP_PORTS"]))
        {
            if (TryPort(entry, out var port))
            {
                return Loopback(port);
            }
        }

        return Loopback(DefaultPort);
    }

    // Wildcard hosts (+, *) are not valid in a Uri, so the listen address is matched rather than parsed.
    [GeneratedRegex(@"^http://(\[[^\]]*\]|[^/:\[]*)(:(?<port>\d{1,5}))?(/|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HttpListenUrl();

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Uri Loopback(int port) => new UriBuilder(Uri.UriSchemeHttp, "127.0.0.1", port, LivePath).Uri;

    private static async Task<int> ProbeAsync(Uri address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // No proxy (an HTTP_PROXY meant for outbound calls must not carry a loopback probe) and no redirects: the
        // answer of this address is the verdict.
        using var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var answer = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
            if (response.IsSuccessStatusCode)
            {
                Console.WriteLine($"healthy: {address} answered {answer}");
                return 0;
            }

            return await FailAsync($"unhealthy: {address} answered {answer}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await FailAsync($"unhealthy: {address} did not answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException ex)
        {
            return await FailAsync($"unhealthy: {address} did not answer ({ex.HttpRequestError}: {ex.Message})");
        }
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}");
        return 1;
    }
}
