using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Redis;
using StackExchange.Redis;
using SignalRRedisOptions = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;

namespace Podium.Platform.Realtime;

public static class RealtimeExtensions
{
    /// <summary>
    /// Lets pages follow topics under <paramref name="prefix"/>; <paramref name="policy"/> null means anyone, otherwise
    /// it is evaluated with the followed topic (string) as the resource.
    /// </summary>
    public static IServiceCollection AddLiveTopic(this IServiceCollection services, string prefix, string? policy = null)
    {
        if (!LiveTopics.IsValid(prefix))
        {
            throw new ArgumentException($"'{prefix}' is not a live topic prefix.", nameof(prefix));
        }

        return services.AddSingleton(new LiveTopic(prefix, policy));
    }

    internal static IServiceCollection AddPodiumRealtime(this IServiceCollection services, bool redisConfigured)
    {
        var signalR = services.AddSignalR(options => options.MaximumReceiveMessageSize = 4 * 1024);
        if (redisConfigured)
        {
            signalR.AddStackExchangeRedis();
            services.AddOptions<SignalRRedisOptions>().Configure<RedisConnection, PodiumInstance>((options, redis, instance) =>
            {
                // Its own connection: the backplane disposes the connection it uses when the host stops.
                options.Configuration = redis.CreateConfiguration(instance.Id);
                options.Configuration.ChannelPrefix = RedisChannel.Literal(redis.KeyPrefix + "live:");
            });
        }

        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<ILiveUpdates>(sp => sp.GetRequiredService<LiveUpdates>());
        services.AddHostedService<LivePublisher>();
        return services;
    }

    internal static IEndpointRouteBuilder MapPodiumRealtime(this IEndpointRouteBuilder endpoints)
    {
        // Anyone may connect; each topic decides who may follow it (LiveHub.Subscribe).
        endpoints.MapHub<LiveHub>(LiveHub.Path).AllowAnonymous();
        return endpoints;
    }
}
