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

    [GeneratedRegex(@"^\|\s*`(?<name>[A-Za-z_]+)`\s*\|\s*\*\*required\*\*[^|]*\|\s*`(?<example>[^`]+)`", RegexOptions.Multiline)]
    private static partial Regex RequiredRow();
}
