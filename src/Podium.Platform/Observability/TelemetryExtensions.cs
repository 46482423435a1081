using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sentry.AspNetCore;

namespace Podium.Platform.Observability;

/// <summary>
/// OpenTelemetry traces and metrics (Prometheus at <c>/metrics</c>, OTLP when configured), Sentry error reports when
/// a DSN is set, slow-command warnings and the business counters modules record.
/// </summary>
internal static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";
    public const string DefaultServiceName = "podium";

    /// <summary>Our own meters (<c>Podium.Jobs</c>, <c>Podium.Business</c>, …) plus framework meters not enabled by the instrumentation packages.</summary>
    private static readonly string[] Meters =
    [
        "Podium.*",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Identity",
        "Microsoft.EntityFrameworkCore",
        "Npgsql",
    ];

    public static WebApplicationBuilder AddPodiumTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ErrorReportingOptions>().BindConfiguration(ErrorReportingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BusinessMetrics>();
        services.AddSingleton<SlowDbCommandInterceptor>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<SlowDbCommandInterceptor>());

        var configuration = builder.Configuration;
        // The standard OTel variables decide where telemetry goes; without an endpoint nothing is pushed anywhere.
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configuredName ? configuredName : DefaultServiceName;
        var environment = builder.Environment.EnvironmentName;

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName, serviceVersion: BuildInfo.Version, autoGenerateServiceInstanceId: true)
                .AddAttributes([new("deployment.environment.name", environment)]))
            .WithTracing(tracing =>
            {
                tracing
                    // Scrapes and probes every few seconds would bury the traces people look at.
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsMachinePath(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    // Both providers (SQLite and PostgreSQL) through EF Core; query text without parameter values.
                    .AddEntityFrameworkCoreInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddProcessInstrumentation()
                    .AddMeter(Meters)
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        var errors = configuration.GetSection(ErrorReportingOptions.SectionName).Get<ErrorReportingOptions>();
        if (!string.IsNullOrWhiteSpace(errors?.Dsn))
        {
            builder.WebHost.UseSentry(sentry => ConfigureSentry(sentry, errors, environment));
        }

        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> for Prometheus: no authentication and no rate limit (the network rule is the gate), not in the
    /// API description, and invisible (404) to any address outside <see cref="MetricsOptions.AllowedNetworks"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapPodiumMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: MetricsAccess.Restrict, optionsName: null)
            .AllowAnonymous()
            .DisableRateLimiting()
            .ExcludeFromDescription();
        return endpoints;
    }

    internal static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);

    private static void ConfigureSentry(SentryAspNetCoreOptions sentry, ErrorReportingOptions options, string environment)
    {
        sentry.Dsn = options.Dsn;
        sentry.Environment = environment;
        sentry.Release = BuildInfo.Version;
        sentry.TracesSampleRate = options.TracesSampleRate;
        // Nothing about the person: no cookies, no IP address, no user name, no request bodies.
        sentry.SendDefaultPii = false;
        sentry.MaxRequestBodySize = Sentry.Extensibility.RequestSize.None;
        sentry.AutoSessionTracking = false;
        // A malformed request is the client's mistake (answered 400/413 by PodiumExceptionHandler), not ours to fix.
        sentry.SetBeforeSend((sentryEvent, hint) =>
            sentryEvent.Exception is BadHttpRequestException ? null : SentryScrubber.ScrubEvent(sentryEvent, hint));
        sentry.SetBeforeSendTransaction(SentryScrubber.ScrubTransaction);
        sentry.SetBeforeBreadcrumb(SentryScrubber.ScrubBreadcrumb);
    }
}
