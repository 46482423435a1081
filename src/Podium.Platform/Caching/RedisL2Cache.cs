using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Podium.Platform.Redis;
using StackExchange.Redis;

namespace Podium.Platform.Caching;

/// <summary>
/// Redis as HybridCache's L2, skipped outright while Redis is down: without this each lookup would wait for a
/// command timeout before HybridCache falls back to the factory, turning a Redis outage into slow pages.
/// </summary>
internal sealed class RedisL2Cache : IBufferDistributedCache, IDisposable
{
    private readonly RedisConnection _redis;
    private readonly RedisCache _inner;

    public RedisL2Cache(RedisConnection redis)
    {
        _redis = redis;
        _inner = new RedisCache(Options.Create(new RedisCacheOptions
        {
            InstanceName = redis.KeyPrefix + "cache:",
            ConnectionMultiplexerFactory = async () => (await redis.GetAsync())!,
        }));
    }

    private IBufferDistributedCache Buffered => _inner;

    public byte[]? Get(string key) => Try(() => _inner.Get(key), null);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => TryAsync(() => _inner.GetAsync(key, token), null);

    public bool TryGet(string key, IBufferWriter<byte> destination) => Try(() => Buffered.TryGet(key, destination), false);

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default) =>
        await TryAsync(async () => await Buffered.TryGetAsync(key, destination, token), false);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Try(() => { _inner.Set(key, value, options); return true; }, false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        TryAsync(async () => { await _inner.SetAsync(key, value, options, token); return true; }, false);

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) => Try(() => { Buffered.Set(key, value, options); return true; }, false);

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await TryAsync(async () => { await Buffered.SetAsync(key, value, options, token); return true; }, false);

    public void Refresh(string key) => Try(() => { _inner.Refresh(key); return true; }, false);

    public Task RefreshAsync(string key, CancellationToken token = default) => TryAsync(async () => { await _inner.RefreshAsync(key, token); return true; }, false);

    public void Remove(string key) => Try(() => { _inner.Remove(key); return true; }, false);

    public Task RemoveAsync(string key, CancellationToken token = default) => TryAsync(async () => { await _inner.RemoveAsync(key, token); return true; }, false);

    public void Dispose() => _inner.Dispose();

    private T Try<T>(Func<T> call, T fallback)
    {
        if (!_redis.IsConnected)
        {
            return fallback;
        }

        try
        {
            return call();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return fallback;
        }
    }

    private async Task<T> TryAsync<T>(Func<Task<T>> call, T fallback)
    {
        if (!_redis.IsConnected)
        {
            return fallback;
        }

        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return fallback;
        }
    }
}
