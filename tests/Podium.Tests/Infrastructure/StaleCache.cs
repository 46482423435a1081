using System.Collections.Concurrent;
using Podium.Platform.Caching;

namespace Podium.Tests.Infrastructure;

/// <summary>
/// The app's cache, except that entries whose key begins with a pinned prefix keep the first value they were given
/// whatever is invalidated: the cache of an instance that was not told about a change (Redis down, a lost message).
/// </summary>
public sealed class StaleCache(IPodiumCache inner) : IPodiumCache
{
    private readonly ConcurrentDictionary<string, byte> _pinned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object?> _kept = new(StringComparer.Ordinal);

    public void Pin(string keyPrefix) => _pinned[keyPrefix] = 0;

    public async ValueTask<T> GetOrCreateAsync<T>(
        string key,
        Func<CancellationToken, ValueTask<T>> factory,
        IEnumerable<string>? tags = null,
        TimeSpan? expiration = null,
        TimeSpan? localExpiration = null,
        CancellationToken cancellationToken = default)
    {
        if (!_pinned.Keys.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
        {
            return await inner.GetOrCreateAsync(key, factory, tags, expiration, localExpiration, cancellationToken);
        }

        if (_kept.TryGetValue(key, out var kept))
        {
            return (T)kept!;
        }

        var value = await factory(cancellationToken);
        return (T)_kept.GetOrAdd(key, value)!;
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) => inner.RemoveAsync(key, cancellationToken);

    public ValueTask InvalidateTagAsync(string tag, CancellationToken cancellationToken = default) => inner.InvalidateTagAsync(tag, cancellationToken);
}
