using Podium.Modules.Club.Domain;

namespace Podium.Tests.Modules.Club;

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
    public void Score_WhenAnAnglerHasTwoBags_Refuses()
    {
        var bag = Member(1000);

        Should.Throw<ArgumentException>(() => TournamentPoints.Score([bag, bag with { TotalWeight = 900 }]));
    }

    [Fact]
    public void Score_NoBags_GivesNoFinishes() =>
        TournamentPoints.Score([]).ShouldBeEmpty();
}
