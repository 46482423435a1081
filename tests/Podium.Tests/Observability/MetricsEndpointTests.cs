using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Observability;
using Podium.Tests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace Podium.Tests.Observability;

/// <summary><c>/metrics</c> on a real loopback socket: the allowed-network rule needs a real peer address.</summary>
public sealed class MetricsEndpointTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static async Task<(PodiumAppFactory App, HttpClient Client)> StartAsync(Action<PodiumAppFactory>? configure = null)
    {
        var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        configure?.Invoke(app);
        var address = app.StartOnKestrel();
        return (app, new HttpClient { BaseAddress = address });
    }

    /// <summary>
    /// Scrapes until <paramref name="expected"/> shows: measurements are recorded as a request ends (a moment after the
    /// client has its answer) and the exporter caches a scrape briefly.
    /// </summary>
    private async Task<string> ScrapeUntilAsync(HttpClient client, params string[] expected)
    {
        var text = "";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var response = await client.GetAsync("/metrics", _ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            text = await response.Content.ReadAsStringAsync(_ct);
            if (expected.All(text.Contains))
            {
                return text;
            }

            await Task.Delay(100, _ct);
        }

        return text;
    }

    [Fact]
    public async Task Metrics_WhenScrapedFromLoopbackAfterARequest_ServesPrometheusTextWithHttpDurations()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        using var __ = client;

        (await client.GetAsync("/api/v1/platform/info", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await ScrapeUntilAsync(client, "http_server_request_duration_seconds_bucket{", "http_route=\"/api/v1/platform/info\"");

        text.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
        text.ShouldContain("http_route=\"/api/v1/platform/info\"");
        text.ShouldContain("target_info{");
        text.ShouldContain("service_name=\"podium\"");
        var response = await client.GetAsync("/metrics", _ct);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/plain");
    }

    [Fact]
    public async Task Metrics_AfterARegistrationAndAPageView_ShowsBusinessEventsAndAnyPodiumMeter()
    {
        var (app, client) = await StartAsync(a => a.WithSetting("Podium:PublicUrl", "https://podium.test"));
        await using var _ = app;
        using var __ = client;
        // Any meter named Podium.* is exported without further wiring; this one exists only in this test.
        using var probe = app.Services.GetRequiredService<IMeterFactory>().Create("Podium.TestProbe");
        probe.CreateCounter<long>("podium.test_probe.pings", "{ping}").Add(3);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            (await accounts.RegisterAsync("Casey Rivers", $"casey-{Guid.NewGuid():N}@example.org", "marble kettle orbit lantern", _ct))
                .Succeeded.ShouldBeTrue();
        }

        (await client.GetAsync("/", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await ScrapeUntilAsync(
            client, "podium_business_events_total{", "event=\"registration\"", "event=\"page_view\"", "podium_test_probe_pings_total{");

        text.ShouldContain("# TYPE podium_business_events_total counter");
        text.Split('\n').ShouldContain(line => line.StartsWith("podium_business_events_total{", StringComparison.Ordinal)
            && line.Contains("event=\"registration\"", StringComparison.Ordinal));
        text.Split('\n').ShouldContain(line => line.StartsWith("podium_test_probe_pings_total{", StringComparison.Ordinal)
            && line.EndsWith(" 3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("fd00::/8")]
    public async Task Metrics_WhenTheCallerIsOutsideTheAllowedNetworks_Returns404(string onlyAllowed)
    {
        var (app, client) = await StartAsync(a => a.WithSetting("Podium:Metrics:AllowedNetworks:0", onlyAllowed));
        await using var _ = app;
        using var __ = client;
        (await client.GetAsync("/api/v1/platform/info", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await client.GetAsync("/metrics", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var body = await response.Content.ReadAsStringAsync(_ct);
        body.ShouldNotContain("http_server_request_duration_seconds");
        // Indistinguishable from an address that does not exist.
        var unknown = await client.GetAsync("/no-such-thing", _ct);
        response.Content.Headers.ContentType?.MediaType.ShouldBe(unknown.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("not-a-network")]
    [InlineData("10.0.0.0/99")]
    [InlineData("300.1.1.1/8")]
    [InlineData("")]
    public void Validate_WhenAnAllowedNetworkIsNotACidrRange_NamesTheSettingAndTheValue(string garbage)
    {
        var options = new MetricsOptions { AllowedNetworks = ["127.0.0.0/8", garbage] };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).ShouldBeFalse();

        results.ShouldHaveSingleItem().ErrorMessage.ShouldBe(
            $"Podium:Metrics:AllowedNetworks has '{garbage}', which is not a CIDR range such as 10.0.0.0/8 or fd00::/8.");
    }

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("127.8.9.10", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("::ffff:127.0.0.1", null, true)]
    [InlineData("10.1.2.3", null, false)]
    [InlineData("2001:db8::1", null, false)]
    [InlineData("10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("127.0.0.1", "10.0.0.0/8", false)]
    [InlineData("::ffff:10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("2001:db8::1", "2001:db8::/32", true)]
    [InlineData("2001:db9::1", "2001:db8::/32", false)]
    public void IsAllowed_ChecksThePeerAgainstTheConfiguredOrDefaultNetworks(string address, string? configured, bool allowed)
    {
        var options = new MetricsOptions { AllowedNetworks = configured is null ? null : [configured] };

        MetricsAccess.IsAllowed(IPAddress.Parse(address), options.ParsedNetworks()).ShouldBe(allowed);
    }

    [Fact]
    public void IsAllowed_WhenThePeerAddressIsUnknown_Refuses() =>
        MetricsAccess.IsAllowed(null, new MetricsOptions().ParsedNetworks()).ShouldBeFalse();

    [Fact]
    public async Task MetricsEndpoint_IsAnonymousUnlimitedAndNotInTheApiDescription()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        using var __ = client;

        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "/metrics");

        endpoint.Metadata.GetMetadata<DisableRateLimitingAttribute>().ShouldNotBeNull();
        endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().ShouldNotBeNull();
        endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription.ShouldBeTrue();
        (await client.GetStringAsync("/openapi/v1.json", _ct)).ShouldNotContain("/metrics");
    }

    [Fact]
    public async Task Scrape_IsLoggedAtDebugOnly()
    {
        var sink = new CollectingSink();
        var (app, client) = await StartAsync(a => a
            .WithSetting("Serilog:MinimumLevel:Default", "Debug")
            // A slow scrape would be a warning; this test is about an ordinary one.
            .WithSetting("Podium:Observability:SlowRequestMs", "3600000")
            .WithServices(services => services.AddSingleton<ILogEventSink>(sink)));
        await using var _ = app;
        using var __ = client;

        (await client.GetAsync("/metrics", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        LogEvent? line = null;
        for (var attempt = 0; attempt < 100 && line is null; attempt++)
        {
            // The request line is written as the middleware unwinds, a moment after the client has the answer.
            line = sink.Events.FirstOrDefault(e => e.Properties.TryGetValue("RequestPath", out var p) && p.ToString() == "\"/metrics\"");
            await Task.Delay(line is null ? 50 : 0, _ct);
        }

        line.ShouldNotBeNull().Level.ShouldBe(LogEventLevel.Debug);
    }
}
