using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Podium.Platform.Observability;

namespace Podium.Platform.Redis;

internal static class RedisExtensions
{
    public static IServiceCollection AddPodiumRedis(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PodiumInstance>();
        services.AddSingleton<RedisConnection>();
        services.AddHostedService<RedisStartup>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthExtensions.ReadyTag]);
        return services;
    }
}

/// <summary>Connects while the host starts, so the first requests already share limits and cache.</summary>
internal sealed class RedisStartup(RedisConnection redis) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => redis.GetAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Redis down is Degraded, not Unhealthy: the instance still serves (in-process cache and limits), so the load
/// balancer must keep sending it traffic; operators see the reason.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConfigured)
        {
            return HealthCheckResult.Healthy("Not configured: cache, rate limits and live updates are in-process.");
        }

        if (redis.DatabaseIfConnected() is { } database)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                await database.PingAsync();
                var data = new Dictionary<string, object> { ["pingMs"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2) };
                return HealthCheckResult.Healthy("Redis answers.", data);
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                return HealthCheckResult.Degraded($"Redis does not answer ({ex.GetType().Name}): serving with in-process cache and rate limits.");
            }
        }

        return HealthCheckResult.Degraded("Redis is unreachable: serving with in-process cache and rate limits; reconnecting.");
    }
}
