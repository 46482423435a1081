using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Deploy;

/// <summary>
/// The container's life without a container engine: the build output started the way the image's ENTRYPOINT starts
/// it, with the Dockerfile's ENV, a fresh data directory and only the settings docs/DEPLOYMENT.md calls required.
/// </summary>
public sealed partial class ImageEntryTests
{
    [Fact]
    public async Task Image_RefusesPendingMigrationsThenMigratesServesAndReportsHealthy()
    {
        var ct = TestContext.Current.CancellationToken;
        // The image's WORKDIR: the content root, where data/podium.db (the volume) lands.
        var workdir = Directory.CreateTempSubdirectory("podium-image-").FullName;
        var port = FreePort();
        var environment = Dockerfile.Load().RuntimeEnvironment();
        environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(CultureInfo.InvariantCulture);
        var required = RequiredSettings();
        required.Keys.ShouldBe(["Podium__PublicUrl", "Podium__Email__From", "Podium__Email__SmtpHost"], ignoreOrder: true);
        foreach (var (name, value) in required)
        {
            environment[name] = value;
        }

        // A forgotten `db migrate`: the server names it and exits 3 instead of serving on an old schema.
        var early = await PodiumProcess.RunInAsync(workdir, environment, "");
        early.ExitCode.ShouldBe(3, early.ToString());
        early.Error.ShouldContain("podium db migrate");

        var migrate = await PodiumProcess.RunInAsync(workdir, environment, "", "db", "migrate");
        migrate.ExitCode.ShouldBe(0, migrate.ToString());
        File.Exists(Path.Combine(workdir, "data", "podium.db")).ShouldBeTrue();

        PodiumProcess.Result? health = null;
        await using (var server = PodiumProcess.Start(workdir, environment))
        {
            // The HEALTHCHECK command, exactly as the image runs it (no --url: the port comes from ASPNETCORE_HTTP_PORTS).
            for (var attempt = 0; attempt < 60 && !server.HasExited; attempt++)
            {
                health = await PodiumProcess.RunInAsync(workdir, environment, "", "health");
                if (health.ExitCode == 0)
                {
                    break;
                }

                await Task.Delay(500, ct);
            }

            health.ShouldNotBeNull();
            health.ExitCode.ShouldBe(0, $"{health}\n--- server\n{(server.HasExited ? await server.StopAsync() : null)}");
            health.Output.ShouldContain($"http://127.0.0.1:{port}/health/live answered 200");

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var ready = await client.GetAsync("/health/ready", ct);
            ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var stopped = await PodiumProcess.RunInAsync(workdir, environment, "", "health");
        stopped.ExitCode.ShouldBe(1, stopped.ToString());
        Directory.Delete(workdir, recursive: true);
    }

    /// <summary>
    /// Behind nginx or an ingress (TLS ends there) the app must see the original scheme: in Production, antiforgery
    /// refuses plain-HTTP requests, so unless the proxy is a known proxy no form would render.
    /// </summary>
    [Fact]
    public async Task BehindTheProxy_FormsRenderWithTheForwardedScheme()
    {
        var ct = TestContext.Current.CancellationToken;
        var compose = DeployFiles.LoadYaml("deploy/compose.yaml").Map("services").Map("app1").Map("environment");
        var configMap = DeployFiles.LoadYaml("deploy/k8s/configmap.yaml").Map("data");
        const string variable = "Podium__ForwardedHeaders__KnownProxies__0";
        compose.Text(variable).ShouldNotBeNullOrWhiteSpace();
        configMap.Text(variable).ShouldNotBeNullOrWhiteSpace();

        var workdir = Directory.CreateTempSubdirectory("podium-proxy-").FullName;
        var port = FreePort();
        var environment = Dockerfile.Load().RuntimeEnvironment();
        environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(CultureInfo.InvariantCulture);
        // This test's client plays the proxy, from loopback.
        environment[variable] = "127.0.0.1";
        foreach (var (name, value) in RequiredSettings())
        {
            environment[name] = value;
        }

        (await PodiumProcess.RunInAsync(workdir, environment, "", "db", "migrate")).ExitCode.ShouldBe(0);
        await using (var server = PodiumProcess.Start(workdir, environment))
        {
            var health = await PodiumProcess.RunInAsync(workdir, environment, "", "health");
            for (var attempt = 0; attempt < 60 && health.ExitCode != 0 && !server.HasExited; attempt++)
            {
                await Task.Delay(500, ct);
                health = await PodiumProcess.RunInAsync(workdir, environment, "", "health");
            }

            health.ExitCode.ShouldBe(0, health.ToString());
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
            // What nginx (deploy/nginx/nginx.conf) and ingress-nginx send.
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");

            var response = await client.SendAsync(request, ct);

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("__Host-podium-csrf=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        }

        Directory.Delete(workdir, recursive: true);
    }

    /// <summary>
    /// An instance of deploy/compose.yaml: its environment, interpolated from deploy/.env.example, with only the
    /// addresses of PostgreSQL and Redis changed to the test services. Every value must bind and pass Production's
    /// checks (an enum misspelt in compose would stop the app here, not on an operator's machine).
    /// </summary>
    [Fact]
    public async Task ComposeInstanceEnvironment_MigratesAndServesOnPostgres()
    {
        var ct = TestContext.Current.CancellationToken;
        var redis = TestServices.RequireRedis();
        await using var database = await TestDatabase.CreateAsync(Podium.Platform.Data.DatabaseProvider.Postgres);
        var variables = DeployFiles.Read("deploy/.env.example").Split('\n')
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..].TrimEnd('\r'), StringComparer.Ordinal);
        var environment = Dockerfile.Load().RuntimeEnvironment();
        foreach (var (name, value) in DeployFiles.LoadYaml("deploy/compose.yaml").Map("services").Map("app1").Map("environment"))
        {
            environment[name] = Interpolation().Replace((string)value!, m => variables.TryGetValue(m.Groups["name"].Value, out var v) && v.Length > 0
                ? v
                : m.Groups["default"].Success ? m.Groups["default"].Value : throw new InvalidOperationException($"compose needs {m.Groups["name"].Value}"));
        }

        environment["ConnectionStrings__Podium"].ShouldStartWith("Host=postgres;");
        environment["ConnectionStrings__Podium"] = database.ConnectionString;
        environment["ConnectionStrings__Redis"] = redis;
        var port = FreePort();
        environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(CultureInfo.InvariantCulture);
        var workdir = Directory.CreateTempSubdirectory("podium-compose-").FullName;

        // The `migrate` service, then an instance.
        var migrate = await PodiumProcess.RunInAsync(workdir, environment, "", "db", "migrate");
        migrate.ExitCode.ShouldBe(0, migrate.ToString());
        migrate.Output.ShouldContain("Provider: Postgres");
        await using (var server = PodiumProcess.Start(workdir, environment))
        {
            var health = await PodiumProcess.RunInAsync(workdir, environment, "", "health");
            for (var attempt = 0; attempt < 60 && health.ExitCode != 0 && !server.HasExited; attempt++)
            {
                await Task.Delay(500, ct);
                health = await PodiumProcess.RunInAsync(workdir, environment, "", "health");
            }

            health.ExitCode.ShouldBe(0, $"{health}\n--- server\n{(server.HasExited ? await server.StopAsync() : null)}");
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            (await client.GetAsync("/health/ready", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        Directory.Delete(workdir, recursive: true);
    }

    /// <summary>The rows of docs/DEPLOYMENT.md's settings table marked required, with their example values.</summary>
    private static Dictionary<string, string> RequiredSettings() =>
        RequiredRow().Matches(DeployFiles.Read("docs/DEPLOYMENT.md"))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["example"].Value, StringComparer.Ordinal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Compose's <c>${NAME}</c>, <c>${NAME:-default}</c> and <c>${NAME:?message}</c>.</summary>
    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)(:-(?<default>[^}]*)|:\?[^}]*)?\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^\|\s*`(?<name>[A-Za-z_]+)`\s*\|\s*\*\*required\*\*[^|]*\|\s*`(?<example>[^`]+)`", RegexOptions.Multiline)]
    private static partial Regex RequiredRow();
}
