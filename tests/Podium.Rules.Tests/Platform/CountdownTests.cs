using Podium.Platform.Modules.LocalTime;

namespace Podium.Rules.Tests.Platform;

/// <summary>The one countdown wording every page uses; js/countdown.js must say the same.</summary>
public sealed class CountdownTests
{
    [Theory]
    [InlineData(0, "now")]
    [InlineData(-1, "now")]
    [InlineData(-3 * 86400, "now")]
    [InlineData(1, "in less than a minute")]
    [InlineData(59, "in less than a minute")]
    [InlineData(60, "in 1 minute")]
    [InlineData(119, "in 1 minute")]
    [InlineData(120, "in 2 minutes")]
    [InlineData(45 * 60, "in 45 minutes")]
    [InlineData(3600 - 1, "in 59 minutes")]
    [InlineData(3600, "in 1 hour")]
    [InlineData(3600 + 60, "in 1 hour 1 minute")]
    [InlineData(2 * 3600 + 5 * 60, "in 2 hours 5 minutes")]
    [InlineData(86400 - 1, "in 23 hours 59 minutes")]
    [InlineData(86400, "in 1 day")]
    [InlineData(86400 + 3599, "in 1 day")]
    [InlineData(86400 + 3600, "in 1 day 1 hour")]
    [InlineData(26 * 3600, "in 1 day 2 hours")]
    [InlineData(3 * 86400, "in 3 days")]
    [InlineData(3 * 86400 + 4 * 3600 + 5 * 60, "in 3 days 4 hours")]
    [InlineData(400 * 86400, "in 400 days")]
    public void Until_SaysTheTimeLeftInWholeMinutesRoundedDown(int seconds, string expected) =>
        Countdown.Until(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);

    [Fact]
    public void Until_WhenLessThanASecondIsLeft_IsNotYetNow()
    {
        Countdown.Until(TimeSpan.FromTicks(1)).ShouldBe("in less than a minute");
        Countdown.Until(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1)).ShouldBe("in less than a minute");
    }

    [Fact]
    public void Until_BetweenTwoInstants_IsTheTimeFromTheFirstToTheSecond()
    {
        var now = new DateTime(2026, 3, 8, 7, 30, 0, DateTimeKind.Utc);

        Countdown.Until(now, now.AddHours(50)).ShouldBe("in 2 days 2 hours");
        Countdown.Until(now.AddHours(50), now).ShouldBe("now");
    }
}
