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
    public void SeasonOf_WhenGivenNoZone_ThrowsNamingIt() =>
        Should.Throw<ArgumentNullException>(() => Seasons.SeasonOf(null!, DateTime.UnixEpoch)).ParamName.ShouldBe("zone");

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
    [InlineData("1,250.50", 125050)]
    [InlineData("$10,737,418.23", int.MaxValue / 2)] // the most a fee may be: a pot of two entrants still fits
    public void TryParseDollars_ReadsThousandsSeparatorsUpToTheLimit(string text, int cents)
    {
        Money.TryParseDollars(text, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(cents);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("10737418.24")] // one cent over
    public void TryParseDollars_WhenBlankOrTooMuch_Refuses(string? text)
    {
        Money.TryParseDollars(text, out var cents).ShouldBeFalse();
        cents.ShouldBe(0);
    }

    [Theory]
    [InlineData(1234, "12.34")]
    [InlineData(720, "7.20")]
    [InlineData(0, "0.00")]
    [InlineData(-150, "-1.50")]
    public void ToPounds_KeepsTwoDecimalsAndTheSign(int hundredths, string pounds) =>
        Weight.ToPounds(hundredths).ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(pounds);

    // A decimal can be a negative zero, which some writers print as "-0.00".
    [Fact]
    public void ToPounds_OfZero_IsNotNegative() => decimal.IsNegative(Weight.ToPounds(0)).ShouldBeFalse();

    [Theory]
    [InlineData("Lake Travis", "lake-travis")]
    [InlineData("  Lake  Buchanan (north) ", "lake-buchanan-north")]
    [InlineData("Inks Lake!", "inks-lake")]
    [InlineData("(Lake) Travis", "lake-travis")] // nothing before the first letter
    public void SlugOf_MakesAUrlSegment(string name, string slug) => Lake.SlugOf(name).ShouldBe(slug);
}

public sealed class MembershipTests
{
    private static readonly DateOnly Today = new(2026, 5, 1);

    [Theory]
    [InlineData(null, 0, true)] // a club without dues
    [InlineData("2026-05-01", 3000, true)] // paid through today
    [InlineData("2026-04-30", 3000, false)] // lapsed yesterday
    [InlineData(null, 3000, false)] // never paid
    public void InGoodStanding_ForAMember_IsDuesPaidThroughTodayWhenTheClubChargesDues(string? paidThrough, int duesCents, bool good) =>
        Angler.InGoodStanding(MembershipKind.Member, paidThrough is null ? null : DateOnly.Parse(paidThrough, System.Globalization.CultureInfo.InvariantCulture), Today, duesCents).ShouldBe(good);

    [Fact]
    public void InGoodStanding_WhenNotAMember_IsFalseEvenWithDuesPaid()
    {
        foreach (var kind in Enum.GetValues<MembershipKind>().Where(k => k != MembershipKind.Member))
        {
            Angler.InGoodStanding(kind, Today, Today, 0).ShouldBeFalse();
            new Angler { Kind = kind, DuesPaidThrough = Today }.InGoodStanding(Today, 3000).ShouldBeFalse();
        }
    }

    [Fact]
    public void NewRows_HaveTheClubsDefaults()
    {
        new ClubProfile().Name.ShouldBe("Bass Club");
        new Angler().NewsEmails.ShouldBeTrue();
        new Tournament().CountsForAnglerOfTheYear.ShouldBeTrue();
        new TournamentResult().Member.ShouldBeTrue();
    }

    // Forms bind to new rows and pages print their text: every text column of a new row is empty, never null.
    [Fact]
    public void NewRows_HaveEmptyTextRatherThanNull()
    {
        var rows = typeof(Lake).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Lake).Namespace && t.IsClass && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null && t != typeof(ClubProfile))
            .ToList();
        rows.ShouldContain(typeof(NewsPost));

        foreach (var row in rows)
        {
            var instance = Activator.CreateInstance(row)!;
            foreach (var text in row.GetProperties().Where(p => p.PropertyType == typeof(string) && p.CanWrite))
            {
                var value = (string?)text.GetValue(instance);
                if (value is not null && !(row == typeof(Tournament) && text.Name == nameof(Tournament.PayoutPercents)))
                {
                    value.ShouldBeEmpty($"{row.Name}.{text.Name}");
                }
            }
        }

        new ClubProfile().SizeRules.ShouldBeEmpty();
    }

    [Fact]
    public void NetWeight_OfAResult_IsTotalLessPenaltyNeverBelowZero()
    {
        new TournamentResult { TotalWeight = 1500, DeadFishPenalty = 25 }.NetWeight.ShouldBe(1475);
        new TournamentResult { TotalWeight = 20, DeadFishPenalty = 25 }.NetWeight.ShouldBe(0);
    }
}

public sealed class PollTallyTests
{
    private static readonly Guid A = new(1, 0, 0, new byte[8]), B = new(2, 0, 0, new byte[8]), C = new(3, 0, 0, new byte[8]);

    [Fact]
    public void Decide_MostVotes_Wins() =>
        PollTally.Decide([new(A, 2), new(B, 5), new(C, 1)]).ShouldBe(new PollWinner(B, false));

    [Fact]
    public void Decide_ATie_GoesToTheOptionListedFirstAndSaysSo() =>
        PollTally.Decide([new(A, 1), new(B, 4), new(C, 4)]).ShouldBe(new PollWinner(B, true));

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Decide_WhenNobodyVoted_HasNoWinner(int options) =>
        PollTally.Decide([.. new[] { A, B }.Take(options).Select(id => new OptionCount(id, 0))]).ShouldBe(new PollWinner(null, false));

    [Fact]
    public void Decide_WhenGivenNoCounts_ThrowsNamingThem() =>
        Should.Throw<ArgumentNullException>(() => PollTally.Decide(null!)).ParamName.ShouldBe("counts");
}
