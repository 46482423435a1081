using Podium.Modules.Fights.Domain;

namespace Podium.Rules.Tests.Fights;

public sealed class PickRulesTests
{
    [Fact]
    public void Check_AWinnerAlone_IsFine() => PickRules.Check(new Prediction(Corner.A), 3).ShouldBeEmpty();

    [Fact]
    public void Check_AWinnerWithAMethodAndNoRound_IsFine() => PickRules.Check(new Prediction(Corner.B, PickedMethod.Decision), 3).ShouldBeEmpty();

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Check_AStoppageInAScheduledRound_IsFine(int round) =>
        PickRules.Check(new Prediction(Corner.A, PickedMethod.KoTko, round), 5).ShouldBeEmpty();

    [Fact]
    public void Check_ARoundWithoutAMethod_IsRefusedOnTheRound() =>
        PickRules.Check(new Prediction(Corner.A, null, 2), 3).ShouldHaveSingleItem().Key.ShouldBe("round");

    [Fact]
    public void Check_ARoundWithADecision_IsRefusedOnTheRound()
    {
        var errors = PickRules.Check(new Prediction(Corner.A, PickedMethod.Decision, 3), 3);

        errors.ShouldHaveSingleItem().Key.ShouldBe("round");
        errors["round"].ShouldContain("stoppages only");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public void Check_ARoundOutsideTheScheduledRounds_IsRefusedNamingThem(int round)
    {
        var errors = PickRules.Check(new Prediction(Corner.B, PickedMethod.Submission, round), 3);

        errors.ShouldHaveSingleItem().Key.ShouldBe("round");
        errors["round"].ShouldContain("from 1 to 3");
    }

    [Fact]
    public void Check_ADisqualificationInTheLastRound_IsFine() =>
        PickRules.Check(new Prediction(Corner.B, PickedMethod.Disqualification, 3), 3).ShouldBeEmpty();

    [Fact]
    public void Check_WithoutAPick_Throws() => Should.Throw<ArgumentNullException>(() => PickRules.Check(null!, 3));
}

public sealed class PickSplitTests
{
    [Fact]
    public void Of_NoPicks_IsAllZero()
    {
        var split = PickSplit.Of([]);

        (split.Total, split.A, split.B, split.NoMethod).ShouldBe((0, 0, 0, 0));
        (split.PercentA, split.PercentB, split.PercentNoMethod, split.PercentOf(PickedMethod.KoTko)).ShouldBe((0, 0, 0, 0));
    }

    [Fact]
    public void Of_Picks_CountsAndRoundsHalfUpPerCornerAndMethod()
    {
        Prediction[] picks =
        [
            new(Corner.A, PickedMethod.KoTko, 1), new(Corner.A, PickedMethod.KoTko), new(Corner.A, PickedMethod.Decision),
            new(Corner.A), new(Corner.A, PickedMethod.Submission, 2), new(Corner.B, PickedMethod.Disqualification),
            new(Corner.B), new(Corner.B, PickedMethod.KoTko),
        ];

        var split = PickSplit.Of(picks);

        (split.Total, split.A, split.B, split.NoMethod).ShouldBe((8, 5, 3, 2));
        split.Methods[PickedMethod.KoTko].ShouldBe(3);
        split.Methods[PickedMethod.Submission].ShouldBe(1);
        split.Methods[PickedMethod.Decision].ShouldBe(1);
        split.Methods[PickedMethod.Disqualification].ShouldBe(1);
        // 5/8 = 62.5 → 63, 3/8 = 37.5 → 38: half up, as fans check it by hand.
        (split.PercentA, split.PercentB).ShouldBe((63, 38));
        split.PercentOf(PickedMethod.KoTko).ShouldBe(38);
        split.PercentOf(PickedMethod.Submission).ShouldBe(13);
        split.PercentNoMethod.ShouldBe(25);
    }

    [Fact]
    public void Percent_OfAThird_RoundsDown_AndTwoThirdsUp()
    {
        var split = PickSplit.Of([new(Corner.A), new(Corner.B), new(Corner.B)]);

        (split.PercentA, split.PercentB).ShouldBe((33, 67));
    }

    [Fact]
    public void Of_WithoutPicks_Throws() => Should.Throw<ArgumentNullException>(() => PickSplit.Of(null!));
}
