using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Podium.Platform.Redis;

public sealed class RedisOptions
{
    public const string SectionName = "Podium:Redis";

    /// <summary><c>ConnectionStrings:Redis</c>; absent means no Redis, everything in-process.</summary>
    public const string ConnectionStringName = "Redis";

    /// <summary>Put before every key and channel, so environments (or test runs) can share one Redis.</summary>
    [Required, RegularExpression("^[A-Za-z0-9:_.-]{1,64}$")]
    public string KeyPrefix { get; set; } = "podium:";

    [Range(100, 60_000)]
    public int ConnectTimeoutMs { get; set; } = 2000;

    /// <summary>How long one command may take before the caller falls back to in-process behaviour.</summary>
    [Range(50, 60_000)]
    public int OperationTimeoutMs { get; set; } = 1000;
}

/// <summary>This process among the instances behind the load balancer (logs, pub/sub senders, job runs).</summary>
public sealed class PodiumInstance
{
    // Random, not time-based: two hosts started in one millisecond (tests) must still differ.
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}

/// <summary>
/// The one Redis connection of this process, shared by the L2 cache, rate limits, cache invalidation and the SignalR
/// backplane. Optional: without <c>ConnectionStrings:Redis</c> everything runs in-process. When configured it never
/// fails the caller for being down: it connects in the background, reconnects by itself, and <see cref="IsConnected"/>
/// tells callers to use their in-process fallback meanwhile.
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly string? _connectionString;
    private readonly RedisOptions _options;
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<Task<ConnectionMultiplexer>>? _multiplexer;

    public RedisConnection(IConfiguration configuration, IOptions<RedisOptions> options, PodiumInstance instance, ILogger<RedisConnection> logger)
    {
        _connectionString = configuration.GetConnectionString(RedisOptions.ConnectionStringName) is { Length: > 0 } value ? value : null;
        _options = options.Value;
        _logger = logger;
        if (_connectionString is not null)
        {
            _multiplexer = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectAsync(instance.Id));
        }
    }

    public bool IsConfigured => _connectionString is not null;

    /// <summary>Connected right now. False while (re)connecting, when down, and when not configured.</summary>
    public bool IsConnected => _multiplexer is { IsValueCreated: true, Value.IsCompletedSuccessfully: true } lazy && lazy.Value.Result.IsConnected;

    public string KeyPrefix => _options.KeyPrefix;

    public RedisKey Key(string name) => new(_options.KeyPrefix + name);

    public RedisChannel Channel(string name) => RedisChannel.Literal(_options.KeyPrefix + name);

    /// <summary>The shared multiplexer (connecting on first use), or null when Redis is not configured.</summary>
    public async Task<IConnectionMultiplexer?> GetAsync() => _multiplexer is null ? null : await _multiplexer.Value;

    /// <summary>The database when connected now; null means "use your fallback".</summary>
    public IDatabase? DatabaseIfConnected() => IsConnected ? _multiplexer!.Value.Result.GetDatabase() : null;

    /// <summary>
    /// The client settings every Redis connection of Podium uses, for components that must own their connection
    /// (the SignalR backplane disposes the one it is given).
    /// </summary>
    public ConfigurationOptions CreateConfiguration(string instanceId)
    {
        var configuration = ConfigurationOptions.Parse(_connectionString ?? throw new InvalidOperationException("Redis is not configured."));
        // Never throw for an unreachable server: keep retrying in the background; callers check IsConnected.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = _options.ConnectTimeoutMs;
        configuration.SyncTimeout = _options.OperationTimeoutMs;
        configuration.AsyncTimeout = _options.OperationTimeoutMs;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        configuration.ClientName ??= $"podium-{instanceId}";
        return configuration;
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(string instanceId)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(CreateConfiguration(instanceId));
        multiplexer.ConnectionFailed += (_, e) => LogLost(_logger, e.EndPoint?.ToString(), e.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, e) => LogRestored(_logger, e.EndPoint?.ToString());
        if (!multiplexer.IsConnected)
        {
            LogUnreachable(_logger);
        }

        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { IsValueCreated: true })
        {
            var multiplexer = await _multiplexer.Value;
            await multiplexer.CloseAsync();
            multiplexer.Dispose();
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Redis unreachable at start: serving with the in-process cache and limits until it answers")]
    private static partial void LogUnreachable(ILogger logger);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} lost ({FailureType}): in-process cache and limits until it returns")]
    private static partial void LogLost(ILogger logger, string? endPoint, string failureType);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
    private static partial void LogRestored(ILogger logger, string? endPoint);
}
