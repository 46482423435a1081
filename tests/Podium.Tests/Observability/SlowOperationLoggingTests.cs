using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Observability;
using Podium.Tests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace Podium.Tests.Observability;

/// <summary>With the thresholds at 0 every request and every command is "slow", so the warnings can be inspected.</summary>
public sealed class SlowOperationLoggingTests
{
    private const string Password = "marble kettle orbit lantern";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static async Task<PodiumAppFactory> CreateAppAsync(CollectingSink sink) =>
        (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithSetting("Serilog:MinimumLevel:Default", "Information")
            .WithSetting("Podium:Observability:SlowRequestMs", "0")
            .WithSetting("Podium:Observability:SlowDbCommandMs", "0")
            .WithServices(services => services.AddSingleton<ILogEventSink>(sink));

    private static string? Scalar(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: var raw } ? raw?.ToString() : null;

    [Fact]
    public async Task SlowRequest_IsLoggedAtWarningWithMethodPathStatusElapsedAndTraceIdButNoQuery()
    {
        var sink = new CollectingSink();
        await using var app = await CreateAppAsync(sink);

        var response = await app.CreateClient().GetAsync("/api/v1/platform/info?token=abc123", _ct);

        var traceId = response.Headers.GetValues(TraceIds.HeaderName).Single();
        var entry = sink.Events.Single(e => Scalar(e, "RequestPath") == "/api/v1/platform/info"
            && e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal));
        entry.Level.ShouldBe(LogEventLevel.Warning);
        Scalar(entry, "RequestMethod").ShouldBe("GET");
        Scalar(entry, "StatusCode").ShouldBe("200");
        Scalar(entry, "TraceId").ShouldBe(traceId);
        entry.Properties.ShouldContainKey("Elapsed");
        entry.RenderMessage().ShouldNotContain("abc123");
    }

    [Fact]
    public async Task SlowDbCommand_IsLoggedAtWarningWithSqlAndTraceIdButNoParameterValues()
    {
        var sink = new CollectingSink();
        await using var app = await CreateAppAsync(sink);
        var email = $"casey-{Guid.NewGuid():N}@example.org";
        var session = new FormSession(app);

        var response = await session.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Casey Rivers",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var traceId = response.Headers.GetValues(TraceIds.HeaderName).Single();
        var slow = sink.Events.Where(e => e.MessageTemplate.Text.StartsWith("Slow database command", StringComparison.Ordinal)).ToList();
        var ofTheRequest = slow.Where(e => Scalar(e, "TraceId") == traceId).ToList();
        ofTheRequest.ShouldNotBeEmpty();
        ofTheRequest.ShouldAllBe(e => e.Level == LogEventLevel.Warning && e.Properties.ContainsKey("ElapsedMs"));
        // The sign-up looked the address up and inserted the account: both statements are there, as SQL text.
        ofTheRequest.ShouldContain(e => Scalar(e, "CommandText")!.Contains("FROM \"platform_users\"", StringComparison.Ordinal));
        ofTheRequest.ShouldContain(e => Scalar(e, "CommandText")!.Contains("INSERT INTO \"platform_users\"", StringComparison.Ordinal));
        foreach (var entry in slow)
        {
            var rendered = entry.RenderMessage();
            rendered.ShouldNotContain(email, Case.Insensitive);
            rendered.ShouldNotContain(email.ToUpperInvariant(), Case.Insensitive);
            rendered.ShouldNotContain(Password);
        }
    }

    [Fact]
    public async Task OrdinaryRequestAndCommands_AreNotWarnedAboutUnderTheDefaultThresholds()
    {
        var sink = new CollectingSink();
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithSetting("Serilog:MinimumLevel:Default", "Information")
            .WithSetting("Podium:Observability:SlowRequestMs", "600000")
            .WithSetting("Podium:Observability:SlowDbCommandMs", "600000")
            .WithServices(services => services.AddSingleton<ILogEventSink>(sink));

        (await app.CreateClient().GetAsync("/api/v1/platform/info", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        sink.Events.ShouldContain(e => Scalar(e, "RequestPath") == "/api/v1/platform/info" && e.Level == LogEventLevel.Information);
        sink.Events.ShouldNotContain(e => e.MessageTemplate.Text.StartsWith("Slow database command", StringComparison.Ordinal));
    }
}
