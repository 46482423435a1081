using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Podium.Platform.Observability;

internal static class LoggingExtensions
{
    private const string DevelopmentTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {TraceId}{NewLine}{Exception}";

    public static IHostApplicationBuilder AddPodiumLogging(this IHostApplicationBuilder builder, PodiumRunMode mode)
    {
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger
                    .MinimumLevel.Information()
                    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                    .ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    .Enrich.WithProperty("Application", "Podium");

                if (mode == PodiumRunMode.Command)
                {
                    // A command's stdout is its answer (and may be piped); only warnings go to stderr. EF logs a
                    // connection error when `db status` probes a database that does not exist yet: that is an answer
                    // ("all pending"), not a fault, and a real failure reaches the user as the command's error.
                    logger
                        .MinimumLevel.Warning()
                        .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Connection", LogEventLevel.Fatal)
                        .MinimumLevel.Override("Microsoft.AspNetCore.StaticFiles", LogEventLevel.Error)
                        .WriteTo.Console(outputTemplate: DevelopmentTemplate, standardErrorFromLevel: LogEventLevel.Verbose);
                }
                else if (builder.Environment.IsDevelopment())
                {
                    logger.WriteTo.Console(outputTemplate: DevelopmentTemplate);
                }
                else
                {
                    logger.WriteTo.Console(new RenderedCompactJsonFormatter());
                }
            },
            // Several hosts share one test process; none may replace the others' logger.
            preserveStaticLogger: true);
        return builder;
    }

    public static IApplicationBuilder UsePodiumRequestLogging(this IApplicationBuilder app)
    {
        var thresholds = app.ApplicationServices.GetRequiredService<IOptionsMonitor<ObservabilityOptions>>();
        return app.UseSerilogRequestLogging(options =>
        {
            // This host's logger, not the static one: tests run several hosts per process (preserveStaticLogger).
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = (context, elapsedMs, exception) =>
                exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError
                    ? LogEventLevel.Error
                    // The one request line, raised: a slow request is found by level without a second entry per request.
                    : elapsedMs > thresholds.CurrentValue.SlowRequestMs ? LogEventLevel.Warning
                    // Probes and scrapes arrive every few seconds from machines; they would drown the people.
                    : TelemetryExtensions.IsMachinePath(context.Request.Path) ? LogEventLevel.Debug : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("TraceId", TraceIds.Get(context));
                diagnostics.Set("RequestHost", context.Request.Host.Value);
                diagnostics.Set("UserAgent", context.Request.Headers.UserAgent.ToString());
            };
        });
    }
}
