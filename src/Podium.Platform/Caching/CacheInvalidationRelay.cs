using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Podium.Platform.Redis;

namespace Podium.Platform.Caching;

/// <summary>
/// The Redis part of every invalidation — telling the other instances (pub/sub) and marking the L2 entries stale
/// (HybridCache's tag timestamps, removed keys) — done in the background, so a change never waits on Redis: the
/// invalidation is already in force on this instance (L1 and output cache) when the caller gets control back.
/// </summary>
/// <remarks>
/// Why a relay that retries, rather than a bounded attempt that gives up: an invalidation Redis never saw is a stale
/// entry somebody reads later. Other instances would keep their copy until their L1 expires, and an L2 entry written
/// before the change would stay valid in Redis for its whole lifetime (minutes), to be served to any instance whose L1
/// misses, or that starts, once Redis is back. So each pending invalidation is kept (one per key or tag: the latest
/// supersedes the earlier ones, which bounds the set by the number of distinct tags and keys) and retried until Redis
/// takes it, in particular as soon as Redis answers again after an outage. What remains lost is what this process
/// held when it died during an outage; <see cref="CacheOptions.LocalExpirationSeconds"/> and the L2 expiry bound that.
/// </remarks>
internal sealed partial class CacheInvalidationRelay : BackgroundService
{
    /// <summary>Distinct pending invalidations kept at most; beyond it new ones are dropped (counted and logged).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Func<Task>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly ILogger<CacheInvalidationRelay> _logger;
    private readonly Counter<long> _dropped;
    private long _lastDropLog = long.MinValue;

    public CacheInvalidationRelay(RedisConnection redis, TimeProvider time, IMeterFactory meters, ILogger<CacheInvalidationRelay> logger)
    {
        _redis = redis;
        _time = time;
        _logger = logger;
        var meter = meters.Create("Podium.Caching");
        _dropped = meter.CreateCounter<long>("podium.cache.invalidations_dropped", "{invalidation}", "Invalidations whose Redis part was dropped: too many waiting for Redis.");
        meter.CreateObservableGauge("podium.cache.invalidations_pending", () => _pending.Count, "{invalidation}", "Invalidations waiting for Redis.");
    }

    /// <summary>Pending invalidations (for tests and the health page).</summary>
    public int Pending => _pending.Count;

    /// <summary>
    /// Queues <paramref name="send"/> under <paramref name="key"/> (replacing a pending one with the same key) and
    /// returns at once. <paramref name="send"/> throws when Redis did not take it.
    /// </summary>
    public void Enqueue(string key, Func<Task> send)
    {
        if (!_redis.IsConfigured)
        {
            return;
        }

        if (_pending.Count >= Capacity && !_pending.ContainsKey(key))
        {
            _dropped.Add(1);
            var now = _time.GetTimestamp();
            var last = Interlocked.Read(ref _lastDropLog);
            if ((last == long.MinValue || _time.GetElapsedTime(last, now) >= TimeSpan.FromMinutes(1)) && Interlocked.CompareExchange(ref _lastDropLog, now, last) == last)
            {
                LogDropped(_logger, Capacity);
            }

            return;
        }

        _pending[key] = send;
        Wake();
    }

    private void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RelayAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still pending is bounded by the L1 and L2 expiries.
        }
    }

    private async Task RelayAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_pending.IsEmpty)
            {
                await _signal.WaitAsync(stoppingToken);
            }

            if (await SendAllAsync())
            {
                retry = TimeSpan.FromMilliseconds(250);
                continue;
            }

            // Redis away: look again shortly (new invalidations just join the pending ones meanwhile).
            await Task.Delay(retry, _time, stoppingToken);
            retry = retry * 2 > TimeSpan.FromSeconds(2) ? TimeSpan.FromSeconds(2) : retry * 2;
        }
    }

    /// <summary>
    /// Sends what is pending now, for a process that runs no background services (a command-line command), so the
    /// running servers hear of its changes before it exits. Gives up, as the relay would retry, when Redis does not take them.
    /// </summary>
    public Task DrainAsync() => _pending.IsEmpty ? Task.CompletedTask : SendAllAsync();

    /// <returns>False when Redis did not take them all.</returns>
    private async Task<bool> SendAllAsync()
    {
        foreach (var (key, send) in _pending)
        {
            if (!_redis.IsAvailable)
            {
                return false;
            }

            var (answered, _) = await _redis.TryAsync(async _ => { await send(); return true; }, TimeSpan.FromMilliseconds(2000));
            if (!answered)
            {
                return false;
            }

            // Only this one: a newer invalidation with the same key may have replaced it meanwhile, and still has to go.
            _pending.TryRemove(new KeyValuePair<string, Func<Task>>(key, send));
        }

        return true;
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "More than {Capacity} cache invalidations wait for Redis: new ones are not relayed; other instances' copies expire on their own")]
    private static partial void LogDropped(ILogger logger, int capacity);
}
