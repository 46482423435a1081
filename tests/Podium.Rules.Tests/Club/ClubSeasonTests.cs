using Podium.Modules.Club.Domain;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Rules.Tests.Club;

public sealed class ClubSeasonTests
{
    [Fact]
    public void SeasonOf_IsTheLocalYear()
    {
        // 1 January 2027, 03:00 UTC is still New Year's Eve in Texas.
        var chicago = LocalZone.Find("America/Chicago");

        chicago.SeasonOf(new DateTime(2027, 1, 1, 3, 0, 0, DateTimeKind.Utc)).ShouldBe(2026);
        chicago.SeasonOf(new DateTime(2027, 1, 1, 7, 0, 0, DateTimeKind.Utc)).ShouldBe(2027);
    }

    [Fact]
    public void DefaultZone_IsCentralTime() => ClubProfile.DefaultZone.Id.ShouldBe(ClubProfile.DefaultTimeZone);
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
}
