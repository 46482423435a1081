using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Podium.Platform.Redis;
using StackExchange.Redis;

namespace Podium.Platform.Caching;

/// <summary>Output cache policies for responses that are the same for every anonymous caller.</summary>
public static class CachePolicies
{
    /// <summary>Anonymous HTML pages. Pages using it must not render a CSP nonce (a cached nonce would be replayed).</summary>
    public const string PublicPage = "public-page";

    /// <summary>Public GET API responses.</summary>
    public const string PublicApi = "public-api";

    /// <summary>Every output-cached response carries this tag, so one invalidation can drop them all.</summary>
    public const string AllTag = "output";
}

internal static partial class CachingExtensions
{
    public static IServiceCollection AddPodiumCaching(this IServiceCollection services, bool redisConfigured)
    {
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMemoryCache(options => options.TrackStatistics = true);
        services.AddSingleton<CacheInvalidationRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidationRelay>());
        if (redisConfigured)
        {
            // HybridCache takes its L2 from the registered IDistributedCache.
            services.AddSingleton<IDistributedCache, RedisL2Cache>();
        }

        services.AddHybridCache();
        services.AddSingleton<PodiumCache>();
        services.AddSingleton<IPodiumCache>(sp => sp.GetRequiredService<PodiumCache>());
        services.AddHostedService<CacheInvalidationListener>();
        services.AddOutputCache();
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>().Configure<IOptions<CacheOptions>>((output, cache) =>
        {
            var duration = TimeSpan.FromSeconds(cache.Value.OutputCacheSeconds);
            output.AddPolicy(CachePolicies.PublicPage, policy => policy.Expire(duration).Tag(CachePolicies.AllTag, "pages"));
            output.AddPolicy(CachePolicies.PublicApi, policy => policy.Expire(duration).Tag(CachePolicies.AllTag, "api"));
        });
        return services;
    }
}

/// <summary>Applies other instances' invalidations to this instance's L1 and output cache.</summary>
internal sealed partial class CacheInvalidationListener(RedisConnection redis, PodiumCache cache, ILogger<CacheInvalidationListener> logger) : IHostedService
{
    private int _subscribed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await redis.GetAsync() is not { } multiplexer)
        {
            return;
        }

        // Normally the client resubscribes by itself after a reconnect; a subscription that failed because Redis was
        // down at start is made when the connection first comes up.
        multiplexer.ConnectionRestored += (_, _) => _ = SubscribeAsync(multiplexer);
        await SubscribeAsync(multiplexer);
    }

    private async Task SubscribeAsync(IConnectionMultiplexer multiplexer)
    {
        if (Interlocked.CompareExchange(ref _subscribed, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var queue = await multiplexer.GetSubscriber().SubscribeAsync(redis.Channel(PodiumCache.ChannelName));
            queue.OnMessage(async message =>
            {
                try
                {
                    await cache.ApplyAsync(message.Message.ToString());
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogApplyFailed(logger, ex);
                }
            });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Exchange(ref _subscribed, 0);
            LogSubscribeFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Could not subscribe to cache invalidations yet; retrying when Redis is back")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Error, Message = "Applying a cache invalidation from another instance failed")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception);
}
