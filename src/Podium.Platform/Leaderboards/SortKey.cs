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

    public static int Compare(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b);
}
