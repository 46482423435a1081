using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Podium.Platform.Jobs;

namespace Podium.Platform.Feeds;

public static class FeedsExtensions
{
    /// <summary>
    /// Registers an outside source once: its named <see cref="HttpClient"/> with the standard resilience pipeline
    /// (attempt and total timeouts, retries with exponential backoff and jitter, a circuit breaker) tuned by
    /// <c>Podium:Feeds:Sources:{key}</c>, and the handler that adds its key and logs and counts its calls.
    /// </summary>
    public static IHostApplicationBuilder AddFeedSource(this IHostApplicationBuilder builder, FeedSourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddFeedSource(source);
        return builder;
    }

    /// <inheritdoc cref="AddFeedSource(IHostApplicationBuilder, FeedSourceDefinition)"/>
    public static IServiceCollection AddFeedSource(this IServiceCollection services, FeedSourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (services.Any(d => d.ServiceType == typeof(FeedSourceDefinition) && d.ImplementationInstance is FeedSourceDefinition known && known.Key == source.Key))
        {
            throw new InvalidOperationException($"A feed source with key '{source.Key}' is already registered.");
        }

        services.AddPodiumFeeds();
        services.AddSingleton(source);
        var key = source.Key;
        var client = services.AddHttpClient(source.ClientName)
            // The framework's own request logs print the URI; ours (FeedCallHandler) print what is safe.
            .RemoveAllLoggers();
        client.AddStandardResilienceHandler().Configure((resilience, provider) =>
            Configure(resilience, provider.GetRequiredService<IOptions<FeedsOptions>>().Value.For(key)));
        client.AddHttpMessageHandler(provider => new FeedCallHandler(
            key,
            provider.GetRequiredService<FeedSources>(),
            provider.GetRequiredService<FeedMetrics>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<FeedCallHandler>>()));
        return services;
    }

    /// <summary>
    /// Adds a provider of <typeparamref name="TData"/> to the fallback chain <see cref="IFeedChain{TRequest, TData}"/>
    /// resolves: providers are asked in the order they are added (primary first).
    /// </summary>
    public static IServiceCollection AddFeedProvider<TRequest, TData, TProvider>(this IServiceCollection services)
        where TRequest : IFeedRequest
        where TProvider : class, IFeedProvider<TRequest, TData>
    {
        services.AddPodiumFeeds();
        services.AddSingleton<IFeedProvider<TRequest, TData>, TProvider>();
        return services;
    }

    /// <summary>What every source shares; added by the first <see cref="AddFeedSource(IServiceCollection, FeedSourceDefinition)"/>.</summary>
    internal static IServiceCollection AddPodiumFeeds(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(FeedSources)))
        {
            return services;
        }

        services.AddOptions<FeedsOptions>()
            .BindConfiguration(FeedsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedsOptions>, FeedsOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddMetrics();
        services.AddSingleton<FeedMetrics>();
        services.AddSingleton<FeedSources>();
        services.AddSingleton<FeedClients>();
        services.AddSingleton<IFeedClients>(sp => sp.GetRequiredService<FeedClients>());
        services.AddSingleton<FeedRuns>();
        services.AddSingleton<IFeedRuns>(sp => sp.GetRequiredService<FeedRuns>());
        services.AddSingleton(typeof(IFeedChain<,>), typeof(FeedChain<,>));
        services.AddScoped<FeedSettingsStore>();
        // Its constructor is internal (it takes Platform's own types); the host's admin page only uses it.
        services.AddScoped(sp => new FeedAdministration(
            sp.GetRequiredService<Data.PodiumDbContext>(),
            sp.GetRequiredService<FeedSources>(),
            sp.GetRequiredService<FeedSettingsStore>(),
            sp.GetRequiredService<Quartz.ISchedulerFactory>(),
            sp.GetRequiredService<IOptions<FeedsOptions>>(),
            sp.GetRequiredService<IOptions<JobsOptions>>()));
        services.AddScoped<IRetentionRule, FeedRunsRetentionRule>();
        return services;
    }

    private static void Configure(HttpStandardResilienceOptions resilience, FeedSourceOptions source)
    {
        resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(source.AttemptTimeoutSeconds);
        resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(source.TotalTimeoutSeconds);
        resilience.Retry.MaxRetryAttempts = source.MaxRetryAttempts;
        resilience.Retry.Delay = TimeSpan.FromSeconds(source.RetryDelaySeconds);
        resilience.Retry.UseJitter = true;
        resilience.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
        resilience.CircuitBreaker.FailureRatio = source.FailureRatio;
        resilience.CircuitBreaker.MinimumThroughput = source.MinimumThroughput;
        resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(source.SamplingDurationSeconds);
        resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(source.BreakDurationSeconds);
    }
}
