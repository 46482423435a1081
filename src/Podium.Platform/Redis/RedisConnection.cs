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

    /// <summary>
    /// How long a request waits for Redis (rate limit, cache read) before it uses its in-process fallback. A timeout also
    /// opens the circuit: the following requests use the fallback at once until Redis answers a probe. Far above a
    /// healthy round trip (well under a millisecond on a LAN), so only a Redis that stopped answering trips it.
    /// </summary>
    [Range(5, 10_000)]
    public int RequestTimeoutMs { get; set; } = 100;

    /// <summary>While the circuit is open, how often Redis is pinged to see whether it answers again.</summary>
    [Range(50, 60_000)]
    public int ProbeIntervalMs { get; set; } = 500;
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
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _closing = new();
    private int _open;
    private int _probing;

    public RedisConnection(IConfiguration configuration, IOptions<RedisOptions> options, PodiumInstance instance, TimeProvider time, ILogger<RedisConnection> logger)
    {
        _connectionString = configuration.GetConnectionString(RedisOptions.ConnectionStringName) is { Length: > 0 } value ? value : null;
        _options = options.Value;
        _time = time;
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
    /// Connected and answering. False while down or reconnecting, and once a call timed out (Redis frozen: the socket is
    /// open but nothing comes back) until a probe gets an answer: callers then use their in-process fallback at once
    /// instead of each waiting for a timeout.
    /// </summary>
    public bool IsAvailable => IsConnected && Volatile.Read(ref _open) == 0;

    /// <summary>The database when <see cref="IsAvailable"/>; null means "use your fallback".</summary>
    public IDatabase? DatabaseIfAvailable() => IsAvailable ? _multiplexer!.Value.Result.GetDatabase() : null;

    /// <summary>How long a request may wait for Redis before it falls back (<see cref="RedisOptions.RequestTimeoutMs"/>).</summary>
    public TimeSpan RequestTimeout => TimeSpan.FromMilliseconds(_options.RequestTimeoutMs);

    /// <summary>
    /// Runs <paramref name="call"/> if Redis is available, waiting at most <paramref name="timeout"/> (default
    /// <see cref="RequestTimeout"/>). Not answered (unavailable, failed, timed out) means "use your fallback"; a failure or
    /// timeout opens the circuit, so the next callers do not wait too.
    /// </summary>
    public async ValueTask<(bool Answered, T Value)> TryAsync<T>(Func<IDatabase, Task<T>> call, TimeSpan? timeout = null)
    {
        if (DatabaseIfAvailable() is not { } database)
        {
            return (false, default!);
        }

        Task<T>? pending = null;
        try
        {
            pending = call(database);
            return (true, await pending.WaitAsync(timeout ?? RequestTimeout, _time));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            if (pending is { IsCompleted: false })
            {
                // Abandoned, not cancelled (the client has no cancellation): observe its eventual failure.
                Abandon(pending);
            }

            Trip(ex);
            return (false, default!);
        }
    }

    /// <summary>
    /// For a Redis call given up on after a timeout: StackExchange.Redis cannot cancel it, so it may still fail later, and
    /// its failure is observed here rather than surfacing as an unobserved task exception.
    /// </summary>
    internal static void Abandon(Task call) =>
        _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Opens the circuit (if closed) and probes until Redis answers again.</summary>
    private void Trip(Exception? cause)
    {
        if (Interlocked.Exchange(ref _open, 1) == 0)
        {
            LogCircuitOpened(_logger, cause?.GetType().Name ?? "connection lost", _options.RequestTimeoutMs);
            _ = ProbeAsync();
        }
    }

    private async Task ProbeAsync()
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return;
        }

        try
        {
            while (Volatile.Read(ref _open) == 1 && !_closing.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.ProbeIntervalMs), _time, _closing.Token);
                if (!IsConnected)
                {
                    continue;
                }

                try
                {
                    await _multiplexer!.Value.Result.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromMilliseconds(_options.OperationTimeoutMs), _time);
                    Volatile.Write(ref _open, 0);
                    LogCircuitClosed(_logger);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    // Still not answering: the circuit stays open.
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }

        // Tripped again just as this probe ended: someone must go on probing.
        if (Volatile.Read(ref _open) == 1 && !_closing.IsCancellationRequested)
        {
            _ = ProbeAsync();
        }
    }

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
        multiplexer.ConnectionFailed += (_, e) =>
        {
            LogLost(_logger, e.EndPoint?.ToString(), e.FailureType.ToString());
            Trip(e.Exception);
        };
        multiplexer.ConnectionRestored += (_, e) => LogRestored(_logger, e.EndPoint?.ToString());
        if (!multiplexer.IsConnected)
        {
            LogUnreachable(_logger);
        }

        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
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

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Redis did not answer ({Cause}; requests wait at most {TimeoutMs} ms): in-process cache and limits until it does")]
    private static partial void LogCircuitOpened(ILogger logger, string cause, int timeoutMs);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Redis answers again: shared cache and limits resumed")]
    private static partial void LogCircuitClosed(ILogger logger);
}
