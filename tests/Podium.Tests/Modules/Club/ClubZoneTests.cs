using Podium.Modules.Club.Domain;

namespace Podium.Tests.Modules.Club;

public sealed class ClubZoneTests
{
    private static readonly ClubZone Chicago = ClubZone.Find("America/Chicago");

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    private static DateTime Local(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Unspecified);

    [Fact]
    public void ToUtc_InSummerAndWinter_UsesTheOffsetOfThatDay()
    {
        Chicago.ToUtc(Local(2026, 7, 4, 6, 30)).ShouldBe(Utc(2026, 7, 4, 11, 30));
        Chicago.ToUtc(Local(2026, 12, 5, 6, 30)).ShouldBe(Utc(2026, 12, 5, 12, 30));
    }

    [Fact]
    public void ToUtc_WhenTheTimeHappensTwice_MeansTheFirstOne()
    {
        // 1 November 2026, 01:30 happens at 06:30 UTC (CDT) and again at 07:30 UTC (CST).
        Chicago.ToUtc(Local(2026, 11, 1, 1, 30)).ShouldBe(Utc(2026, 11, 1, 6, 30));
    }

    [Fact]
    public void TryToUtc_WhenTheClocksSkipTheTime_Refuses()
    {
        Chicago.TryToUtc(Local(2026, 3, 8, 2, 30), out _).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => Chicago.ToUtc(Local(2026, 3, 8, 2, 30))).Message.ShouldContain("does not exist");
    }

    [Fact]
    public void ToLocal_RoundTripsAcrossTheChange()
    {
        Chicago.ToLocal(Utc(2026, 11, 1, 6, 30)).ShouldBe(Local(2026, 11, 1, 1, 30));
        Chicago.ToLocal(Utc(2026, 11, 1, 7, 30)).ShouldBe(Local(2026, 11, 1, 1, 30));
        Chicago.ToLocal(Utc(2026, 11, 1, 8, 30)).ShouldBe(Local(2026, 11, 1, 2, 30));
    }

    [Fact]
    public void SeasonOf_IsTheLocalYear()
    {
        // 1 January 2027, 03:00 UTC is still New Year's Eve in Texas.
        Chicago.SeasonOf(Utc(2027, 1, 1, 3)).ShouldBe(2026);
        Chicago.SeasonOf(Utc(2027, 1, 1, 7)).ShouldBe(2027);
    }

    [Fact]
    public void DayBounds_OnTheFallBackDay_Spans25Hours()
    {
        var (start, end) = Chicago.DayBounds(new DateOnly(2026, 11, 1));

        start.ShouldBe(Utc(2026, 11, 1, 5));
        (end - start).ShouldBe(TimeSpan.FromHours(25));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Central Time")]
    [InlineData("America/Nowhere")]
    public void Find_WhenTheZoneIsUnknown_SaysWhatAZoneLooksLike(string id)
    {
        ClubZone.TryFind(id, out _).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => ClubZone.Find(id)).Message.ShouldContain("America/Chicago");
    }
}

public sealed class UnitsTests
{
    [Theory]
    [InlineData("12.34", 1234)]
    [InlineData("12.3", 1230)]
    [InlineData("12", 1200)]
    [InlineData(" 0.05 lb", 5)]
    [InlineData("0", 0)]
    [InlineData("100.00", 10000)]
    public void TryParsePounds_ReadsWhatPeopleType(string text, int hundredths)
    {
        Weight.TryParsePounds(text, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(hundredths);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("12.345")]
    [InlineData("1e3")]
    [InlineData("12,5")]
    [InlineData("twelve")]
    [InlineData("100.01")]
    public void TryParsePounds_RefusesGarbage(string? text) => Weight.TryParsePounds(text, out _).ShouldBeFalse();

    [Fact]
    public void Format_ShowsTwoDecimalsAndTheUnit()
    {
        Weight.Format(1234).ShouldBe("12.34 lb");
        Weight.Format(5).ShouldBe("0.05 lb");
        Weight.Format(0).ShouldBe("0.00 lb");
    }

    [Fact]
    public void Money_FormatsAndParsesCents()
    {
        Money.Format(123456).ShouldBe("$1,234.56");
        Money.TryParseDollars("$25", out var cents).ShouldBeTrue();
        cents.ShouldBe(2500);
        Money.TryParseDollars("25.005", out _).ShouldBeFalse();
        Money.TryParseDollars("-5", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Lake Travis", "lake-travis")]
    [InlineData("  Lake  Buchanan (north) ", "lake-buchanan-north")]
    [InlineData("Inks Lake!", "inks-lake")]
    public void SlugOf_MakesAUrlSegment(string name, string slug) => Lake.SlugOf(name).ShouldBe(slug);

    [Fact]
    public void Iso_OfAUtcValueReadBackWithoutItsKind_EndsInZ()
    {
        // SQLite hands instants back as Unspecified; the round-trip "O" format then printed them with no zone at all.
        var read = new DateTime(2026, 1, 10, 12, 30, 0, DateTimeKind.Unspecified).AddTicks(1234);

        ClubZone.Iso(read).ShouldBe("2026-01-10T12:30:00Z");
        ClubZone.Iso(new DateTime(2026, 7, 4, 11, 30, 0, DateTimeKind.Utc)).ShouldBe("2026-07-04T11:30:00Z");
    }
}
