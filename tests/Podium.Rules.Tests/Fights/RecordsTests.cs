using Podium.Modules.Fights.Domain;

namespace Podium.Rules.Tests.Fights;

public sealed class RecordsTests
{
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static CareerBout Bout(int month, FighterOutcome outcome, FinishMethod? method = null) => new(Start.AddMonths(month), outcome, method);

    [Theory]
    [InlineData(nameof(BoutOutcome.WinA), nameof(Corner.A), nameof(FighterOutcome.Win))]
    [InlineData(nameof(BoutOutcome.WinA), nameof(Corner.B), nameof(FighterOutcome.Loss))]
    [InlineData(nameof(BoutOutcome.WinB), nameof(Corner.B), nameof(FighterOutcome.Win))]
    [InlineData(nameof(BoutOutcome.WinB), nameof(Corner.A), nameof(FighterOutcome.Loss))]
    [InlineData(nameof(BoutOutcome.Draw), nameof(Corner.A), nameof(FighterOutcome.Draw))]
    [InlineData(nameof(BoutOutcome.Draw), nameof(Corner.B), nameof(FighterOutcome.Draw))]
    [InlineData(nameof(BoutOutcome.NoContest), nameof(Corner.A), nameof(FighterOutcome.NoContest))]
    [InlineData(nameof(BoutOutcome.NoContest), nameof(Corner.B), nameof(FighterOutcome.NoContest))]
    public void For_WhenReadFromACorner_IsThatFightersOutcome(string outcome, string corner, string expected) =>
        new BoutResult(Enum.Parse<BoutOutcome>(outcome), FinishMethod.KoTko, 1).For(Enum.Parse<Corner>(corner)).ShouldBe(Enum.Parse<FighterOutcome>(expected));

    [Fact]
    public void Winner_WhenADrawOrNoContest_IsNobody()
    {
        new BoutResult(BoutOutcome.Draw).Winner.ShouldBeNull();
        new BoutResult(BoutOutcome.NoContest).Winner.ShouldBeNull();
    }

    [Fact]
    public void Derive_WhenGivenEveryKindOfResult_CountsEach() =>
        Records.Derive([Bout(0, FighterOutcome.Win), Bout(1, FighterOutcome.Loss), Bout(2, FighterOutcome.Win), Bout(3, FighterOutcome.Draw), Bout(4, FighterOutcome.NoContest), Bout(5, FighterOutcome.Win)])
            .ShouldBe(new FightRecord(3, 1, 1, 1));

    [Fact]
    public void Derive_WhenNoBouts_IsZero() => Records.Derive([]).ShouldBe(default);

    [Fact]
    public void Bouts_WhenCounted_AddsEveryColumn() => new FightRecord(10, 3, 2, 1).Bouts.ShouldBe(16);

    [Fact]
    public void ToString_WhenNoNoContests_IsWinsLossesDraws() => new FightRecord(21, 4, 1, 0).ToString().ShouldBe("21-4-1");

    [Fact]
    public void ToString_WhenThereAreNoContests_AddsThemApart() => new FightRecord(21, 4, 0, 2).ToString().ShouldBe("21-4-0 (2 NC)");

    [Fact]
    public void Of_WhenTheFeedCountsMoreBouts_IsTheFeeds() =>
        Records.Of([Bout(0, FighterOutcome.Win)], new FightRecord(12, 3, 0, 0)).ShouldBe(new FightRecord(12, 3, 0, 0));

    [Fact]
    public void Of_WhenTheBoutsCountAsManyAsTheFeed_IsDerived() =>
        Records.Of([Bout(0, FighterOutcome.Win), Bout(1, FighterOutcome.Loss)], new FightRecord(2, 0, 0, 0)).ShouldBe(new FightRecord(1, 1, 0, 0));

    [Fact]
    public void Of_WhenTheBoutsCountMoreThanTheFeed_IsDerived() =>
        Records.Of([Bout(0, FighterOutcome.Win), Bout(1, FighterOutcome.Win)], new FightRecord(1, 0, 0, 0)).ShouldBe(new FightRecord(2, 0, 0, 0));

    [Fact]
    public void Of_WhenThereIsNoFeedRecord_IsDerived() => Records.Of([Bout(0, FighterOutcome.Draw)], null).ShouldBe(new FightRecord(0, 0, 1, 0));

    [Fact]
    public void FinishRate_WhenNoWins_IsUnknown() => Records.FinishRate([Bout(0, FighterOutcome.Loss, FinishMethod.KoTko)]).ShouldBeNull();

    [Fact]
    public void FinishRate_WhenSomeWinsAreStoppages_CountsKoAndSubmissionOverWins() =>
        Records.FinishRate([
            Bout(0, FighterOutcome.Win, FinishMethod.KoTko),
            Bout(1, FighterOutcome.Win, FinishMethod.Submission),
            Bout(2, FighterOutcome.Win, FinishMethod.UnanimousDecision),
            Bout(3, FighterOutcome.Win, FinishMethod.Disqualification),
            Bout(4, FighterOutcome.Loss, FinishMethod.KoTko),
            Bout(5, FighterOutcome.Draw, FinishMethod.SplitDecision),
        ]).ShouldBe(0.5);

    [Fact]
    public void FinishRate_WhenAWinsMethodIsUnknown_CountsItAsNotAFinish() =>
        Records.FinishRate([Bout(0, FighterOutcome.Win), Bout(1, FighterOutcome.Win, FinishMethod.KoTko)]).ShouldBe(0.5);

    [Fact]
    public void Trajectory_WhenBoutsComeOutOfOrder_IsOldestFirstAndCumulative()
    {
        var points = Records.Trajectory([
            Bout(2, FighterOutcome.Loss, FinishMethod.Submission),
            Bout(0, FighterOutcome.Win, FinishMethod.KoTko),
            Bout(1, FighterOutcome.Win, FinishMethod.MajorityDecision),
        ]);

        points.Select(p => p.Date).ShouldBe([Start, Start.AddMonths(1), Start.AddMonths(2)]);
        points.Select(p => p.Record).ShouldBe([new FightRecord(1, 0, 0, 0), new FightRecord(2, 0, 0, 0), new FightRecord(2, 1, 0, 0)]);
        points.Select(p => p.FinishRate).ShouldBe([1.0, 0.5, 0.5]);
    }

    [Fact]
    public void Trajectory_WhenTheFeedKnowsEarlierBouts_StartsFromThem()
    {
        var points = Records.Trajectory([Bout(0, FighterOutcome.Loss)], new FightRecord(10, 2, 0, 0));

        points.Single().Record.ShouldBe(new FightRecord(10, 3, 0, 0));
        points.Single().FinishRate.ShouldBeNull();
    }

    [Fact]
    public void Trajectory_WhenNoBouts_IsEmpty() => Records.Trajectory([]).ShouldBeEmpty();

    [Theory]
    [InlineData(nameof(FinishMethod.KoTko), nameof(PickedMethod.KoTko))]
    [InlineData(nameof(FinishMethod.Submission), nameof(PickedMethod.Submission))]
    [InlineData(nameof(FinishMethod.Disqualification), nameof(PickedMethod.Disqualification))]
    [InlineData(nameof(FinishMethod.UnanimousDecision), nameof(PickedMethod.Decision))]
    [InlineData(nameof(FinishMethod.SplitDecision), nameof(PickedMethod.Decision))]
    [InlineData(nameof(FinishMethod.MajorityDecision), nameof(PickedMethod.Decision))]
    public void AsPick_WhenGivenAResultsMethod_IsThePickItAnswers(string method, string pick) => Enum.Parse<FinishMethod>(method).AsPick().ShouldBe(Enum.Parse<PickedMethod>(pick));

    [Theory]
    [InlineData(nameof(FinishMethod.KoTko), true, false)]
    [InlineData(nameof(FinishMethod.Submission), true, false)]
    [InlineData(nameof(FinishMethod.Disqualification), false, false)]
    [InlineData(nameof(FinishMethod.UnanimousDecision), false, true)]
    [InlineData(nameof(FinishMethod.SplitDecision), false, true)]
    [InlineData(nameof(FinishMethod.MajorityDecision), false, true)]
    public void IsFinishAndIsDecision_WhenGivenAMethod_SayWhichItIs(string name, bool finish, bool decision)
    {
        var method = Enum.Parse<FinishMethod>(name);
        method.IsFinish().ShouldBe(finish);
        method.IsDecision().ShouldBe(decision);
    }

    [Fact]
    public void WinFor_WhenGivenCornerB_IsBsWin() => BoutResult.WinFor(Corner.B, FinishMethod.KoTko, 2, TimeSpan.FromSeconds(75))
        .ShouldBe(new BoutResult(BoutOutcome.WinB, FinishMethod.KoTko, 2, TimeSpan.FromSeconds(75)));
}
