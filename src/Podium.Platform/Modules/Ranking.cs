namespace Podium.Platform.Modules;

/// <summary>An item and the place a <see cref="Ranking{T}"/> gave it.</summary>
public readonly record struct Ranked<T>(int Rank, T Item);

/// <summary>
/// A ranking rule: an ordered list of keys, each breaking the ties the keys before it leave. Items equal on every key
/// share a rank and the next item skips the places they used (standard competition ranking: 1, 1, 3). Tournament
/// places, season standings and points tables all rank this one way, so a tie reads the same on every page.
/// </summary>
/// <remarks>
/// Immutable: <see cref="ThenBy{TKey}"/> and <see cref="ThenByDescending{TKey}"/> return a new rule, so a rule can be
/// kept in a static field and extended in one place without changing another's. Keys are compared with
/// <see cref="Comparer{T}.Default"/>; they should be cheap, pure reads, since a sort reads them many times.
/// </remarks>
public sealed class Ranking<T>
{
    private readonly Comparison<T>[] _keys;

    private Ranking(Comparison<T>[] keys) => _keys = keys;

    /// <summary>Lowest value first (fastest time, fewest strokes).</summary>
    public static Ranking<T> By<TKey>(Func<T, TKey> key) => new([Ascending(key)]);

    /// <summary>Highest value first (most points, heaviest bag).</summary>
    public static Ranking<T> ByDescending<TKey>(Func<T, TKey> key) => new([Descending(key)]);

    /// <summary>A tie-breaker for items equal on every key so far, lowest value first.</summary>
    public Ranking<T> ThenBy<TKey>(Func<T, TKey> key) => new([.. _keys, Ascending(key)]);

    /// <summary>A tie-breaker for items equal on every key so far, highest value first.</summary>
    public Ranking<T> ThenByDescending<TKey>(Func<T, TKey> key) => new([.. _keys, Descending(key)]);

    /// <summary>
    /// The items best first, each with its rank. Items tied on every key keep the order they came in, so a caller that
    /// wants a fixed order within a tie (by name, by id) passes them in that order.
    /// </summary>
    public IReadOnlyList<Ranked<T>> Rank(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        // OrderBy is a stable sort: that is what keeps tied items in the order they came in.
        var ordered = items.OrderBy(item => item, Comparer<T>.Create(Compare)).ToList();
        var ranked = new List<Ranked<T>>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && Compare(ordered[i], ordered[i - 1]) == 0 ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new Ranked<T>(rank, ordered[i]));
        }

        return ranked;
    }

    private int Compare(T a, T b)
    {
        foreach (var key in _keys)
        {
            var order = key(a, b);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    private static Comparison<T> Ascending<TKey>(Func<T, TKey> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return (a, b) => Comparer<TKey>.Default.Compare(key(a), key(b));
    }

    private static Comparison<T> Descending<TKey>(Func<T, TKey> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return (a, b) => Comparer<TKey>.Default.Compare(key(b), key(a));
    }
}
