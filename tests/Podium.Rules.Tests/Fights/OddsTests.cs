using Podium.Modules.Fights.Domain;

namespace Podium.Rules.Tests.Fights;

public sealed class OddsTests
{
    private static readonly DateTime Lock = new(2026, 12, 12, 23, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(150, "2.5")]
    [InlineData(100, "2")]
    [InlineData(-100, "2")]
    [InlineData(-200, "1.5")]
    [InlineData(-400, "1.25")]
    [InlineData(250, "3.5")]
    [InlineData(10000, "101")]
    [InlineData(-10000, "1.01")]
    public void ToDecimal_WhenGivenAMoneyline_IsTheTotalReturnPerUnit(int moneyline, string expected) =>
        Odds.ToDecimal(moneyline).ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    [InlineData(-99)]
    [InlineData(50)]
    [InlineData(10001)]
    [InlineData(-10001)]
    public void ToDecimal_WhenNotAMoneyline_Throws(int moneyline)
    {
        var thrown = Should.Throw<ArgumentOutOfRangeException>(() => Odds.ToDecimal(moneyline));

        thrown.ParamName.ShouldBe("moneyline");
        thrown.Message.ShouldStartWith("A moneyline is ±100 or beyond.");
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(-100, true)]
    [InlineData(99, false)]
    [InlineData(-99, false)]
    [InlineData(10000, true)]
    [InlineData(-10000, true)]
    [InlineData(10001, false)]
    [InlineData(-10001, false)]
    public void IsValidMoneyline_WhenAtTheBounds_IsInclusive(int moneyline, bool valid) => Odds.IsValidMoneyline(moneyline).ShouldBe(valid);

    [Theory]
    [InlineData("2.5", 150)]
    [InlineData("2", 100)]
    [InlineData("1.5", -200)]
    [InlineData("1.25", -400)]
    [InlineData("1.909", -110)]
    [InlineData("2.125", 113)] // 112.5 rounds half away from zero
    [InlineData("1.8", -125)]
    [InlineData("1.3", -333)]
    public void ToMoneyline_WhenGivenDecimalOdds_IsTheNearestMoneyline(string odds, int moneyline) =>
        Odds.ToMoneyline(decimal.Parse(odds, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(moneyline);

    [Fact]
    public void ToMoneyline_WhenAFavouritesLineIsHalfway_RoundsAwayFromZero() =>
        Odds.ToMoneyline(1.32m).ShouldBe(-313); // −312.5: banker's rounding would give −312

    [Theory]
    [InlineData("1")]
    [InlineData("0.5")]
    public void ToMoneyline_WhenNotAboveOne_Throws(string odds)
    {
        var thrown = Should.Throw<ArgumentOutOfRangeException>(() => Odds.ToMoneyline(decimal.Parse(odds, System.Globalization.CultureInfo.InvariantCulture)));

        thrown.ParamName.ShouldBe("decimalOdds");
        thrown.Message.ShouldStartWith("Decimal odds are above 1.");
    }

    [Fact]
    public void ToMoneyline_WhenJustAboveOne_IsALongFavourite() => Odds.ToMoneyline(1.01m).ShouldBe(-10000);

    [Fact]
    public void ImpliedProbability_WhenEvens_IsAHalf() => Odds.ImpliedProbability(100).ShouldBe(0.5m);

    [Fact]
    public void ImpliedProbability_WhenAFavourite_IsAboveAHalf() => Odds.ImpliedProbability(-300).ShouldBe(0.75m);

    [Fact]
    public void ImpliedProbability_WhenAnUnderdog_IsBelowAHalf() => Odds.ImpliedProbability(300).ShouldBe(0.25m);

    [Fact]
    public void Favourite_WhenAIsShorter_IsA() => Odds.Favourite(-150, 130).ShouldBe(Corner.A);

    [Fact]
    public void Favourite_WhenBIsShorter_IsB() => Odds.Favourite(200, -240).ShouldBe(Corner.B);

    [Fact]
    public void Favourite_WhenBothAreUnderdogLines_IsTheShorterOne() => Odds.Favourite(105, 115).ShouldBe(Corner.A);

    [Fact]
    public void Favourite_WhenThePricesAreEqual_IsNobody() => Odds.Favourite(-110, -110).ShouldBeNull();

    [Fact]
    public void Favourite_WhenPlusAndMinusHundred_IsNobody() => Odds.Favourite(100, -100).ShouldBeNull();

    [Fact]
    public void MoneylineOf_WhenAskedForEachCorner_GivesThatCornersLine()
    {
        var snapshot = new OddsSnapshot(Lock, -150, 130);

        snapshot.MoneylineOf(Corner.A).ShouldBe(-150);
        snapshot.MoneylineOf(Corner.B).ShouldBe(130);
    }

    [Fact]
    public void Closing_WhenSnapshotsStraddleTheLock_IsTheLastBeforeIt()
    {
        OddsSnapshot early = new(Lock.AddDays(-14), -120, 100), late = new(Lock.AddHours(-1), -180, 150), after = new(Lock.AddMinutes(10), -900, 600);

        Odds.Closing([late, after, early], new BoutLock(Lock)).ShouldBe(late);
    }

    [Fact]
    public void Closing_WhenASnapshotIsAtTheLockInstant_LeavesItOut()
    {
        OddsSnapshot before = new(Lock.AddTicks(-1), -120, 100), at = new(Lock, -200, 170);

        Odds.Closing([before, at], new BoutLock(Lock)).ShouldBe(before);
    }

    [Fact]
    public void Closing_WhenEverySnapshotIsAfterTheLock_IsNone() =>
        Odds.Closing([new OddsSnapshot(Lock.AddMinutes(1), -120, 100)], new BoutLock(Lock)).ShouldBeNull();

    [Fact]
    public void Closing_WhenThereAreNoSnapshots_IsNone() => Odds.Closing([], new BoutLock(Lock)).ShouldBeNull();
}
