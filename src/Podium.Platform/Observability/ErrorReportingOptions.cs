using System.ComponentModel.DataAnnotations;

namespace Podium.Platform.Observability;

/// <summary>Sentry error reporting; off unless a DSN is set.</summary>
public sealed class ErrorReportingOptions
{
    public const string SectionName = "Podium:Sentry";

    /// <summary>The project's DSN (<c>https://key@sentry.example.org/1</c>). Empty: nothing is sent anywhere.</summary>
    [Url]
    public string? Dsn { get; set; }

    /// <summary>Share of requests Sentry also traces (0 to 1). Traces normally go to OpenTelemetry; 0 sends errors only.</summary>
    [Range(0.0, 1.0)]
    public double TracesSampleRate { get; set; }
}
