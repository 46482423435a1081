using Podium.Modules.Club.Domain;

namespace Podium.Rules.Tests.Club;

public sealed class ClubBagRulesTests
{
    private const int Limit = 5;

    private static IReadOnlyDictionary<string, string[]> Check(
        int fish = 5, int total = 1500, int bigBass = 450, int penalty = 0, bool dq = false, bool buyIn = false) =>
        BagRules.Validate(new BagEntry(fish, total, bigBass, penalty, dq, buyIn), Limit);

    [Theory]
    [InlineData(5, 1500, 450, 0)]
    [InlineData(1, 512, 512, 0)]
    [InlineData(3, 900, 0, 0)]
    [InlineData(0, 0, 0, 0)]
    [InlineData(5, 1500, 1500, 1500)]
    [InlineData(2, 301, 151, 25)]
    public void Validate_WhenTheBagIsBelievable_HasNoErrors(int fish, int total, int bigBass, int penalty) =>
        Check(fish, total, bigBass, penalty).ShouldBeEmpty();

    [Fact]
    public void Validate_WhenFishExceedTheLimit_NamesTheLimit()
    {
        var errors = Check(fish: 6, total: 1800);

        errors.Keys.ShouldBe([BagFields.Fish]);
        errors[BagFields.Fish].Single().ShouldContain("limit is 5 fish");
    }

    [Fact]
    public void Validate_TheLimitIsTheTournamentsOwn()
    {
        BagRules.Validate(new BagEntry(3, 900, 300, 0, false, false), fishLimit: 3).ShouldBeEmpty();
        BagRules.Validate(new BagEntry(4, 900, 300, 0, false, false), fishLimit: 3).Keys.ShouldBe([BagFields.Fish]);
    }

    [Fact]
    public void Validate_WhenFishAreNegative_SaysSo() =>
        Check(fish: -1, total: 0, bigBass: 0)[BagFields.Fish].Single().ShouldContain("negative");

    [Theory]
    [InlineData(-1, 0, 0, BagFields.TotalWeight)]
    [InlineData(1500, -5, 0, BagFields.BigBass)]
    [InlineData(1500, 450, -1, BagFields.DeadFishPenalty)]
    public void Validate_WhenAWeightIsNegative_KeysTheMessageByThatField(int total, int bigBass, int penalty, string field)
    {
        var errors = Check(total: total, bigBass: bigBass, penalty: penalty);

        errors.Keys.ShouldBe([field]);
        errors[field].Single().ShouldContain("can't be negative");
    }

    [Fact]
    public void Validate_WhenAWeightIsBeyondAnyScale_AsksToCheckTheReading() =>
        Check(total: Weight.MaxHundredths + 1, bigBass: 500)[BagFields.TotalWeight].Single().ShouldContain("check the scales");

    [Fact]
    public void Validate_EveryWeightAtExactlyTheMaximum_IsAccepted()
    {
        // 100.00 lb: one fish that is the whole bag, all of it dead.
        Weight.MaxHundredths.ShouldBe(10000);
        Check(fish: 1, total: 10000, bigBass: 10000, penalty: 10000).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(10001, 10000, 0, BagFields.TotalWeight, "Total weight")]
    [InlineData(10000, 10001, 0, BagFields.BigBass, "Big bass")]
    [InlineData(10000, 10000, 10001, BagFields.DeadFishPenalty, "Dead-fish penalty")]
    public void Validate_AWeightOneHundredthOverTheMaximum_IsRefusedOnThatField(int total, int bigBass, int penalty, string field, string label)
    {
        var errors = Check(fish: 1, total: total, bigBass: bigBass, penalty: penalty);

        errors.Keys.ShouldBe([field]);
        errors[field].Single().ShouldBe($"{label} can't be more than 100.00 lb; check the scales' reading.");
    }

    [Fact]
    public void Validate_WhenBigBassOutweighsTheBag_KeysItByBigBass()
    {
        var errors = Check(total: 1500, bigBass: 1501);

        errors.Keys.ShouldBe([BagFields.BigBass]);
        errors[BagFields.BigBass].ShouldBe(["The big bass can't weigh more than the whole bag."]);
    }

    [Fact]
    public void Validate_WhenBigBassIsLighterThanTheAverageFish_IsRefused()
    {
        // 5 fish, 15.00 lb: the biggest weighs at least 3.00 lb.
        Check(total: 1500, bigBass: 299)[BagFields.BigBass].Single().ShouldContain("3.00 lb");
        Check(total: 1500, bigBass: 300).ShouldBeEmpty();
        // The average rounds up: 2 fish, 3.01 lb → the bigger one is at least 1.51 lb.
        Check(fish: 2, total: 301, bigBass: 150).Keys.ShouldBe([BagFields.BigBass]);
    }

    [Fact]
    public void Validate_WithOneFish_BigBassIsTheWholeBag() =>
        Check(fish: 1, total: 512, bigBass: 400)[BagFields.BigBass].Single().ShouldBe("With one fish, the big bass is the whole bag.");

    [Fact]
    public void Validate_WhenZeroFishWeighSomething_AsksForFishOrZero() =>
        Check(fish: 0, total: 300, bigBass: 0)[BagFields.TotalWeight].Single().ShouldContain("No fish means no weight");

    [Fact]
    public void Validate_WhenABigBassIsGivenWithoutFish_IsRefused()
    {
        var errors = Check(fish: 0, total: 0, bigBass: 300);

        errors.Keys.ShouldBe([BagFields.BigBass]);
        errors[BagFields.BigBass].Single().ShouldContain("at least one fish");
    }

    [Fact]
    public void Validate_WhenFishWeighNothing_AsksForTheWeight() =>
        Check(fish: 3, total: 0, bigBass: 0)[BagFields.TotalWeight].Single().ShouldBe("Enter the weight of the 3 fish.");

    [Fact]
    public void Validate_WhenThePenaltyExceedsTheBag_KeysItByPenalty()
    {
        var errors = Check(total: 1500, bigBass: 450, penalty: 1501);

        errors.Keys.ShouldBe([BagFields.DeadFishPenalty]);
        errors[BagFields.DeadFishPenalty].Single().ShouldBe("The dead-fish penalty can't be more than the bag's total weight.");
    }

    [Fact]
    public void Validate_ABuyInWithNothing_IsFine() =>
        Check(fish: 0, total: 0, bigBass: 0, buyIn: true).ShouldBeEmpty();

    [Theory]
    [InlineData(1, 0, 0, 0)]
    [InlineData(0, 100, 0, 0)]
    [InlineData(0, 0, 100, 0)]
    [InlineData(0, 0, 0, 25)]
    public void Validate_ABuyInWithFishOrWeight_IsRefusedOnTheBuyInFlag(int fish, int total, int bigBass, int penalty)
    {
        var errors = Check(fish, total, bigBass, penalty, buyIn: true);

        errors.Keys.ShouldBe([BagFields.BuyIn]);
        errors[BagFields.BuyIn].Single().ShouldContain("didn't fish");
    }

    [Fact]
    public void Validate_ADisqualifiedBuyIn_IsRefused() =>
        Check(fish: 0, total: 0, bigBass: 0, dq: true, buyIn: true)[BagFields.Disqualified]
            .ShouldBe(["A buy-in didn't fish, so it can't be disqualified; untick one of them."]);

    [Fact]
    public void Validate_WhenGivenNoBag_ThrowsNamingIt() =>
        Should.Throw<ArgumentNullException>(() => BagRules.Validate(null!, Limit)).ParamName.ShouldBe("bag");

    [Fact]
    public void Validate_ADisqualifiedBag_KeepsItsWeightsAndTheirRules()
    {
        Check(dq: true).ShouldBeEmpty();
        Check(total: 1500, bigBass: 1600, dq: true).Keys.ShouldBe([BagFields.BigBass]);
    }

    [Fact]
    public void Validate_SeveralProblems_AreAllReportedAtOnce()
    {
        var errors = Check(fish: 7, total: -1, bigBass: -1, penalty: -1);

        errors.Keys.Order().ShouldBe([BagFields.BigBass, BagFields.DeadFishPenalty, BagFields.Fish, BagFields.TotalWeight]);
    }
}
