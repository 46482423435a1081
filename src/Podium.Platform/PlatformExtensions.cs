using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Api;
using Podium.Platform.Audit;
using Podium.Platform.Competitions;
using Podium.Platform.Caching;
using Podium.Platform.Cli;
using Podium.Platform.Data;
using Podium.Platform.Email;
using Podium.Platform.Feeds;
using Podium.Platform.Identity;
using Podium.Platform.Input;
using Podium.Platform.Jobs;
using Podium.Platform.Leaderboards;
using Podium.Platform.Modules.Events;
using Podium.Platform.Modules.Idempotency;
using Podium.Platform.Observability;
using Podium.Platform.RateLimiting;
using Podium.Platform.Realtime;
using Podium.Platform.Redis;
using Podium.Platform.Outbox;
using Podium.Platform.Security;
using Podium.Platform.Settings;

namespace Podium.Platform;

public static class PlatformExtensions
{
    /// <summary>Everything every module stands on. Call first; modules' <c>Add…</c> follow.</summary>
    /// <param name="product">What the host is, in the words its documents and pages use.</param>
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder, string[] args, ProductInfo product)
    {
        ArgumentNullException.ThrowIfNull(product);
        builder.Services.AddSingleton(product);
        var mode = PodiumCli.IsCommand(args) ? PodiumRunMode.Command : PodiumRunMode.Server;
        builder.AddPodiumLogging(mode);
        builder.AddPodiumTelemetry();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPodiumRedis();
        var redisConfigured = !string.IsNullOrEmpty(builder.Configuration.GetConnectionString(RedisOptions.ConnectionStringName));
        builder.Services.AddPodiumCaching(redisConfigured);
        builder.Services.AddPodiumRateLimiting();
        builder.Services.AddPodiumRealtime(redisConfigured);
        builder.AddPodiumData();
        builder.AddPodiumIdentity();
        builder.AddPodiumOutbox(mode);
        builder.Services.AddPodiumDomainEvents();
        builder.Services.AddPodiumLeaderboards();
        builder.Services.AddPodiumIdempotency();
        builder.AddPodiumEmail();
        builder.Services.AddPodiumAudit();
        builder.Services.AddPodiumCompetitions();
        builder.Services.AddScoped<ISettingsStore, SettingsStore>();
        // The shared layout shows the site's name and tagline on every page, the modules' pages included.
        builder.Services.AddScoped<SiteBranding>();
        builder.AddPodiumJobs(mode);
        // Before any module's AddFeedSource, so the admin page and feed runs exist with no source registered too.
        builder.Services.AddPodiumFeeds();

        builder.Services.AddPodiumProblemDetails();
        builder.Services.AddPodiumInput();
        builder.Services.AddPodiumSecurityHeaders(builder.Environment, ExternalSignInSetup.Origins(builder.Configuration));
        builder.Services.AddPodiumForwardedHeaders(builder.Configuration);
        builder.Services.AddPodiumIpRules();
        builder.Services.AddPodiumDataProtection();
        builder.Services.AddPodiumOpenApi();
        builder.Services.AddPodiumModelBinding();
        builder.Services.AddPodiumHealth();

        builder.Services.AddOptions<HttpLimitsOptions>()
            .BindConfiguration(HttpLimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });

        // Compression of dynamic responses over plain HTTP only (the default): over HTTPS, compressing pages that
        // mix secrets and reflected input enables BREACH. Static files are precompressed at build (MapStaticAssets),
        // and a TLS-terminating proxy in front talks plain HTTP to us, so production pages are compressed there.
        builder.Services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        builder.Services.AddSingleton<ICliCommand, DbCommand>();
        builder.Services.AddSingleton<ICliCommand, SeedCommand>();
        builder.Services.AddSingleton<ICliCommand, SettingsCommand>();
        // Listed in `podium --help`; Program runs them before the app is composed (PodiumCli.IsStandalone).
        builder.Services.AddSingleton<ICliCommand, HealthCommand>();
        builder.Services.AddSingleton<ICliCommand, LoginCommand>();
        builder.Services.AddSingleton<ICliCommand, LogoutCommand>();
        return builder;
    }

    /// <summary>The shared middleware and platform endpoints. Call right after Build(); modules' <c>Map…</c> follow.</summary>
    public static WebApplication MapPlatform(this WebApplication app)
    {
        // First: the logs, limits, IP rules and audit trail below all see the client's address and scheme.
        app.UsePodiumForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseTraceIdHeader();
        app.UsePodiumRequestLogging();
        app.UsePodiumErrorHandling();
        app.UsePodiumIpRules();
        app.UseResponseCompression();
        app.UseRouting();
        app.UsePodiumPlainHttpPages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePodiumRateLimiting();
        app.UsePodiumInputRules();
        app.UsePodiumIdempotency();
        // Before the output cache, so pages it serves are counted too.
        app.UsePodiumPageViews();
        app.UseOutputCache();

        app.MapPodiumHealth();
        app.MapPodiumMetrics();
        app.MapPodiumOpenApi();
        app.MapPlatformApi();
        app.MapAuthApi();
        app.MapPodiumRealtime();
        return app;
    }

    /// <summary>Runs the CLI command named by <paramref name="args"/>, or the web app; returns the exit code.</summary>
    public static async Task<int> RunPodiumAsync(this WebApplication app, string[] args)
    {
        if (PodiumCli.IsCommand(args))
        {
            return await PodiumCli.InvokeAsync(app.Services, args, CancellationToken.None);
        }

        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (FindPendingMigrations(ex) is { } pending)
        {
            await Console.Error.WriteLineAsync(pending.Message);
            return 3;
        }
        catch (Exception ex) when (InvalidSettings(ex) is { Count: > 0 } failures)
        {
            // Insecure or missing production settings: say which, one per line, and do not serve.
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync($"Podium will not start: {failure}");
            }

            return 2;
        }
    }

    /// <summary>
    /// Every settings problem in <paramref name="ex"/>, or none when anything else went wrong. The host throws one
    /// <see cref="OptionsValidationException"/> when one options class fails at start and an <see cref="AggregateException"/>
    /// of them when several do; a class with several problems carries them all.
    /// </summary>
    internal static IReadOnlyList<string> InvalidSettings(Exception ex) => ex switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.Select(InvalidSettings).ToList() is var each && each.All(f => f.Count > 0) =>
            [.. each.SelectMany(f => f)],
        _ => [],
    };

    private static PendingMigrationsException? FindPendingMigrations(Exception ex) => ex switch
    {
        PendingMigrationsException pending => pending,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindPendingMigrations).FirstOrDefault(p => p is not null),
        _ => ex.InnerException is null ? null : FindPendingMigrations(ex.InnerException),
    };
}
