using Podium.Modules.Club.Domain;

namespace Podium.Rules.Tests.Club;

public sealed class ClubPayoutsTests
{
    private static readonly int[] Default = [50, 30, 20];
    private static int _next;

    private static Bag Angler(int total, int bigBass = 0, bool dq = false, bool buyIn = false, bool member = true) =>
        new(new Guid(Interlocked.Increment(ref _next), 0, 0, new byte[8]), buyIn ? 0 : total > 0 ? 5 : 0, total, bigBass, 0, dq, buyIn, member);

    private static PayoutLine? Line(PayoutSheet sheet, Bag bag) => sheet.Lines.SingleOrDefault(l => l.AnglerId == bag.AnglerId);

    private static void ShouldBalance(PayoutSheet sheet) =>
        (sheet.Lines.Sum(l => l.TotalCents) + sheet.ClubCents).ShouldBe(sheet.EntryPotCents + sheet.BigBassPotCents);

    [Fact]
    public void Compute_ByDefault_Pays50_30_20OfTheEntryPot()
    {
        Bag a = Angler(1500), b = Angler(1200), c = Angler(900), d = Angler(600);

        var sheet = TournamentPayouts.Compute([d, c, b, a], entryFeeCents: 5000, bigBassPotCents: 0, Default);

        sheet.EntryPotCents.ShouldBe(20000);
        sheet.Lines.Select(l => (l.AnglerId, l.Place, l.PlaceCents)).ShouldBe([(a.AnglerId, 1, 10000), (b.AnglerId, 2, 6000), (c.AnglerId, 3, 4000)]);
        Line(sheet, d).ShouldBeNull();
        sheet.ClubCents.ShouldBe(0);
    }

    [Fact]
    public void Compute_ATieForFirst_SplitsFirstAndSecondShares()
    {
        Bag a = Angler(1500, 500), b = Angler(1500, 500), c = Angler(900);

        var sheet = TournamentPayouts.Compute([a, b, c], 10000, 0, Default);

        // Pot $300: 1st+2nd = 80 % = $240, $120 each; 3rd (place 3) $60.
        Line(sheet, a)!.PlaceCents.ShouldBe(12000);
        Line(sheet, b)!.PlaceCents.ShouldBe(12000);
        Line(sheet, c).ShouldBe(new PayoutLine(c.AnglerId, 3, 6000, 0));
        sheet.ClubCents.ShouldBe(0);
    }

    [Fact]
    public void Compute_ATieAcrossTheLastPaidPlace_SplitsOnlyThePaidShare()
    {
        Bag a = Angler(1500), b = Angler(1200), c = Angler(900, 300), d = Angler(900, 300), e = Angler(100);

        var sheet = TournamentPayouts.Compute([a, b, c, d, e], 2000, 0, Default);

        // Pot $100; c and d occupy 3rd and 4th: 20 % + nothing = $20, $10 each.
        Line(sheet, c)!.PlaceCents.ShouldBe(1000);
        Line(sheet, d)!.PlaceCents.ShouldBe(1000);
        Line(sheet, e).ShouldBeNull();
        ShouldBalance(sheet);
    }

    [Fact]
    public void Compute_AThreeWayTie_LeavesTheOddCentsToTheClub()
    {
        Bag a = Angler(1000, 300), b = Angler(1000, 300), c = Angler(1000, 300);

        var sheet = TournamentPayouts.Compute([a, b, c], 1000, 0, Default);

        // Pot $30.00, all of it shared three ways: $10.00 each, nothing left.
        sheet.Lines.ShouldAllBe(l => l.PlaceCents == 1000 && l.Place == 1);
        sheet.ClubCents.ShouldBe(0);

        var odd = TournamentPayouts.Compute([a, b, c], 1001, 0, Default);
        // Pot $30.03: $10.01 each, 0 left; with 50/30/20 → 3003 cents / 3 = 1001.
        odd.Lines.ShouldAllBe(l => l.PlaceCents == 1001);
        ShouldBalance(odd);
    }

    [Fact]
    public void Compute_RoundingRemainders_GoToTheClub()
    {
        Bag a = Angler(1500), b = Angler(1200), c = Angler(900);

        var cents = TournamentPayouts.Compute([a, b, c], 337, 0, Default);
        // Pot 1011 ¢: 505, 303, 202 → 1010 paid, 1 ¢ to the club.
        cents.Lines.Select(l => l.PlaceCents).ShouldBe([505, 303, 202]);
        cents.ClubCents.ShouldBe(1);
    }

    [Fact]
    public void Compute_SharesUnder100Percent_LeaveTheRestToTheClub()
    {
        Bag a = Angler(1500), b = Angler(1200);

        var sheet = TournamentPayouts.Compute([a, b], 5000, 0, [60, 20]);

        sheet.Lines.Select(l => l.PlaceCents).ShouldBe([6000, 2000]);
        sheet.ClubCents.ShouldBe(2000);
    }

    [Fact]
    public void Compute_DisqualifiedBuyInsAndZeros_PayIntoThePotButAreNotPaid()
    {
        Bag winner = Angler(1500, 500), dq = Angler(2500, 900, dq: true), buyIn = Angler(0, buyIn: true), zero = Angler(0);

        var sheet = TournamentPayouts.Compute([winner, dq, buyIn, zero], 5000, 1000, Default);

        sheet.Entrants.ShouldBe(4);
        sheet.EntryPotCents.ShouldBe(20000);
        sheet.BigBassPotCents.ShouldBe(4000);
        sheet.Lines.ShouldBe([new PayoutLine(winner.AnglerId, 1, 10000, 4000)]);
        // 2nd and 3rd shares (a zero and nobody) stay with the club.
        sheet.ClubCents.ShouldBe(10000);
    }

    [Fact]
    public void Compute_Guests_ArePaidByTheScales()
    {
        Bag guest = Angler(1500, member: false), member = Angler(1200);

        var sheet = TournamentPayouts.Compute([guest, member], 5000, 0, Default);

        Line(sheet, guest)!.PlaceCents.ShouldBe(5000);
        Line(sheet, member)!.PlaceCents.ShouldBe(3000);
    }

    [Fact]
    public void Compute_TheBigBassPot_GoesToTheHeaviestFishEvenOutsideThePaidPlaces()
    {
        Bag a = Angler(1500, 400), b = Angler(1200, 350), c = Angler(900, 300), d = Angler(800, 710);

        var sheet = TournamentPayouts.Compute([a, b, c, d], 5000, 1000, Default);

        Line(sheet, d).ShouldBe(new PayoutLine(d.AnglerId, 4, 0, 4000));
        Line(sheet, a)!.BigBassCents.ShouldBe(0);
        ShouldBalance(sheet);
    }

    [Fact]
    public void Compute_EqualBigBass_SplitThePot_RemainderToTheClub()
    {
        Bag a = Angler(1500, 500), b = Angler(1200, 500), c = Angler(900, 300);

        var sheet = TournamentPayouts.Compute([a, b, c], 0, 333, Default);

        // Pot 999 ¢ between two: 499 each, 1 ¢ to the club.
        Line(sheet, a)!.BigBassCents.ShouldBe(499);
        Line(sheet, b)!.BigBassCents.ShouldBe(499);
        sheet.ClubCents.ShouldBe(1);
    }

    [Fact]
    public void Compute_WhenNoBigBassWasWeighed_ThePotStaysWithTheClub()
    {
        Bag a = Angler(1500), b = Angler(1200);

        var sheet = TournamentPayouts.Compute([a, b], 0, 1000, Default);

        sheet.Lines.ShouldBeEmpty();
        sheet.ClubCents.ShouldBe(2000);
    }

    [Fact]
    public void Compute_NoResults_PaysNothing()
    {
        var sheet = TournamentPayouts.Compute([], 5000, 1000, Default);

        (sheet.Entrants, sheet.EntryPotCents, sheet.BigBassPotCents, sheet.ClubCents).ShouldBe((0, 0, 0, 0));
        sheet.Lines.ShouldBeEmpty();
    }

    [Fact]
    public void Compute_InputOrder_NeverChangesThePayouts()
    {
        Bag[] bags = [Angler(1500, 500), Angler(1500, 500), Angler(1200, 600), Angler(900), Angler(0, buyIn: true)];

        var forward = TournamentPayouts.Compute(bags, 4321, 777, Default);
        var backward = TournamentPayouts.Compute([.. bags.Reverse()], 4321, 777, Default);

        backward.Lines.ShouldBe(forward.Lines);
        backward.ClubCents.ShouldBe(forward.ClubCents);
        ShouldBalance(forward);
    }

    [Fact]
    public void Compute_PercentsOver100_AreRefused() =>
        Should.Throw<ArgumentException>(() => TournamentPayouts.Compute([], 0, 0, [60, 50]));

    [Fact]
    public void Compute_WhenAPercentIsNegative_IsRefused() =>
        Should.Throw<ArgumentException>(() => TournamentPayouts.Compute([], 0, 0, [60, -10])).Message.ShouldStartWith("Payout percents must be non-negative");

    [Fact]
    public void Compute_WhenGivenNoBagsOrNoPercents_ThrowsNamingThem()
    {
        Should.Throw<ArgumentNullException>(() => TournamentPayouts.Compute(null!, 0, 0, Default)).ParamName.ShouldBe("bags");
        Should.Throw<ArgumentNullException>(() => TournamentPayouts.Compute([], 0, 0, null!)).ParamName.ShouldBe("percents");
    }

    [Fact]
    public void Compute_WhenAPlacePaysZeroPercent_PaysItNothingAndTheOthersTheirShare()
    {
        Bag a = Angler(1500), b = Angler(1200);

        var sheet = TournamentPayouts.Compute([a, b], entryFeeCents: 5000, bigBassPotCents: 0, [100, 0]);

        sheet.Lines.Select(l => (l.AnglerId, l.PlaceCents)).ShouldBe([(a.AnglerId, 10000)]);
        sheet.ClubCents.ShouldBe(0);
    }

    [Theory]
    [InlineData(-1, 0, "entryFeeCents")]
    [InlineData(0, -1, "bigBassPotCents")]
    public void Compute_WhenAFeeIsNegative_IsRefused(int entryFeeCents, int bigBassPotCents, string param) =>
        Should.Throw<ArgumentOutOfRangeException>(() => TournamentPayouts.Compute([Angler(1000)], entryFeeCents, bigBassPotCents, Default))
            .ParamName.ShouldBe(param);

    // A fee typed with a few zeros too many must stop the sheet, not wrap around into a negative pot paid out as such.
    [Theory]
    [InlineData(int.MaxValue / 2 + 1, 0)]
    [InlineData(0, int.MaxValue / 2 + 1)]
    public void Compute_WhenThePotOverflows_Throws(int entryFeeCents, int bigBassPotCents) =>
        Should.Throw<OverflowException>(() => TournamentPayouts.Compute([Angler(1500, 300), Angler(900)], entryFeeCents, bigBassPotCents, Default));

    [Fact]
    public void Compute_TiedAnglersOnOnePlace_AreListedByAnglerId()
    {
        Bag a = Angler(1500, 500), b = Angler(1500, 500), c = Angler(900);

        var sheet = TournamentPayouts.Compute([c, b, a], 5000, 0, Default);

        sheet.Lines.Select(l => l.AnglerId).ShouldBe([a.AnglerId, b.AnglerId, c.AnglerId]);
    }

    [Fact]
    public void Format_ThenTryParse_GivesBackTheSameShares()
    {
        int[] shares = [60, 25, 15];

        var stored = PayoutPercents.Format(shares);

        stored.ShouldBe("60,25,15");
        PayoutPercents.TryParse(stored, out var read, out _).ShouldBeTrue();
        read.ShouldBe(shares);
    }

    [Theory]
    [InlineData("50,30,20", new[] { 50, 30, 20 })]
    [InlineData(" 60 , 40 ", new[] { 60, 40 })]
    [InlineData("100", new[] { 100 })]
    [InlineData("50%,30%", new[] { 50, 30 })]
    [InlineData("5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5", new[] { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 })] // exactly MaxPlaces
    public void TryParse_WhenTheSharesAreSensible_ReturnsThem(string text, int[] expected)
    {
        PayoutPercents.TryParse(text, out var percents, out var error).ShouldBeTrue();
        percents.ShouldBe(expected);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("", "Enter the share")]
    [InlineData("50,abc", "'abc' is not a whole percent")]
    [InlineData("50,0", "'0' is not a whole percent")]
    [InlineData("50.5,30", "'50.5' is not a whole percent")]
    [InlineData("-5", "'-5' is not a whole percent")]
    [InlineData("60,50", "add up to 110 %")]
    [InlineData("1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", "At most 20 places")]
    public void TryParse_WhenTheSharesAreNotSensible_SaysWhy(string text, string reason)
    {
        PayoutPercents.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain(reason);
    }

    [Theory]
    [InlineData("50,30,20", "1st 50\u00A0%, 2nd 30\u00A0%, 3rd 20\u00A0%")]
    [InlineData("100", "1st 100\u00A0%")]
    [InlineData("40,20,10,8,6,5,4,3,2,1,1", "1st 40\u00A0%, 2nd 20\u00A0%, 3rd 10\u00A0%, 4th 8\u00A0%, 5th 6\u00A0%, 6th 5\u00A0%, 7th 4\u00A0%, 8th 3\u00A0%, 9th 2\u00A0%, 10th 1\u00A0%, 11th 1\u00A0%")]
    public void Describe_SaysThePaidPlacesAsPeopleDo(string stored, string said)
    {
        PayoutPercents.TryParse(stored, out var percents, out _).ShouldBeTrue();

        PayoutPercents.Describe(percents).ShouldBe(said);
    }

    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(102, "102nd")]
    [InlineData(111, "111th")]
    public void Ordinal_FollowsEnglish_TeensIncluded(int place, string said) => PayoutPercents.Ordinal(place).ShouldBe(said);

    [Fact]
    public void ParseOrDefault_WhenTheStoredValueIsUnreadable_PaysTheClubDefault()
    {
        PayoutPercents.ParseOrDefault("60,40").ShouldBe([60, 40]);
        PayoutPercents.ParseOrDefault("half to the winner").ShouldBe([50, 30, 20]);
    }
}
