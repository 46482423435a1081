using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Podium.Platform.Data;
using Podium.Platform.Observability;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Cli;

/// <summary><c>podium health</c>, run as the real binary, as a container's HEALTHCHECK runs it.</summary>
public sealed class HealthCommandTests : IAsyncLifetime
{
    /// <summary>A fresh app's first answers can take seconds on a loaded machine; these tests are about the answer.</summary>
    private const string Patient = "30";

    private PodiumAppFactory? _app;
    private Uri? _baseAddress;

    public async ValueTask InitializeAsync()
    {
        _app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        _baseAddress = _app.StartOnKestrel();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// What a bare container (or one whose settings are wrong) has: Production, and a configuration on which the
    /// server, and commands that compose the app, refuse to run.
    /// </summary>
    private static Dictionary<string, string> BrokenProductionSettings => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Podium__Database__Provider"] = "Postgres",
        ["Podium__Identity__PasswordHashIterations"] = "1",
    };

    [Fact]
    public async Task Health_WhenTheInstanceIsLive_ExitsZeroWithOneLine()
    {
        var url = new Uri(_baseAddress!, "/health/live").ToString();

        var result = await PodiumProcess.RunAsync(BrokenProductionSettings, "health", "--url", url, "--timeout", Patient);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.TrimEnd().ShouldBe($"healthy: {url} answered 200 OK");
        result.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task Health_WhenSettingsWouldStopTheApp_StillProbes()
    {
        // The same settings make a command that composes the app fail, so the probe's success above is not luck.
        var status = await PodiumProcess.RunAsync(BrokenProductionSettings, "db", "status");
        status.ExitCode.ShouldNotBe(0, status.ToString());

        var result = await PodiumProcess.RunAsync(
            new Dictionary<string, string>(BrokenProductionSettings) { ["ASPNETCORE_HTTP_PORTS"] = _baseAddress!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "health", "--timeout", Patient);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain($"http://127.0.0.1:{_baseAddress.Port}/health/live answered 200");
    }

    [Fact]
    public async Task Health_WhenNothingListens_ExitsOneWithOneErrorLine()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}/health/live";

        var result = await PodiumProcess.RunAsync(new Dictionary<string, string>(), "health", "--url", url);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldBeEmpty();
        result.Error.TrimEnd().ShouldNotContain("\n");
        result.Error.ShouldStartWith($"error: unhealthy: {url} did not answer");
    }

    [Fact]
    public async Task Health_WhenTheAddressAnswersNon2xx_ExitsOne()
    {
        var url = new Uri(_baseAddress!, "/health/no-such-endpoint").ToString();

        var result = await PodiumProcess.RunAsync(new Dictionary<string, string>(), "health", "--url", url, "--timeout", Patient);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.TrimEnd().ShouldBe($"error: unhealthy: {url} answered 404 Not Found");
    }

    [Theory]
    [InlineData("--url", "not a url", "--url must be an absolute http:// or https:// address")]
    [InlineData("--url", "ftp://127.0.0.1/health/live", "--url must be an absolute http:// or https:// address")]
    [InlineData("--timeout", "0", "--timeout must be between 0 and 300 seconds")]
    [InlineData("--timeout", "1e9", "--timeout must be between 0 and 300 seconds")]
    [InlineData("--timeout", "soon", "Cannot parse argument 'soon'")]
    public async Task Health_WhenGivenGarbage_ExitsOneNamingTheOption(string option, string value, string message)
    {
        var result = await PodiumProcess.RunAsync(new Dictionary<string, string>(), "health", option, value);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain(message);
    }

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080/health/live")]
    [InlineData(null, "9000;9001", "http://127.0.0.1:9000/health/live")]
    [InlineData("http://+:5000", "8080", "http://127.0.0.1:5000/health/live")]
    [InlineData("http://*:5001;https://*:5443", null, "http://127.0.0.1:5001/health/live")]
    [InlineData("https://[::]:5443;http://[::]:5002/", null, "http://127.0.0.1:5002/health/live")]
    [InlineData("http://0.0.0.0", null, "http://127.0.0.1/health/live")]
    [InlineData("https://+:5443", "8081", "http://127.0.0.1:8081/health/live")]
    [InlineData(null, "none", "http://127.0.0.1:8080/health/live")]
    public void DefaultUrl_FollowsKestrelsSettings(string? urls, string? httpPorts, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["URLS"] = urls, ["HTTP_PORTS"] = httpPorts })
            .Build();

        HealthCommand.DefaultUrl(configuration).ToString().ShouldBe(expected);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
