using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Observability;
using Podium.Tests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace Podium.Tests.Observability;

public sealed class RequestLoggingTests
{
    private static async Task<PodiumAppFactory> CreateAppLoggingToAsync(CollectingSink sink) =>
        (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithSetting("Serilog:MinimumLevel:Default", "Information")
            // The first request of a cold app on a loaded 2-core machine can pass the 1 s slow-request mark and log at
            // Warning; the slow-request rule has its own tests (SlowOperationLoggingTests).
            .WithSetting("Podium:Observability:SlowRequestMs", "600000")
            .WithServices(services => services.AddSingleton<ILogEventSink>(sink));

    [Fact]
    public async Task Request_IsLoggedOnceWithMethodPathStatusElapsedAndTraceId()
    {
        var ct = TestContext.Current.CancellationToken;
        var sink = new CollectingSink();
        await using var app = await CreateAppLoggingToAsync(sink);
        var client = app.CreateClient();

        var response = await client.GetAsync("/api/v1/platform/info?probe=1", ct);

        var traceId = response.Headers.GetValues(TraceIds.HeaderName).Single();
        var requestLogs = sink.Events
            .Where(e => e.Properties.TryGetValue("RequestPath", out var p) && p.ToString() == "\"/api/v1/platform/info\"")
            .ToList();
        var entry = requestLogs.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogEventLevel.Information);
        entry.Properties["RequestMethod"].ToString().ShouldBe("\"GET\"");
        entry.Properties["StatusCode"].ToString().ShouldBe("200");
        double.Parse(entry.Properties["Elapsed"].ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        entry.Properties["TraceId"].ToString().ShouldBe($"\"{traceId}\"");
        entry.TraceId?.ToHexString().ShouldBe(traceId);
        entry.MessageTemplate.Text.ShouldBe("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms");
    }

    [Fact]
    public async Task ServerError_IsLoggedAtErrorLevel()
    {
        var ct = TestContext.Current.CancellationToken;
        var sink = new CollectingSink();
        await using var app = await CreateAppLoggingToAsync(sink);

        (await app.CreateClient().GetAsync("/error/500", ct)).StatusCode.ShouldBe(System.Net.HttpStatusCode.InternalServerError);

        sink.Events.ShouldContain(e => e.Level == LogEventLevel.Error
            && e.MessageTemplate.Text.StartsWith("HTTP {RequestMethod}", StringComparison.Ordinal));
    }
}
