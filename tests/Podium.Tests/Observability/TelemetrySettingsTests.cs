using Podium.Tests.Infrastructure;

namespace Podium.Tests.Observability;

/// <summary>Telemetry settings are checked at start, like every other setting: a typo stops the server and says where.</summary>
public sealed class TelemetrySettingsTests
{
    [Theory]
    [InlineData("Podium__Metrics__AllowedNetworks__0", "10.0.0.0/99", "Podium:Metrics:AllowedNetworks has '10.0.0.0/99'")]
    [InlineData("Podium__Observability__SlowRequestMs", "-1", "SlowRequestMs")]
    [InlineData("Podium__Observability__SlowDbCommandMs", "-1", "SlowDbCommandMs")]
    [InlineData("Podium__Sentry__TracesSampleRate", "1.5", "TracesSampleRate")]
    [InlineData("Podium__Sentry__Dsn", "not a dsn", "Dsn")]
    public async Task Start_WithAGarbageTelemetrySetting_RefusesAndSaysWhich(string variable, string value, string message)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__Podium"] = $"Data Source={Path.Combine(Directory.CreateTempSubdirectory().FullName, "p.db")}",
            ["Podium__Database__MigrateOnStart"] = "true",
            [variable] = value,
        };

        var start = await PodiumProcess.RunAsync(environment, "--urls", "http://127.0.0.1:0");

        start.ExitCode.ShouldBe(2, start.ToString());
        start.Error.ShouldContain(message);
    }
}
