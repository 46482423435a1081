using Podium.Platform.Modules.LocalTime;

namespace Podium.Rules.Tests.Platform;

/// <summary>
/// Local times in an owner's IANA zone, both ways, across both DST changes: Chicago (spring forward 8 March 2026 at
/// 02:00, fall back 1 November 2026 at 02:00) and Sydney, where the southern summer turns it around (back 5 April
/// 2026 at 03:00, forward 4 October 2026 at 02:00).
/// </summary>
public sealed class LocalZoneTests
{
    private static readonly LocalZone Chicago = LocalZone.Find("America/Chicago");
    private static readonly LocalZone Sydney = LocalZone.Find("Australia/Sydney");

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    private static DateTime Local(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Unspecified);

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }

    [Fact]
    public void ToUtc_InSummerAndWinter_UsesTheOffsetOfThatDay()
    {
        Chicago.ToUtc(Local(2026, 7, 4, 6, 30)).ShouldBe(Utc(2026, 7, 4, 11, 30));
        Chicago.ToUtc(Local(2026, 12, 5, 6, 30)).ShouldBe(Utc(2026, 12, 5, 12, 30));
    }

    [Fact]
    public void ToUtc_ReturnsAUtcValue() => Chicago.ToUtc(Local(2026, 7, 4, 6, 30)).Kind.ShouldBe(DateTimeKind.Utc);

    [Fact]
    public void ToUtc_WhenTheValueIsMarkedUtcOrLocal_StillReadsItAsThisZonesWallClock()
    {
        Chicago.ToUtc(new DateTime(2026, 7, 4, 6, 30, 0, DateTimeKind.Utc)).ShouldBe(Utc(2026, 7, 4, 11, 30));
        Chicago.ToUtc(new DateTime(2026, 7, 4, 6, 30, 0, DateTimeKind.Local)).ShouldBe(Utc(2026, 7, 4, 11, 30));
    }

    [Fact]
    public void ToUtc_WhenTheTimeHappensTwice_MeansTheFirstOne()
    {
        // 1 November 2026, 01:30 happens at 06:30 UTC (CDT) and again at 07:30 UTC (CST).
        Chicago.ToUtc(Local(2026, 11, 1, 1, 30)).ShouldBe(Utc(2026, 11, 1, 6, 30));
        // 5 April 2026, 02:30 in Sydney happens at 15:30 UTC the day before (AEDT) and again at 16:30 (AEST).
        Sydney.ToUtc(Local(2026, 4, 5, 2, 30)).ShouldBe(Utc(2026, 4, 4, 15, 30));
    }

    [Fact]
    public void ToUtc_AtTheEdgesOfTheRepeatedHour_IsOnTheRightSide()
    {
        // 00:59 is before the repeat (CDT); 02:00 is after it, and only happens once (CST).
        Chicago.ToUtc(Local(2026, 11, 1, 0, 59)).ShouldBe(Utc(2026, 11, 1, 5, 59));
        Chicago.ToUtc(Local(2026, 11, 1, 2, 0)).ShouldBe(Utc(2026, 11, 1, 8, 0));
    }

    [Fact]
    public void TryToUtc_WhenTheClocksSkipTheTime_Refuses()
    {
        Chicago.TryToUtc(Local(2026, 3, 8, 2, 30), out var utc).ShouldBeFalse();
        utc.ShouldBe(default);
        Sydney.TryToUtc(Local(2026, 10, 4, 2, 30), out _).ShouldBeFalse();
    }

    [Fact]
    public void TryToUtc_AtTheEdgesOfTheGap_Converts()
    {
        Chicago.TryToUtc(Local(2026, 3, 8, 1, 59), out var before).ShouldBeTrue();
        before.ShouldBe(Utc(2026, 3, 8, 7, 59));
        Chicago.TryToUtc(Local(2026, 3, 8, 3, 0), out var after).ShouldBeTrue();
        after.ShouldBe(Utc(2026, 3, 8, 8, 0));
    }

    [Fact]
    public void ToUtc_WhenTheClocksSkipTheTime_ThrowsWithTheFormsMessage()
    {
        var error = Should.Throw<ArgumentException>(() => Chicago.ToUtc(Local(2026, 3, 8, 2, 30)));

        error.Message.ShouldStartWith(Chicago.SkippedTimeMessage(Local(2026, 3, 8, 2, 30)));
        error.ParamName.ShouldBe("local");
    }

    [Fact]
    public void SkippedTimeMessage_NamesTheTimeAndTheZoneInEnglish() =>
        Chicago.SkippedTimeMessage(Local(2026, 3, 8, 2, 30)).ShouldBe(
            "March 8, 2026 2:30 AM does not exist in America/Chicago: at the spring forward that night, the clocks jump forward an hour. Pick a later time.");

    [Fact]
    public void ToLocal_RoundTripsAcrossTheFallBack()
    {
        Chicago.ToLocal(Utc(2026, 11, 1, 6, 30)).ShouldBe(Local(2026, 11, 1, 1, 30));
        Chicago.ToLocal(Utc(2026, 11, 1, 7, 30)).ShouldBe(Local(2026, 11, 1, 1, 30));
        Chicago.ToLocal(Utc(2026, 11, 1, 8, 30)).ShouldBe(Local(2026, 11, 1, 2, 30));
    }

    [Fact]
    public void ToLocal_AcrossTheSpringForward_JumpsTheMissingHour()
    {
        Chicago.ToLocal(Utc(2026, 3, 8, 7, 59)).ShouldBe(Local(2026, 3, 8, 1, 59));
        Chicago.ToLocal(Utc(2026, 3, 8, 8, 0)).ShouldBe(Local(2026, 3, 8, 3, 0));
        Sydney.ToLocal(Utc(2026, 10, 3, 15, 59)).ShouldBe(Local(2026, 10, 4, 1, 59));
        Sydney.ToLocal(Utc(2026, 10, 3, 16, 0)).ShouldBe(Local(2026, 10, 4, 3, 0));
    }

    [Fact]
    public void ToLocal_OfAValueReadBackWithoutItsKind_TakesItAsUtc() =>
        Chicago.ToLocal(new DateTime(2026, 7, 4, 11, 30, 0, DateTimeKind.Unspecified)).ShouldBe(Local(2026, 7, 4, 6, 30));

    [Fact]
    public void Format_WritesTheLocalTimeInEnglish() =>
        Chicago.Format(Utc(2026, 11, 1, 7, 30), "ddd, MMM d h:mm tt").ShouldBe("Sun, Nov 1 1:30 AM");

    [Fact]
    public void Iso_OfAUtcValueReadBackWithoutItsKind_EndsInZ()
    {
        // SQLite hands instants back as Unspecified; the round-trip "O" format then printed them with no zone at all.
        var read = new DateTime(2026, 1, 10, 12, 30, 0, DateTimeKind.Unspecified).AddTicks(1234);

        LocalZone.Iso(read).ShouldBe("2026-01-10T12:30:00Z");
        LocalZone.Iso(new DateTime(2026, 7, 4, 11, 30, 0, DateTimeKind.Utc)).ShouldBe("2026-07-04T11:30:00Z");
    }

    [Fact]
    public void YearOf_IsTheLocalYear()
    {
        // 1 January 2027, 03:00 UTC is still New Year's Eve in Chicago; 13:00 UTC on 31 December is already 2027 in Sydney.
        Chicago.YearOf(Utc(2027, 1, 1, 3)).ShouldBe(2026);
        Chicago.YearOf(Utc(2027, 1, 1, 7)).ShouldBe(2027);
        Sydney.YearOf(Utc(2026, 12, 31, 13)).ShouldBe(2027);
    }

    [Fact]
    public void Today_IsTheLocalDateOfTheClocksNow()
    {
        Chicago.Today(new FixedClock(Utc(2026, 7, 5, 3))).ShouldBe(new DateOnly(2026, 7, 4));
        Chicago.Today(new FixedClock(Utc(2026, 7, 5, 5))).ShouldBe(new DateOnly(2026, 7, 5));
        Should.Throw<ArgumentNullException>(() => Chicago.Today(null!));
    }

    [Fact]
    public void DayBounds_OnAnOrdinaryDay_Spans24HoursFromLocalMidnight()
    {
        var (start, end) = Chicago.DayBounds(new DateOnly(2026, 7, 4));

        start.ShouldBe(Utc(2026, 7, 4, 5));
        end.ShouldBe(Utc(2026, 7, 5, 5));
    }

    [Fact]
    public void DayBounds_OnTheFallBackDay_Spans25Hours()
    {
        var (start, end) = Chicago.DayBounds(new DateOnly(2026, 11, 1));

        start.ShouldBe(Utc(2026, 11, 1, 5));
        (end - start).ShouldBe(TimeSpan.FromHours(25));
    }

    [Fact]
    public void DayBounds_OnTheSpringForwardDay_Spans23Hours()
    {
        var (start, end) = Chicago.DayBounds(new DateOnly(2026, 3, 8));

        start.ShouldBe(Utc(2026, 3, 8, 6));
        (end - start).ShouldBe(TimeSpan.FromHours(23));
    }

    [Fact]
    public void DayBounds_WhenMidnightItselfIsSkipped_StartsAtTheFirstTimeThatExists()
    {
        // Santiago springs forward at midnight: 6 September 2026 begins at 01:00 (-03:00), an hour short.
        var santiago = LocalZone.Find("America/Santiago");

        var (start, end) = santiago.DayBounds(new DateOnly(2026, 9, 6));

        start.ShouldBe(Utc(2026, 9, 6, 4));
        (end - start).ShouldBe(TimeSpan.FromHours(23));
        santiago.ToLocal(start).ShouldBe(Local(2026, 9, 6, 1, 0));
    }

    // Fixed offsets (no DST, no local mean time in year 1): Etc/GMT-9 is UTC+9, Etc/GMT+9 is UTC-9.
    [Fact]
    public void TryToUtc_AtTheFirstInstantADateTimeHolds_Converts()
    {
        LocalZone.Find("Etc/GMT-9").TryToUtc(DateTime.MinValue.AddHours(9), out var utc).ShouldBeTrue();
        utc.ShouldBe(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc));
    }

    [Fact]
    public void TryToUtc_AtTheLastInstantADateTimeHolds_Converts()
    {
        LocalZone.Find("Etc/GMT+9").TryToUtc(DateTime.MaxValue.AddHours(-9), out var utc).ShouldBeTrue();
        utc.ShouldBe(DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc));
    }

    [Fact]
    public void TryToUtc_WhenTheInstantIsBeforeTheFirstADateTimeHolds_Refuses() =>
        LocalZone.Find("Etc/GMT-9").TryToUtc(DateTime.MinValue.AddHours(9).AddTicks(-1), out _).ShouldBeFalse();

    [Fact]
    public void TryToUtc_WhenTheInstantIsAfterTheLastADateTimeHolds_Refuses() =>
        LocalZone.Find("Etc/GMT+9").TryToUtc(DateTime.MaxValue.AddHours(-9).AddTicks(1), out _).ShouldBeFalse();

    [Fact]
    public void Days_WithinOneDay_IsThatDay() =>
        Chicago.Days(Utc(2026, 7, 4, 11), Utc(2026, 7, 4, 20)).ShouldBe((new DateOnly(2026, 7, 4), new DateOnly(2026, 7, 4)));

    [Fact]
    public void Days_EndingAtLocalMidnight_EndsTheDayBefore() =>
        Chicago.Days(Chicago.ToUtc(Local(2026, 7, 4, 0)), Chicago.ToUtc(Local(2026, 7, 6, 0)))
            .ShouldBe((new DateOnly(2026, 7, 4), new DateOnly(2026, 7, 5)));

    [Fact]
    public void Days_EndingAfterMidnight_IncludesThatDay() =>
        Chicago.Days(Chicago.ToUtc(Local(2026, 7, 4, 18)), Chicago.ToUtc(Local(2026, 7, 5, 0, 30)))
            .ShouldBe((new DateOnly(2026, 7, 4), new DateOnly(2026, 7, 5)));

    [Fact]
    public void Days_OfNoLengthAtMidnight_IsThatDay()
    {
        var midnight = Chicago.ToUtc(Local(2026, 7, 4, 0));

        Chicago.Days(midnight, midnight).ShouldBe((new DateOnly(2026, 7, 4), new DateOnly(2026, 7, 4)));
    }

    [Fact]
    public void Days_WhenTheEndIsBeforeTheStart_IsTheFirstDayAlone() =>
        Chicago.Days(Utc(2026, 7, 6, 17), Utc(2026, 7, 4, 17)).ShouldBe((new DateOnly(2026, 7, 6), new DateOnly(2026, 7, 6)));

    [Fact]
    public void Days_OfNoLengthWithinADay_IsThatDay()
    {
        var noon = Chicago.ToUtc(Local(2026, 7, 4, 12));

        Chicago.Days(noon, noon).ShouldBe((new DateOnly(2026, 7, 4), new DateOnly(2026, 7, 4)));
    }

    [Fact]
    public void Days_EndingOneTickAfterMidnight_IncludesThatDay()
    {
        var midnight = Chicago.ToUtc(Local(2026, 7, 5, 0));

        Chicago.Days(midnight.AddHours(-1), midnight.AddTicks(1)).ShouldBe((new DateOnly(2026, 7, 4), new DateOnly(2026, 7, 5)));
    }

    [Fact]
    public void Days_AreLocalDaysNotUtcDays() =>
        // 19:00–22:00 in Chicago on 4 July is 00:00–03:00 UTC on the 5th.
        Chicago.Days(Utc(2026, 7, 5, 0), Utc(2026, 7, 5, 3)).ShouldBe((new DateOnly(2026, 7, 4), new DateOnly(2026, 7, 4)));

    [Fact]
    public void Find_KnowsIanaZonesAndReadsPastSpaces()
    {
        Chicago.Id.ShouldBe("America/Chicago");
        Chicago.Zone.Id.ShouldBe("America/Chicago");
        LocalZone.TryFind("  Europe/London ", out var london).ShouldBeTrue();
        london.Id.ShouldBe("Europe/London");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Central Time")]
    [InlineData("America/Nowhere")]
    public void Find_WhenTheZoneIsUnknown_SaysWhatAZoneLooksLike(string? id)
    {
        LocalZone.TryFind(id, out _).ShouldBeFalse();
        var error = Should.Throw<ArgumentException>(() => LocalZone.Find(id!));
        error.Message.ShouldContain("is not a known IANA time zone (for example America/Chicago)");
        error.ParamName.ShouldBe("ianaId");
    }
}
