using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Podium.Platform.Redis;
using StackExchange.Redis;

namespace Podium.Platform.Caching;

public sealed class CacheOptions
{
    public const string SectionName = "Podium:Cache";

    /// <summary>How long an entry lives in Redis (L2) unless the caller says otherwise.</summary>
    [Range(1, 86_400)]
    public int DefaultExpirationSeconds { get; set; } = 300;

    /// <summary>
    /// How long an entry lives in this process (L1). Invalidation reaches every instance at once through Redis; this
    /// bounds staleness when it cannot (Redis down, or a change made by a CLI command without Redis).
    /// </summary>
    [Range(1, 86_400)]
    public int LocalExpirationSeconds { get; set; } = 60;

    /// <summary>How long anonymous pages and public GET responses are served from the output cache.</summary>
    [Range(1, 86_400)]
    public int OutputCacheSeconds { get; set; } = 60;

    /// <summary>
    /// How long a running server may go on showing what it cached before a change it was not told about (a CLI command
    /// run without Redis): its in-process copy expires, then an output-cached page made from it just before.
    /// </summary>
    public TimeSpan UntoldChangeDelay => TimeSpan.FromSeconds(LocalExpirationSeconds + OutputCacheSeconds);
}

/// <summary>
/// The cache modules use: in-process L1, Redis L2 when configured, stampede protection (one factory call per key at a
/// time), and invalidation by key or tag that reaches every instance's L1 and output cache.
/// </summary>
public interface IPodiumCache
{
    /// <param name="key">Begins with the owner, e.g. <c>club:aoy:2026</c>; the first segment labels the metrics.</param>
    /// <param name="tags">Tags to invalidate the entry by, e.g. <c>club:results</c>.</param>
    ValueTask<T> GetOrCreateAsync<T>(
        string key,
        Func<CancellationToken, ValueTask<T>> factory,
        IEnumerable<string>? tags = null,
        TimeSpan? expiration = null,
        TimeSpan? localExpiration = null,
        CancellationToken cancellationToken = default);

    /// <summary>Drops one entry on every instance.</summary>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Drops every entry and output-cached response with the tag, on every instance.</summary>
    ValueTask InvalidateTagAsync(string tag, CancellationToken cancellationToken = default);
}

internal sealed class PodiumCache : IPodiumCache
{
    internal const string ChannelName = "cache:invalidate";

    private readonly HybridCache _hybrid;
    private readonly IOutputCacheStore _outputCache;
    private readonly RedisConnection _redis;
    private readonly CacheInvalidationRelay _relay;
    private readonly PodiumInstance _instance;
    private readonly IOptions<CacheOptions> _options;
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _invalidations;

    public PodiumCache(
        HybridCache hybrid,
        IOutputCacheStore outputCache,
        RedisConnection redis,
        CacheInvalidationRelay relay,
        PodiumInstance instance,
        IOptions<CacheOptions> options,
        IMeterFactory meters,
        IMemoryCache memory)
    {
        _hybrid = hybrid;
        _outputCache = outputCache;
        _redis = redis;
        _relay = relay;
        _instance = instance;
        _options = options;
        var meter = meters.Create("Podium.Caching");
        _lookups = meter.CreateCounter<long>("podium.cache.lookups", "{lookup}", "Cache lookups by owner and result (hit, miss).");
        _invalidations = meter.CreateCounter<long>("podium.cache.invalidations", "{invalidation}", "Keys and tags invalidated, by kind and origin.");
        meter.CreateObservableGauge("podium.cache.entries", () => (memory as MemoryCache)?.GetCurrentStatistics()?.CurrentEntryCount ?? 0, "{entry}", "Entries in this instance's in-process cache.");
    }

    public async ValueTask<T> GetOrCreateAsync<T>(
        string key,
        Func<CancellationToken, ValueTask<T>> factory,
        IEnumerable<string>? tags = null,
        TimeSpan? expiration = null,
        TimeSpan? localExpiration = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(factory);
        var settings = _options.Value;
        var local = TimeSpan.FromSeconds(settings.LocalExpirationSeconds);
        var entry = new HybridCacheEntryOptions
        {
            Expiration = expiration ?? TimeSpan.FromSeconds(settings.DefaultExpirationSeconds),
            // Never longer in this process than in Redis.
            LocalCacheExpiration = localExpiration ?? (expiration < local ? expiration : local),
        };
        var state = new Lookup<T>(factory);
        var value = await _hybrid.GetOrCreateAsync(
            key,
            state,
            static (lookup, token) => lookup.CreateAsync(token),
            entry,
            tags,
            cancellationToken);
        _lookups.Add(1, new KeyValuePair<string, object?>("cache", Owner(key)), new KeyValuePair<string, object?>("result", state.Created ? "miss" : "hit"));
        return value;
    }

    // Both: in force on this instance when they return; their Redis part (other instances, the L2 entries) is handed to
    // the CacheInvalidationRelay, which the caller never waits for and which retries until Redis takes it (its remarks
    // say why retried rather than bounded and dropped).
    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        await _hybrid.RemoveAsync(key, cancellationToken);
        _invalidations.Add(1, new KeyValuePair<string, object?>("kind", "key"), new KeyValuePair<string, object?>("origin", "local"));
        Publish(Message.Key, key);
    }

    public async ValueTask InvalidateTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        await InvalidateTagLocallyAsync(tag, cancellationToken);
        _invalidations.Add(1, new KeyValuePair<string, object?>("kind", "tag"), new KeyValuePair<string, object?>("origin", "local"));
        Publish(Message.Tag, tag);
    }

    /// <summary>Applies an invalidation another instance published.</summary>
    internal async Task ApplyAsync(string payload)
    {
        if (!Message.TryParse(payload, out var sender, out var kind, out var value) || sender == _instance.Id)
        {
            return;
        }

        if (kind == Message.Tag)
        {
            await InvalidateTagLocallyAsync(value, CancellationToken.None);
        }
        else
        {
            await _hybrid.RemoveAsync(value);
        }

        _invalidations.Add(1, new KeyValuePair<string, object?>("kind", kind == Message.Tag ? "tag" : "key"), new KeyValuePair<string, object?>("origin", "remote"));
    }

    private async Task InvalidateTagLocallyAsync(string tag, CancellationToken cancellationToken)
    {
        await _hybrid.RemoveByTagAsync(tag, cancellationToken);
        await _outputCache.EvictByTagAsync(tag, cancellationToken);
    }

    private void Publish(char kind, string value)
    {
        var message = Message.Format(_instance.Id, kind, value);
        _relay.Enqueue($"pub:{kind}:{value}", async () =>
        {
            var database = _redis.DatabaseIfAvailable() ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is unavailable.");
            await database.PublishAsync(_redis.Channel(ChannelName), message);
        });
    }

    private static string Owner(string key) => key.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? key[..colon] : key;

    /// <summary>Remembers whether this caller's factory ran, which is what a miss is.</summary>
    private sealed class Lookup<T>(Func<CancellationToken, ValueTask<T>> factory)
    {
        public bool Created { get; private set; }

        public ValueTask<T> CreateAsync(CancellationToken cancellationToken)
        {
            Created = true;
            return factory(cancellationToken);
        }
    }

    internal static class Message
    {
        public const char Tag = 't';
        public const char Key = 'k';

        public static string Format(string sender, char kind, string value) => $"{sender}\n{kind}\n{value}";

        public static bool TryParse(string payload, out string sender, out char kind, out string value)
        {
            var parts = payload.Split('\n', 3);
            if (parts is [var s, [var k], var v] && k is Tag or Key && v.Length > 0)
            {
                (sender, kind, value) = (s, k, v);
                return true;
            }

            (sender, kind, value) = ("", default, "");
            return false;
        }
    }
}
