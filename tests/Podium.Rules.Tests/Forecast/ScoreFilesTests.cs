using Podium.Modules.Forecast.Domain;
using Podium.Platform.Scores;

namespace Podium.Rules.Tests.Forecast;

public sealed class ScoreFilesTests
{
    private const string PriceHeader = "date,close\n";
    private const string ForecastHeader = "model,issued_date,horizon_days,point,q10,q50,q90\n";

    // Six days of closes: 100 102 101 105 104 108.
    private const string Prices = PriceHeader + "2026-01-01,100\n2026-01-02,102\n2026-01-03,101\n2026-01-04,105\n2026-01-05,104\n2026-01-06,108\n";

    private static ScoreOutcome Score(string forecasts, string prices = Prices) => ScoreFiles.Score(prices, ForecastHeader + forecasts);

    private static string Problems(string forecasts, string prices = Prices)
    {
        var outcome = Score(forecasts, prices);
        outcome.Succeeded.ShouldBeFalse();
        outcome.Scores.ShouldBeEmpty();
        return string.Join("\n", outcome.Problems);
    }

    [Fact]
    public void AForecastIsGradedAgainstTheCloseHorizonDaysAfterItsIssueDate_NextToTheIssueClose()
    {
        // Issued 01-02 (close 102) for 2 days: the target is 01-04's 105; the random walk said 102.
        var score = Score("m,2026-01-02,2,104,100,103,107\n").Scores.ShouldHaveSingleItem().Score;
        score.ShouldBe(PredictionScores.Score([new GradedPrediction(102, 105, 104, 100, 103, 107)], 2));
    }

    [Fact]
    public void Rows_AreOneScorePerModelAndHorizon_OrderedByModelOrdinallyThenHorizonNumerically()
    {
        var outcome = Score(
            "b,2026-01-01,1,101,99,101,103\n" +
            "a,2026-01-01,10,101,99,101,103\n".Replace(",10,", ",5,") +
            "a,2026-01-01,2,101,99,101,103\n" +
            "B,2026-01-01,1,101,99,101,103\n" +
            "a,2026-01-02,2,101,99,101,103\n");
        outcome.Scores.Select(s => $"{s.Model}/{s.HorizonDays}/{s.Score.N}").ShouldBe(["B/1/1", "a/2/2", "a/5/1", "b/1/1"]);
    }

    [Fact]
    public void Forecasts_AreScoredInIssueDateOrder_WhateverTheFileOrder()
    {
        const string Rows = "m,2026-01-01,1,101,99,101,103\nm,2026-01-02,1,103,99,101,104\nm,2026-01-03,1,100,99,101,106\nm,2026-01-04,1,104,99,101,106\n";
        var inOrder = Score(Rows).Scores.ShouldHaveSingleItem().Score;
        var reversed = Score(string.Concat(Rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Reverse().Select(r => r + "\n"))).Scores.ShouldHaveSingleItem().Score;
        reversed.ShouldBe(inOrder);
        inOrder.DmStatistic.ShouldNotBeNull();
    }

    [Fact]
    public void ColumnsAreMatchedByName_InAnyOrder_AndOthersAreIgnored()
    {
        var outcome = ScoreFiles.Score(
            "close,source,date\n100,x,2026-01-01\n102,y,2026-01-02\n",
            "q90,q50,q10,point,horizon_days,issued_date,model,comment\n103,101,99,101,1,2026-01-01,m,hello\n");
        outcome.Succeeded.ShouldBeTrue();
        outcome.Scores.ShouldHaveSingleItem().Score.Mae.ShouldBe(1);
    }

    [Fact]
    public void NumbersMayCarryASignAndAnExponent()
    {
        var outcome = ScoreFiles.Score(PriceHeader + "2026-01-01,1e2\n2026-01-02,+1.02E+2\n", ForecastHeader + "m,2026-01-01,1,101.5,-5,1.01e2,103\n");
        outcome.Succeeded.ShouldBeTrue(string.Join("\n", outcome.Problems));
        outcome.Scores.ShouldHaveSingleItem().Score.Mae.ShouldBe(0.5);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1,000")]
    [InlineData("0x10")]
    [InlineData("ten")]
    public void AClose_ThatIsNoPlainNumber_IsRefusedNamingTheCell(string close) =>
        ScoreFiles.Score(PriceHeader + $"2026-01-01,\"{close}\"\n", ForecastHeader + "m,2026-01-01,1,1,1,1,1\n").Problems
            .ShouldContain(p => p.File == "prices.csv" && p.Line == 2 && p.Column == "close" && p.Reason == $"'{close}' is not a number");

    [Fact]
    public void AnEmptyNumber_SaysOneIsNeeded() =>
        Problems("m,2026-01-01,1,,99,101,103\n").ShouldBe("forecasts.csv line 2, column point: a number is needed here");

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void ACloseOfZeroOrLess_IsRefused(string close) =>
        ScoreFiles.Score(PriceHeader + $"2026-01-01,{close}\n", ForecastHeader + "m,2026-01-01,1,1,1,1,1\n").Problems
            .ShouldContain(p => p.ToString() == $"prices.csv line 2, column close: a close is above 0, not {close}");

    [Fact]
    public void ANumberBeyondTenToTheFifteenth_IsRefused_AndOneAtItIsNot()
    {
        Problems("m,2026-01-01,1,1e16,99,101,103\n").ShouldBe("forecasts.csv line 2, column point: 1e16 is too large to score (at most 10^15)");
        Problems("m,2026-01-01,1,101,-2e15,101,103\n").ShouldBe("forecasts.csv line 2, column q10: -2e15 is too large to score (at most 10^15)");
        Score("m,2026-01-01,1,1e15,99,101,103\n").Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("2026-1-02")]
    [InlineData("02/01/2026")]
    [InlineData("2026-02-30")]
    [InlineData("")]
    public void ADate_NotWrittenYyyyMmDd_IsRefused(string date) =>
        Problems($"m,{date},1,101,99,101,103\n").ShouldBe($"forecasts.csv line 2, column issued_date: '{date}' is not a date written yyyy-mm-dd");

    [Fact]
    public void ABadPriceDate_IsRefusedOnItsLine() =>
        Problems("m,2026-01-01,1,101,99,101,103\n", Prices + "yesterday,100\n").ShouldBe("prices.csv line 8, column date: 'yesterday' is not a date written yyyy-mm-dd");

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("seven")]
    public void AHorizon_ThatIsNoWholeNumberOfDaysFromOne_IsRefused(string horizon) =>
        Problems($"m,2026-01-01,{horizon},101,99,101,103\n").ShouldBe($"forecasts.csv line 2, column horizon_days: '{horizon}' is not a whole number of days, 1 or more");

    [Fact]
    public void AForecastWithoutAModelName_IsRefused() =>
        Problems(",2026-01-01,1,101,99,101,103\n").ShouldBe("forecasts.csv line 2, column model: name the model that made the forecast");

    [Fact]
    public void QuantilesOutOfOrder_AreRefusedAtTheQuantileThatBreaksIt()
    {
        Problems("m,2026-01-01,1,101,102,101,103\n").ShouldBe("forecasts.csv line 2, column q50: q50 (101) is below q10 (102)");
        Problems("m,2026-01-01,1,101,99,104,103\n").ShouldBe("forecasts.csv line 2, column q90: q90 (103) is below q50 (104)");
        Problems("m,2026-01-01,1,101,105,104,103\n").ShouldBe(
            "forecasts.csv line 2, column q50: q50 (104) is below q10 (105)\nforecasts.csv line 2, column q90: q90 (103) is below q50 (104)");
        Score("m,2026-01-01,1,101,101,101,101\n").Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void ASecondForecastOfOneModelDateAndHorizon_IsRefusedNamingTheFirst()
    {
        Problems("m,2026-01-01,1,101,99,101,103\nm,2026-01-01,1,102,99,101,103\n")
            .ShouldBe("forecasts.csv line 3: m's 1-day forecast issued on 2026-01-01 is on line 2 already");
        Score("m,2026-01-01,1,101,99,101,103\nm,2026-01-01,2,101,99,101,103\nn,2026-01-01,1,101,99,101,103\nm,2026-01-02,1,101,99,101,103\n")
            .Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void ASecondCloseForADate_IsRefused_EvenWhenNoForecastUsesIt() =>
        Problems("m,2026-01-01,1,101,99,101,103\n", Prices + "2026-01-06,109\n").ShouldBe("prices.csv line 8, column date: 2026-01-06 has a close already, on line 7");

    [Fact]
    public void AnIssueDateWithNoClose_IsRefused() =>
        Problems("m,2025-12-31,1,101,99,101,103\n").ShouldBe("forecasts.csv line 2, column issued_date: prices.csv has no close for 2025-12-31");

    [Fact]
    public void ATargetAfterTheLastPrice_IsRefused_AndOneOnItIsScored()
    {
        Problems("m,2026-01-04,3,101,99,101,103\n").ShouldBe("forecasts.csv line 2, column horizon_days: the target date, 3 days after 2026-01-04, is after the last price (2026-01-06)");
        Score("m,2026-01-04,2,101,99,101,103\n").Succeeded.ShouldBeTrue();
        Problems("m,2026-01-04,2147483647,101,99,101,103\n").ShouldStartWith("forecasts.csv line 2, column horizon_days: the target date, 2147483647 days after");
    }

    [Fact]
    public void ATargetInAGapOfThePrices_IsRefused() =>
        Problems("m,2026-01-01,2,101,99,101,103\n", PriceHeader + "2026-01-01,100\n2026-01-02,101\n2026-01-04,103\n")
            .ShouldBe("forecasts.csv line 2, column horizon_days: prices.csv has no close for the target date 2026-01-03");

    [Fact]
    public void EveryBadRowIsReported_InOnePass()
    {
        var outcome = ScoreFiles.Score(Prices + "2026-01-07,x\n", ForecastHeader + "m,2026-01-01,0,101,99,101,103\nm,2026-01-01,1,y,99,101,103\n");
        outcome.Problems.Select(p => (p.File, p.Line, p.Column)).ShouldBe([("prices.csv", 8, "close"), ("forecasts.csv", 2, "horizon_days"), ("forecasts.csv", 3, "point")]);
    }

    [Fact]
    public void DateChecks_WaitForGoodPrices_SoABrokenPricesFileDoesNotFloodTheForecasts() =>
        Problems("m,2030-01-01,1,101,99,101,103\n", Prices + "2026-01-07,x\n").ShouldBe("prices.csv line 8, column close: 'x' is not a number");

    [Fact]
    public void ProblemsNameTheFilesAsTheUserCalledThem()
    {
        var outcome = ScoreFiles.Score(PriceHeader + "2026-01-01,z\n", ForecastHeader + "m,2026-01-01,1,1,1,1,1\n", "btc.csv", "mine.csv");
        outcome.Problems.ShouldHaveSingleItem().File.ShouldBe("btc.csv");
        ScoreFiles.Score(Prices, ForecastHeader + "m,2025-01-01,1,1,1,1,1\n", "btc.csv", "mine.csv").Problems.ShouldHaveSingleItem()
            .ToString().ShouldBe("mine.csv line 2, column issued_date: btc.csv has no close for 2025-01-01");
    }

    [Fact]
    public void AFileThatIsNoTable_IsRefusedOnItsLine()
    {
        Problems("m,2026-01-01,1,101,99,101,103\n", "date\n2026-01-01\n").ShouldBe("prices.csv line 1: missing column 'close' (expected date,close)");
        ScoreFiles.Score(Prices, "model,issued_date\n").Problems.ShouldHaveSingleItem().ToString()
            .ShouldBe("forecasts.csv line 1: missing column 'horizon_days' (expected model,issued_date,horizon_days,point,q10,q50,q90)");
        ScoreFiles.Score("", ForecastHeader + "m,2026-01-01,1,1,1,1,1\n").Problems.ShouldHaveSingleItem().Line.ShouldBe(1);
    }

    [Fact]
    public void FilesWithOnlyAHeader_SayThereIsNothingInThem()
    {
        Problems("m,2026-01-01,1,101,99,101,103\n", PriceHeader).ShouldBe("prices.csv line 1: there are no prices after the header");
        Problems("").ShouldBe("forecasts.csv line 1: there are no forecasts after the header");
    }

    [Fact]
    public void Score_RefusesNullText()
    {
        Should.Throw<ArgumentNullException>(() => ScoreFiles.Score(null!, "")).ParamName.ShouldBe("prices");
        Should.Throw<ArgumentNullException>(() => ScoreFiles.Score("", null!)).ParamName.ShouldBe("forecasts");
    }
}
