using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Podium.Platform.Redis;
using StackExchange.Redis;

namespace Podium.Platform.Caching;

/// <summary>
/// Redis as HybridCache's L2, never slower than <see cref="RedisConnection.RequestTimeout"/> for a caller: skipped
/// outright while Redis is down or not answering (<see cref="RedisConnection.IsAvailable"/>), and each read bounded, so a
/// Redis outage is an L2 miss, not a wait. Writes that invalidate (a removed key, a tag's invalidation time) go through
/// <see cref="CacheInvalidationRelay"/>: the caller does not wait for them, and they reach Redis even after an outage.
/// </summary>
internal sealed class RedisL2Cache : IBufferDistributedCache, IDisposable
{
    /// <summary>
    /// Where HybridCache keeps a tag's invalidation time in L2 (its <c>DefaultHybridCache.TagKeyPrefix</c>): a write
    /// under it is an invalidation, and a read under it must not pass for "never invalidated" when Redis did not answer.
    /// </summary>
    internal const string TagKeyPrefix = "__MSFT_HCT__";

    private readonly RedisConnection _redis;
    private readonly CacheInvalidationRelay _relay;
    private readonly RedisCache _inner;

    public RedisL2Cache(RedisConnection redis, CacheInvalidationRelay relay)
    {
        _redis = redis;
        _relay = relay;
        _inner = new RedisCache(Options.Create(new RedisCacheOptions
        {
            InstanceName = redis.KeyPrefix + "cache:",
            ConnectionMultiplexerFactory = async () => (await redis.GetAsync())!,
        }));
    }

    private IBufferDistributedCache Buffered => _inner;

    public byte[]? Get(string key) => _redis.IsAvailable ? Try(() => _inner.Get(key), null) : Unanswered<byte[]?>(key, null);

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var (answered, value) = await _redis.TryAsync(_ => _inner.GetAsync(key, token));
        return answered ? value : Unanswered<byte[]?>(key, null);
    }

    public bool TryGet(string key, IBufferWriter<byte> destination) =>
        _redis.IsAvailable ? Try(() => Buffered.TryGet(key, destination), false) : Unanswered(key, false);

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        // Into a buffer of its own: an abandoned (timed-out) read must not write into the caller's buffer later.
        var own = new ArrayBufferWriter<byte>();
        var (answered, found) = await _redis.TryAsync(async _ => await Buffered.TryGetAsync(key, own, token));
        if (!answered)
        {
            return Unanswered(key, false);
        }

        if (found)
        {
            destination.Write(own.WrittenSpan);
        }

        return found;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        if (IsTag(key))
        {
            Relay(key, value, options);
        }
        else if (_redis.IsAvailable)
        {
            Try(() => { _inner.Set(key, value, options); return true; }, false);
        }
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (IsTag(key))
        {
            Relay(key, value, options);
            return;
        }

        // A value filled after a miss: worth a bounded try, not worth keeping for later (the next miss fills it again).
        await _redis.TryAsync(async _ => { await _inner.SetAsync(key, value, options, token); return true; });
    }

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) => Set(key, value.ToArray(), options);

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (IsTag(key))
        {
            // Copied: the caller recycles its buffer as soon as this returns.
            Relay(key, value.ToArray(), options);
            return;
        }

        await _redis.TryAsync(async _ => { await Buffered.SetAsync(key, value, options, token); return true; });
    }

    public void Refresh(string key)
    {
        if (_redis.IsAvailable)
        {
            Try(() => { _inner.Refresh(key); return true; }, false);
        }
    }

    public async Task RefreshAsync(string key, CancellationToken token = default) =>
        await _redis.TryAsync(async _ => { await _inner.RefreshAsync(key, token); return true; });

    public void Remove(string key) => _relay.Enqueue("l2:" + key, () => _inner.RemoveAsync(key));

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    public void Dispose() => _inner.Dispose();

    private static bool IsTag(string key) => key.StartsWith(TagKeyPrefix, StringComparison.Ordinal);

    private void Relay(string key, byte[] value, DistributedCacheEntryOptions options) =>
        _relay.Enqueue("l2:" + key, () => _inner.SetAsync(key, value, options));

    /// <summary>
    /// What a read Redis did not answer returns: a miss, except for a tag's invalidation time, where HybridCache would
    /// take a miss as "never invalidated" and keep believing it. Throwing makes it assume "invalidated just now" (its
    /// safe answer to a failed read), so no L2 entry older than this moment passes for fresh.
    /// </summary>
    private static T Unanswered<T>(string key, T miss) =>
        IsTag(key) ? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis did not answer; the tag's invalidation time is unknown.") : miss;

    private static T Try<T>(Func<T> call, T fallback)
    {
        try
        {
            return call();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return fallback;
        }
    }
}
