using Podium.Modules.Club.Domain;

namespace Podium.Rules.Tests.Club;

public sealed class TournamentPointsTests
{
    private static int _next;

    private static Bag Member(int total, int bigBass = 0, int penalty = 0, int fish = 5, bool dq = false, bool buyIn = false) =>
        new(Id(), fish, total, bigBass, penalty, dq, buyIn, Member: true);

    private static Bag Guest(int total, int bigBass = 0, bool buyIn = false) =>
        new(Id(), 5, total, bigBass, 0, false, buyIn, Member: false);

    private static Guid Id() => new(Interlocked.Increment(ref _next), 0, 0, new byte[8]);

    private static (int? Place, int Points) Of(IReadOnlyList<Finish> finishes, Bag bag)
    {
        var finish = finishes.Single(f => f.AnglerId == bag.AnglerId);
        return (finish.Place, finish.Points);
    }

    [Fact]
    public void Score_MembersWithFish_Earn100Then99Then98ByNetWeight()
    {
        Bag a = Member(1500), b = Member(1200), c = Member(900);

        var result = TournamentPoints.Score([c, a, b]);

        Of(result, a).ShouldBe((1, 100));
        Of(result, b).ShouldBe((2, 99));
        Of(result, c).ShouldBe((3, 98));
    }

    [Fact]
    public void Score_EqualNetWeight_IsSplitByBigBass()
    {
        Bag a = Member(1500, bigBass: 400), b = Member(1500, bigBass: 520);

        var result = TournamentPoints.Score([a, b]);

        Of(result, b).ShouldBe((1, 100));
        Of(result, a).ShouldBe((2, 99));
    }

    [Fact]
    public void Score_MembersEqualOnWeightAndBigBass_SharePlaceAndPointsAndTheNextSkips()
    {
        Bag a = Member(1500, 400), b = Member(1500, 400), c = Member(1000, 300);

        var result = TournamentPoints.Score([a, b, c]);

        Of(result, a).ShouldBe((1, 100));
        Of(result, b).ShouldBe((1, 100));
        Of(result, c).ShouldBe((3, 98));
    }

    [Fact]
    public void Score_ThreeWayTie_UsesThreeSlots()
    {
        Bag a = Member(800, 200), b = Member(800, 200), c = Member(800, 200), d = Member(700, 200);

        var result = TournamentPoints.Score([d, c, b, a]);

        foreach (var tied in new[] { a, b, c })
        {
            Of(result, tied).ShouldBe((1, 100));
        }

        Of(result, d).ShouldBe((4, 97));
    }

    [Fact]
    public void Score_TieAtTheLastMemberWithFish_ZeroWeightAndBuyInsCountDownFromThePointsAwarded()
    {
        // The tied pair earn 99 each and use slots 2 and 3: the lowest points awarded is 99, not the 98 of the next
        // free slot, so zero weight earns 99 − 2 = 97 and a buy-in 99 − 4 = 95.
        Bag a = Member(1500, 500), b = Member(1200, 400), c = Member(1200, 400), blank = Member(0, fish: 0), buyIn = Member(0, fish: 0, buyIn: true);

        var result = TournamentPoints.Score([buyIn, blank, c, b, a]);

        Of(result, a).ShouldBe((1, 100));
        Of(result, b).ShouldBe((2, 99));
        Of(result, c).ShouldBe((2, 99));
        Of(result, blank).ShouldBe((4, 97));
        Of(result, buyIn).ShouldBe((5, 95));
    }

    [Fact]
    public void Score_ZeroWeightMembersEqualOnEverything_ShareAPlaceAndThePoints()
    {
        // A bag wiped out by its penalty still has a big bass, which places it above the blanks; every member of them
        // earns 99 − 2 (the lowest member with fish has 99).
        Bag a = Member(1500), b = Member(1000), wiped = Member(600, bigBass: 300, penalty: 600), blank1 = Member(0, fish: 0), blank2 = Member(0, fish: 0), guestBlank = Guest(0);

        var result = TournamentPoints.Score([blank2, guestBlank, wiped, blank1, b, a]);

        Of(result, wiped).ShouldBe((3, 97));
        Of(result, blank1).ShouldBe((4, 97));
        Of(result, blank2).ShouldBe((4, 97));
        Of(result, guestBlank).ShouldBe((4, 0));
    }

    [Fact]
    public void Score_TieInTheMiddleWithGuestsAroundIt_GuestsShareThePlaceButUseNoSlot()
    {
        Bag a = Member(1600), guestAbove = Guest(1500), b = Member(1400, 300), guestTied = Guest(1400, 300), c = Member(1400, 300), d = Member(1000), e = Member(800);

        var result = TournamentPoints.Score([e, c, guestTied, a, d, b, guestAbove]);

        Of(result, a).ShouldBe((1, 100));
        Of(result, guestAbove).ShouldBe((2, 0));
        Of(result, b).ShouldBe((3, 99));
        Of(result, guestTied).ShouldBe((3, 0));
        Of(result, c).ShouldBe((3, 99));
        // Three member slots used above (a, b, c); the five places taken include two guests'.
        Of(result, d).ShouldBe((6, 97));
        Of(result, e).ShouldBe((7, 96));
    }

    [Fact]
    public void Score_BuyInsAfterATieForTheLastFieldPlace_TakeTheFieldCountPlusOne()
    {
        // Standard competition ranking: places 1, 2, 2, then the buy-ins at 4 (not 3).
        Bag a = Member(1500), b = Member(1200, 400), c = Member(1200, 400), buyIn = Member(0, fish: 0, buyIn: true), guestBuyIn = Guest(0, buyIn: true);

        var result = TournamentPoints.Score([guestBuyIn, buyIn, c, b, a]);

        Of(result, b).ShouldBe((2, 99));
        Of(result, c).ShouldBe((2, 99));
        Of(result, buyIn).ShouldBe((4, 95));
        Of(result, guestBuyIn).ShouldBe((4, 0));
    }

    [Fact]
    public void Score_GuestIsPlacedButEarnsNothingAndUsesNoSlot()
    {
        Bag a = Member(1500), guest = Guest(1300), b = Member(1200);

        var result = TournamentPoints.Score([a, guest, b]);

        Of(result, guest).ShouldBe((2, 0));
        Of(result, b).ShouldBe((3, 99));
    }

    [Fact]
    public void Score_GuestTiedWithAMember_SharesThePlaceButNotThePoints()
    {
        Bag member = Member(1500, 300), guest = Guest(1500, 300), next = Member(1000);

        var result = TournamentPoints.Score([guest, member, next]);

        Of(result, member).ShouldBe((1, 100));
        Of(result, guest).ShouldBe((1, 0));
        Of(result, next).ShouldBe((3, 99));
    }

    [Fact]
    public void Score_MemberWithZeroNet_EarnsTwoBelowTheLowestMemberWithFish()
    {
        Bag a = Member(1500), b = Member(1000), blank = Member(0, fish: 0);

        var result = TournamentPoints.Score([blank, a, b]);

        Of(result, blank).ShouldBe((3, 97));
    }

    [Fact]
    public void Score_DeadFishPenalty_ComesOffTheWeightAndNeverBelowZero()
    {
        Bag penalised = Member(1500, bigBass: 500, penalty: 600), clean = Member(1000), wiped = Member(300, penalty: 500);

        var result = TournamentPoints.Score([penalised, clean, wiped]);

        result.Single(f => f.AnglerId == penalised.AnglerId).NetWeight.ShouldBe(900);
        Of(result, clean).ShouldBe((1, 100));
        Of(result, penalised).ShouldBe((2, 99));
        result.Single(f => f.AnglerId == wiped.AnglerId).NetWeight.ShouldBe(0);
        Of(result, wiped).ShouldBe((3, 97));
    }

    [Fact]
    public void Score_WhenNoMemberHasFish_ZeroWeightEarns98AndBuyIns96()
    {
        Bag blank = Member(0, fish: 0), buyIn = Member(0, fish: 0, buyIn: true), guest = Guest(800);

        var result = TournamentPoints.Score([blank, buyIn, guest]);

        Of(result, guest).ShouldBe((1, 0));
        Of(result, blank).ShouldBe((2, 98));
        Of(result, buyIn).ShouldBe((3, 96));
    }

    [Fact]
    public void Score_BuyIns_SharePlaceAfterTheFieldAndEarnFourBelowTheLowestMemberWithFish()
    {
        Bag a = Member(1500), b = Member(1500), c = Member(900), buyIn1 = Member(0, fish: 0, buyIn: true), buyIn2 = Member(0, fish: 0, buyIn: true), guestBuyIn = Guest(0, buyIn: true);

        var result = TournamentPoints.Score([buyIn1, a, guestBuyIn, b, c, buyIn2]);

        Of(result, c).ShouldBe((3, 98));
        Of(result, buyIn1).ShouldBe((4, 94));
        Of(result, buyIn2).ShouldBe((4, 94));
        Of(result, guestBuyIn).ShouldBe((4, 0));
    }

    [Fact]
    public void Score_Disqualified_GetsNoPlaceAndNoPointsAndMovesNoOneElse()
    {
        Bag winner = Member(1500), dq = Member(2000, dq: true), second = Member(1000), dqBuyIn = Member(0, fish: 0, dq: true, buyIn: true);

        var result = TournamentPoints.Score([dq, second, winner, dqBuyIn]);

        Of(result, dq).ShouldBe((null, 0));
        Of(result, dqBuyIn).ShouldBe((null, 0));
        Of(result, winner).ShouldBe((1, 100));
        Of(result, second).ShouldBe((2, 99));
    }

    [Fact]
    public void Score_InAnyInputOrder_GivesTheSameResult()
    {
        Bag[] bags =
        [
            Member(1500, 400), Member(1500, 400), Guest(1500, 400), Member(1400, 600), Member(0, fish: 0), Member(0, fish: 0),
            Member(900, penalty: 100), Guest(700), Member(0, fish: 0, buyIn: true), Guest(0, buyIn: true), Member(2500, dq: true),
        ];
        var expected = TournamentPoints.Score(bags);
        var random = new Random(20261124);

        for (var i = 0; i < 200; i++)
        {
            TournamentPoints.Score(bags.OrderBy(_ => random.Next()).ToArray()).ShouldBe(expected);
        }
    }

    [Fact]
    public void Score_AMixedField_PlacesAndScoresEveryBagAsWorkedByHand_InAnyInputOrder()
    {
        Bag winner = Member(1800, 500), guest = Guest(1700, 450),
            tied1 = Member(1500, 400), tied2 = Member(1500, 400), tiedGuest = Guest(1500, 400),
            lessBass = Member(1500, 350), penalised = Member(1600, 500, penalty: 400),
            wiped = Member(300, 200, penalty: 300), blank1 = Member(0, fish: 0), blank2 = Member(0, fish: 0), guestBlank = Guest(0),
            buyIn1 = Member(0, fish: 0, buyIn: true), buyIn2 = Member(0, fish: 0, buyIn: true), guestBuyIn = Guest(0, buyIn: true),
            dq = Member(2500, 700, dq: true), dqGuest = new(Id(), 5, 2400, 600, 0, Disqualified: true, BuyIn: false, Member: false),
            dqBuyIn = Member(0, fish: 0, dq: true, buyIn: true);
        // Worked by hand from the club's rules:
        // slots 100 winner; guest none; 99, 99 the tie (slots 2 and 3); 97 lessBass; 96 penalised (16.00 − 4.00 = 12.00);
        // zero weight 96 − 2 = 94 (wiped above the blanks on big bass; the blanks and the guest blank share 9th);
        // eleven in the field, so the buy-ins share 12th with 96 − 4 = 92; the disqualified get no place.
        (Bag Bag, int NetWeight, int? Place, int Points)[] expected =
        [
            (winner, 1800, 1, 100), (guest, 1700, 2, 0),
            (tied1, 1500, 3, 99), (tied2, 1500, 3, 99), (tiedGuest, 1500, 3, 0),
            (lessBass, 1500, 6, 97), (penalised, 1200, 7, 96),
            (wiped, 0, 8, 94), (blank1, 0, 9, 94), (blank2, 0, 9, 94), (guestBlank, 0, 9, 0),
            (buyIn1, 0, 12, 92), (buyIn2, 0, 12, 92), (guestBuyIn, 0, 12, 0),
            (dq, 2500, null, 0), (dqGuest, 2400, null, 0), (dqBuyIn, 0, null, 0),
        ];
        var bags = expected.Select(e => e.Bag).ToArray();
        var random = new Random(7);
        (string Name, Bag[] Bags)[] orders =
        [
            ("as listed", bags), ("reversed", [.. bags.Reverse()]), ("by id, descending", [.. bags.OrderByDescending(b => b.AnglerId)]),
            ("shuffled", [.. bags.OrderBy(_ => random.Next())]), ("shuffled again", [.. bags.OrderBy(_ => random.Next())]),
        ];

        foreach (var (name, order) in orders)
        {
            var result = TournamentPoints.Score(order);

            result.Count.ShouldBe(expected.Length, name);
            foreach (var (bag, net, place, points) in expected)
            {
                var finish = result.Single(f => f.AnglerId == bag.AnglerId);
                (finish.NetWeight, finish.Place, finish.Points).ShouldBe((net, place, points), $"{name}: the bag of {bag.TotalWeight} (member {bag.Member}, buy-in {bag.BuyIn})");
            }
        }
    }

    [Fact]
    public void Score_WhenAnAnglerHasTwoBags_Refuses()
    {
        var bag = Member(1000);

        var refusal = Should.Throw<ArgumentException>(() => TournamentPoints.Score([bag, bag with { TotalWeight = 900 }]));

        refusal.ParamName.ShouldBe("bags");
        refusal.Message.ShouldStartWith("An angler has more than one bag in this tournament.");
    }

    [Fact]
    public void Score_NoBags_GivesNoFinishes() =>
        TournamentPoints.Score([]).ShouldBeEmpty();
}
