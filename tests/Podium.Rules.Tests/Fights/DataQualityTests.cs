using Podium.Modules.Fights.Domain;

namespace Podium.Rules.Tests.Fights;

public sealed class DataQualityTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private static readonly Guid Alpha = Guid.CreateVersion7(), Bravo = Guid.CreateVersion7();

    private static BoutFacts Past(BoutResult? result = null, int rounds = 3) => new(Alpha, Bravo, Now.AddDays(-1), rounds, result);

    private static string[] Fields(IReadOnlyList<QualityIssue> issues) => [.. issues.Select(i => i.Field)];

    private static FighterFacts Fighter(int? height = 178, int? reach = 183, DateOnly? born = null) => new("Dario Vellek", born ?? new DateOnly(1995, 3, 14), height, reach);

    [Fact]
    public void CheckBout_WhenEverythingIsPlausible_HasNoIssues() =>
        DataQuality.CheckBout(Past(BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 2, TimeSpan.FromSeconds(134))), Now).ShouldBeEmpty();

    [Fact]
    public void CheckBout_WhenUpcomingWithoutAResult_HasNoIssues() => DataQuality.CheckBout(new(Alpha, Bravo, Now.AddDays(7), 5, null), Now).ShouldBeEmpty();

    [Fact]
    public void CheckBout_WhenBothCornersAreOneFighter_SaysTheyMustDiffer()
    {
        var issues = DataQuality.CheckBout(new(Alpha, Alpha, Now.AddDays(7), 3, null), Now);

        issues.ShouldBe([new QualityIssue("fighters", "A bout needs two different fighters.")]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(0)]
    public void CheckBout_WhenScheduledForAnOddNumberOfRounds_SaysSo(int rounds) =>
        Fields(DataQuality.CheckBout(Past(rounds: rounds), Now)).ShouldBe(["scheduledRounds"]);

    [Fact]
    public void CheckBout_WhenAResultIsForAFutureBout_RefusesIt() =>
        Fields(DataQuality.CheckBout(new(Alpha, Bravo, Now.AddTicks(1), 3, new BoutResult(BoutOutcome.Draw)), Now)).ShouldBe(["result"]);

    [Fact]
    public void CheckBout_WhenAResultIsForABoutStartingNow_AcceptsIt() =>
        DataQuality.CheckBout(new(Alpha, Bravo, Now, 3, new BoutResult(BoutOutcome.NoContest)), Now).ShouldBeEmpty();

    [Fact]
    public void CheckBout_WhenAWinHasNoMethod_SaysItNeedsOne() =>
        Fields(DataQuality.CheckBout(Past(new BoutResult(BoutOutcome.WinB)), Now)).ShouldBe(["method"]);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void CheckBout_WhenTheRoundIsOutsideTheBout_SaysSo(int round) =>
        Fields(DataQuality.CheckBout(Past(BoutResult.WinFor(Corner.A, FinishMethod.KoTko, round)), Now)).ShouldBe(["round"]);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void CheckBout_WhenTheRoundIsTheFirstOrLast_AcceptsIt(int round) =>
        DataQuality.CheckBout(Past(BoutResult.WinFor(Corner.A, FinishMethod.KoTko, round)), Now).ShouldBeEmpty();

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(301)]
    public void CheckBout_WhenTheTimeIsOutsideARound_SaysSo(int seconds) =>
        Fields(DataQuality.CheckBout(Past(BoutResult.WinFor(Corner.A, FinishMethod.Submission, 1, TimeSpan.FromSeconds(seconds))), Now)).ShouldBe(["time"]);

    [Theory]
    [InlineData(1)]
    [InlineData(300)]
    public void CheckBout_WhenTheTimeIsWithinARound_AcceptsIt(int seconds) =>
        DataQuality.CheckBout(Past(BoutResult.WinFor(Corner.A, FinishMethod.Submission, 1, TimeSpan.FromSeconds(seconds))), Now).ShouldBeEmpty();

    [Fact]
    public void CheckBout_WhenManyThingsAreWrong_ListsEach() =>
        Fields(DataQuality.CheckBout(new(Alpha, Alpha, Now.AddDays(1), 2, new BoutResult(BoutOutcome.WinA, null, 3, TimeSpan.FromMinutes(6))), Now))
            .ShouldBe(["fighters", "scheduledRounds", "result", "method", "round", "time"]);

    [Fact]
    public void CheckBout_WhenManyThingsAreWrong_SaysWhatInWords() =>
        DataQuality.CheckBout(new(Alpha, Alpha, Now.AddDays(1), 2, new BoutResult(BoutOutcome.WinA, null, 3, TimeSpan.FromMinutes(6))), Now).Select(i => i.Reason).ShouldBe([
            "A bout needs two different fighters.",
            "A bout is scheduled for 3 or 5 rounds, not 2.",
            "A result was given for a bout that has not happened yet.",
            "A win needs a method.",
            "Round 3 is outside the bout's 2 rounds.",
            "A time of 6:00 is outside a five-minute round.",
        ]);

    [Fact]
    public void CheckFighter_WhenEverythingIsWrong_SaysWhatInWords() =>
        DataQuality.CheckFighter(new FighterFacts(" ", new DateOnly(1960, 1, 1), 300, 100), Today).ShouldBe([
            new QualityIssue("name", "A fighter needs a name."),
            new QualityIssue("heightCm", "A height of 300 cm is not plausible (140–220)."),
            new QualityIssue("reachCm", "A reach of 100 cm is not plausible (140–235)."),
            new QualityIssue("dateOfBirth", "A fighter aged 66 on 2026-12-07 is not plausible (18–50)."),
        ]);

    [Fact]
    public void CheckBout_WhenTheTimeIsBad_NamesItInMinutesAndSeconds() =>
        DataQuality.CheckBout(Past(BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1, TimeSpan.FromSeconds(345))), Now).Single().Reason
            .ShouldBe("A time of 5:45 is outside a five-minute round.");

    [Fact]
    public void CheckFighter_WhenPlausible_HasNoIssues() => DataQuality.CheckFighter(Fighter(), Today).ShouldBeEmpty();

    [Fact]
    public void CheckFighter_WhenNothingIsKnownButTheName_HasNoIssues() => DataQuality.CheckFighter(new("Dario Vellek", null, null, null), Today).ShouldBeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void CheckFighter_WhenTheNameIsBlank_SaysSo(string name) =>
        Fields(DataQuality.CheckFighter(Fighter() with { Name = name }, Today)).ShouldBe(["name"]);

    [Theory]
    [InlineData(139, false)]
    [InlineData(140, true)]
    [InlineData(220, true)]
    [InlineData(221, false)]
    [InlineData(70, false)] // inches typed as centimetres
    public void CheckFighter_WhenTheHeightIsAtTheBounds_JudgesIt(int height, bool plausible) =>
        DataQuality.CheckFighter(Fighter(height: height), Today).Any(i => i.Field == "heightCm").ShouldBe(!plausible);

    [Theory]
    [InlineData(139, false)]
    [InlineData(140, true)]
    [InlineData(235, true)]
    [InlineData(236, false)]
    public void CheckFighter_WhenTheReachIsAtTheBounds_JudgesIt(int reach, bool plausible) =>
        DataQuality.CheckFighter(Fighter(reach: reach), Today).Any(i => i.Field == "reachCm").ShouldBe(!plausible);

    [Theory]
    [InlineData("2008-12-07", true)] // 18 on the day
    [InlineData("2008-12-08", false)] // 18 tomorrow
    [InlineData("1976-12-08", true)] // 49
    [InlineData("1975-12-08", true)] // 50 until tomorrow
    [InlineData("1975-12-07", false)] // 51 today
    public void CheckFighter_WhenTheAgeIsAtTheBounds_JudgesIt(string born, bool plausible) =>
        DataQuality.CheckFighter(Fighter(born: DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture)), Today).Any(i => i.Field == "dateOfBirth").ShouldBe(!plausible);

    [Fact]
    public void CheckFighter_WhenTheHeightIsImplausible_SaysWhatAndTheRange() =>
        DataQuality.CheckFighter(Fighter(height: 71), Today).Single().Reason.ShouldBe("A height of 71 cm is not plausible (140–220).");

    [Fact]
    public void CheckFighter_WhenTooYoung_SaysTheAgeAndDate() =>
        DataQuality.CheckFighter(Fighter(born: new DateOnly(2019, 1, 1)), Today).Single().Reason.ShouldBe("A fighter aged 7 on 2026-12-07 is not plausible (18–50).");

    [Theory]
    [InlineData("2000-03-01", "2026-02-28", 25)]
    [InlineData("2000-03-01", "2026-03-01", 26)]
    [InlineData("2000-02-29", "2025-02-28", 25)] // a leap-day birthday comes on 28 February in other years
    [InlineData("2000-02-29", "2025-02-27", 24)]
    [InlineData("2000-12-31", "2001-01-01", 0)]
    public void AgeOn_WhenAroundABirthday_CountsWholeYears(string born, string on, int age) =>
        DataQuality.AgeOn(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(age);

    [Fact]
    public void CheckOdds_WhenBothLinesAreValid_HasNoIssues() => DataQuality.CheckOdds(new(Now, -150, 130)).ShouldBeEmpty();

    [Fact]
    public void CheckOdds_WhenALineIsOutOfRange_NamesTheCorner()
    {
        DataQuality.CheckOdds(new(Now, 50, 130)).ShouldBe([new QualityIssue("moneylineA", "A moneyline of 50 is out of range (±100 to ±10000).")]);
        Fields(DataQuality.CheckOdds(new(Now, -150, 20000))).ShouldBe(["moneylineB"]);
        Fields(DataQuality.CheckOdds(new(Now, 0, 0))).ShouldBe(["moneylineA", "moneylineB"]);
    }

    [Fact]
    public void CheckRecord_WhenTheFeedHoldsAtLeastTheBouts_HasNoIssues() =>
        DataQuality.CheckRecord(new FightRecord(12, 3, 1, 1), new FightRecord(12, 3, 1, 1)).ShouldBeEmpty();

    [Theory]
    [InlineData(4, 3, 1, 1)]
    [InlineData(5, 2, 1, 1)]
    [InlineData(5, 3, 0, 1)]
    [InlineData(5, 3, 1, 0)]
    public void CheckRecord_WhenTheFeedHoldsFewerOfAnyResult_SaysSo(int wins, int losses, int draws, int noContests) =>
        DataQuality.CheckRecord(new FightRecord(wins, losses, draws, noContests), new FightRecord(5, 3, 1, 1)).Single()
            .ShouldBe(new QualityIssue("record", $"The feed's record {new FightRecord(wins, losses, draws, noContests)} holds fewer results than the bouts on file (5-3-1 (1 NC))."));
}
