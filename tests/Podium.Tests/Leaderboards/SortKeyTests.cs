using Podium.Platform.Leaderboards;

namespace Podium.Tests.Leaderboards;

public sealed class SortKeyTests
{
    private static readonly LeaderboardFamily Family = new("test:keys", [ScoreComponent.HigherFirst("high"), ScoreComponent.LowerFirst("low")]);

    [Fact]
    public void Encode_AnyTwoScores_OrderAsTheFamilyDoesAndDecodeExactly()
    {
        var random = new Random(11);
        double[] special = [0, -0d, 1, -1, double.Epsilon, -double.Epsilon, ScoreComponent.ExactLimit, -ScoreComponent.ExactLimit, ScoreComponent.ExactLimit - 1, 0.1, 0.30000000000000004];
        double Pick() => random.Next(3) == 0 ? special[random.Next(special.Length)] : (random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-60, 53));
        for (var i = 0; i < 20_000; i++)
        {
            double[] a = [Pick(), Pick()];
            double[] b = [random.Next(4) == 0 ? a[0] : Pick(), Pick()];
            var expected = b[0].CompareTo(a[0]) is var first and not 0 ? first : a[1].CompareTo(b[1]);
            Math.Sign(SortKey.Compare(SortKey.Encode(Family, a), SortKey.Encode(Family, b))).ShouldBe(Math.Sign(expected), $"{a[0]},{a[1]} vs {b[0]},{b[1]}");
            SortKey.Decode(Family, SortKey.Encode(Family, a)).ShouldBe(a.Select(v => v == 0 ? 0d : v).ToArray());
        }
    }

    [Fact]
    public void Encode_MinusZeroAndZero_AreOneTie()
    {
        SortKey.Encode(Family, [-0d, 5]).ShouldBe(SortKey.Encode(Family, [0d, 5]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Test:keys")]
    [InlineData("test::keys")]
    [InlineData("test:keys:")]
    public void LeaderboardFamily_BadPrefix_IsRefused(string prefix)
    {
        Should.Throw<ArgumentException>(() => new LeaderboardFamily(prefix, [ScoreComponent.HigherFirst("x")]));
    }

    [Fact]
    public void LeaderboardFamily_NoOrTooManyComponents_IsRefused()
    {
        Should.Throw<ArgumentException>(() => new LeaderboardFamily("test:x", []));
        Should.Throw<ArgumentException>(() => new LeaderboardFamily("test:x", [.. Enumerable.Range(0, 9).Select(i => ScoreComponent.HigherFirst($"c{i}"))]));
        Should.Throw<ArgumentOutOfRangeException>(() => ScoreComponent.HigherFirst("x", 5, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => ScoreComponent.HigherFirst("x", double.NaN, 1));
    }
}
