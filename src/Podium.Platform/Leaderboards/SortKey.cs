using System.Buffers.Binary;

namespace Podium.Platform.Leaderboards;

/// <summary>
/// A score as bytes whose plain byte order (memcmp) is the board's order, best first: 8 bytes per component, big-endian.
/// </summary>
/// <remarks>
/// Why bytes and not one number: a Redis sorted-set score is a double, 53 bits of mantissa, too few for points,
/// accuracy and a time together without rounding some of them into false ties. Bytes keep every component whole, and
/// they sort the same everywhere the board lives: SQLite compares BLOBs with memcmp, PostgreSQL compares bytea the
/// same way, and Redis orders members of equal score (all zero here) by their bytes, which <c>ZLEXCOUNT</c> counts in
/// O(log N). Equal keys are equal scores, so ties are exact in every store.
/// The encoding of a double is the usual order-preserving one: flip the sign bit of a positive value, all bits of a
/// negative one; a component where higher is better is then inverted, so that ascending bytes are always best first.
/// </remarks>
internal static class SortKey
{
    public const int ComponentBytes = 8;

    public static byte[] Encode(LeaderboardFamily family, IReadOnlyList<double> score)
    {
        var key = new byte[family.Components.Count * ComponentBytes];
        for (var i = 0; i < score.Count; i++)
        {
            // -0.0 and 0.0 are equal numbers, so they must be equal keys (their bits differ).
            var value = score[i] == 0 ? 0d : score[i];
            var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
            var ordered = (bits & 0x8000_0000_0000_0000UL) == 0 ? bits | 0x8000_0000_0000_0000UL : ~bits;
            if (family.Components[i].Order == ScoreOrder.HigherFirst)
            {
                ordered = ~ordered;
            }

            BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(i * ComponentBytes), ordered);
        }

        return key;
    }

    public static double[] Decode(LeaderboardFamily family, ReadOnlySpan<byte> key)
    {
        var score = new double[family.Components.Count];
        for (var i = 0; i < score.Length; i++)
        {
            var ordered = BinaryPrimitives.ReadUInt64BigEndian(key[(i * ComponentBytes)..]);
            if (family.Components[i].Order == ScoreOrder.HigherFirst)
            {
                ordered = ~ordered;
            }

            var bits = (ordered & 0x8000_0000_0000_0000UL) != 0 ? ordered & 0x7FFF_FFFF_FFFF_FFFFUL : ~ordered;
            score[i] = BitConverter.Int64BitsToDouble((long)bits);
        }

        return score;
    }

    /// <summary>How many buckets a board's first component is cut into, at most.</summary>
    public const int Buckets = 16_384;

    /// <summary>
    /// The key's bucket: its first component's place among <see cref="Buckets"/> equal slices of that component's
    /// declared bounds, numbered best first, so that a better key never has a later bucket.
    /// </summary>
    /// <remarks>
    /// Why the first component, and why slices of its bounds: a rank is 1 + the members of better buckets (a sum over at
    /// most <see cref="Buckets"/> small rows) + the members of the same bucket with a better key (an index count bounded by
    /// the bucket's size), so buckets must be few and members spread across them. The first component is the one that
    /// spreads them (points); a family declares its plausible bounds, and a whole-number component whose bounds span
    /// fewer than <see cref="Buckets"/> values gets a bucket per value. A family that leaves the default ±2^53 bounds
    /// gets nearly every member in one bucket: still correct, but ranks then count that bucket (docs/ARCHITECTURE.md).
    /// Computed from the value with operations that are each monotonic in IEEE arithmetic, so the order holds exactly.
    /// </remarks>
    public static long Bucket(LeaderboardFamily family, ReadOnlySpan<byte> key)
    {
        var component = family.Components[0];
        var span = component.Max - component.Min;
        if (span <= 0)
        {
            return 0;
        }

        var value = Decode(family, key)[0];
        var slice = (long)Math.Min(Buckets - 1, Math.Floor((value - component.Min) / span * Buckets));
        return component.Order == ScoreOrder.HigherFirst ? Buckets - 1 - slice : slice;
    }

    public static int Compare(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b);
}
