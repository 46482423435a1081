using System.Globalization;
using Podium.Platform.Modules.Formats;
using Podium.Platform.Scores;

namespace Podium.Modules.Forecast.Domain;

/// <summary>One model at one horizon, scored.</summary>
internal sealed record ModelScore(string Model, int HorizonDays, PredictionScore Score);

/// <summary>The scores, in model then horizon order, or every problem found in the files (and then no scores).</summary>
internal sealed record ScoreOutcome(IReadOnlyList<ModelScore> Scores, IReadOnlyList<FileProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Scores anyone's forecasts from two files: <c>prices.csv</c> (<c>date,close</c>, one close per UTC date) and
/// <c>forecasts.csv</c> (<c>model,issued_date,horizon_days,point,q10,q50,q90</c>). A forecast issued on a date is
/// graded against the close <c>horizon_days</c> calendar days later, next to the random walk, which forecasts the issue
/// date's close. One bad row rejects the run, and every such row is reported, so a file is fixed in one pass.
/// </summary>
internal static class ScoreFiles
{
    public const string Prices = "prices.csv";
    public const string Forecasts = "forecasts.csv";

    public static readonly IReadOnlyList<string> PriceColumns = ["date", "close"];
    public static readonly IReadOnlyList<string> ForecastColumns = ["model", "issued_date", "horizon_days", "point", "q10", "q50", "q90"];

    /// <summary>Beyond this a number is no price of anything, and its square would overflow the sums that score it.</summary>
    public const double LargestNumber = 1e15;

    /// <summary>Scores the two files' text; problems name the files as <paramref name="pricesName"/> and <paramref name="forecastsName"/>.</summary>
    public static ScoreOutcome Score(string prices, string forecasts, string pricesName = Prices, string forecastsName = Forecasts)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(forecasts);
        var problems = new List<FileProblem>();
        var closes = ReadPrices(prices, pricesName, problems);
        var rows = ReadForecasts(forecasts, forecastsName, problems);
        if (problems.Count > 0)
        {
            return new ScoreOutcome([], problems);
        }

        var graded = new List<(ForecastRow Row, GradedPrediction Forecast)>(rows.Count);
        var last = closes.Keys.Max();
        foreach (var row in rows)
        {
            if (!closes.TryGetValue(row.Issued, out var issueClose))
            {
                problems.Add(new FileProblem(forecastsName, row.Line, "issued_date", $"{pricesName} has no close for {Text(row.Issued)}"));
                continue;
            }

            var target = (long)row.Issued.DayNumber + row.HorizonDays;
            if (target > last.DayNumber)
            {
                problems.Add(new FileProblem(forecastsName, row.Line, "horizon_days",
                    $"the target date, {row.HorizonDays} days after {Text(row.Issued)}, is after the last price ({Text(last)})"));
                continue;
            }

            var targetDate = DateOnly.FromDayNumber((int)target);
            if (!closes.TryGetValue(targetDate, out var actual))
            {
                problems.Add(new FileProblem(forecastsName, row.Line, "horizon_days", $"{pricesName} has no close for the target date {Text(targetDate)}"));
                continue;
            }

            graded.Add((row, new GradedPrediction(issueClose, actual, row.Point, row.Q10, row.Q50, row.Q90)));
        }

        if (problems.Count > 0)
        {
            return new ScoreOutcome([], problems);
        }

        var scores = graded
            .GroupBy(g => (g.Row.Model, g.Row.HorizonDays))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal)
            .ThenBy(g => g.Key.HorizonDays)
            .Select(g => new ModelScore(g.Key.Model, g.Key.HorizonDays,
                PredictionScores.Score([.. g.OrderBy(x => x.Row.Issued).Select(x => x.Forecast)], g.Key.HorizonDays)))
            .ToList();
        return new ScoreOutcome(scores, []);
    }

    private sealed record ForecastRow(int Line, string Model, DateOnly Issued, int HorizonDays, double Point, double Q10, double Q50, double Q90);

    private static Dictionary<DateOnly, double> ReadPrices(string text, string file, List<FileProblem> problems)
    {
        var closes = new Dictionary<DateOnly, double>();
        if (!Table(file, text, PriceColumns, problems, out var rows))
        {
            return closes;
        }

        var lines = new Dictionary<DateOnly, int>();
        foreach (var row in rows)
        {
            var date = Date(file, row, "date", problems);
            var close = Number(file, row, "close", problems);
            if (close is <= 0)
            {
                problems.Add(new FileProblem(file, row.Line, "close", $"a close is above 0, not {row["close"]}"));
                continue;
            }

            if (date is not { } day || close is not { } value)
            {
                continue;
            }

            if (!lines.TryAdd(day, row.Line))
            {
                problems.Add(new FileProblem(file, row.Line, "date", $"{Text(day)} has a close already, on line {lines[day]}"));
                continue;
            }

            closes[day] = value;
        }

        if (rows.Count == 0)
        {
            problems.Add(new FileProblem(file, 1, null, "there are no prices after the header"));
        }

        return closes;
    }

    private static List<ForecastRow> ReadForecasts(string text, string file, List<FileProblem> problems)
    {
        var result = new List<ForecastRow>();
        if (!Table(file, text, ForecastColumns, problems, out var rows))
        {
            return result;
        }

        var lines = new Dictionary<(string, DateOnly, int), int>();
        foreach (var row in rows)
        {
            var model = row["model"];
            if (model.Length == 0)
            {
                problems.Add(new FileProblem(file, row.Line, "model", "name the model that made the forecast"));
            }

            var issued = Date(file, row, "issued_date", problems);
            var horizon = Horizon(file, row, problems);
            var point = Number(file, row, "point", problems);
            var q10 = Number(file, row, "q10", problems);
            var q50 = Number(file, row, "q50", problems);
            var q90 = Number(file, row, "q90", problems);
            if (q10 > q50)
            {
                problems.Add(new FileProblem(file, row.Line, "q50", $"q50 ({row["q50"]}) is below q10 ({row["q10"]})"));
            }

            if (q50 > q90)
            {
                problems.Add(new FileProblem(file, row.Line, "q90", $"q90 ({row["q90"]}) is below q50 ({row["q50"]})"));
            }

            if (model.Length == 0 || issued is not { } day || horizon is not { } h || point is not { } p || q10 is not { } lo || q50 is not { } mid || q90 is not { } hi)
            {
                continue;
            }

            if (!lines.TryAdd((model, day, h), row.Line))
            {
                problems.Add(new FileProblem(file, row.Line, null,
                    $"{model}'s {h}-day forecast issued on {Text(day)} is on line {lines[(model, day, h)]} already"));
                continue;
            }

            if (lo <= mid && mid <= hi)
            {
                result.Add(new ForecastRow(row.Line, model, day, h, p, lo, mid, hi));
            }
        }

        if (rows.Count == 0)
        {
            problems.Add(new FileProblem(file, 1, null, "there are no forecasts after the header"));
        }

        return result;
    }

    private static bool Table(string file, string text, IReadOnlyList<string> columns, List<FileProblem> problems, out IReadOnlyList<CsvRow> rows)
    {
        if (CsvTable.TryParse(text, columns, ignoreOtherColumns: true, out rows, out var error))
        {
            return true;
        }

        problems.Add(new FileProblem(file, error.Line, null, error.Reason));
        return false;
    }

    private static DateOnly? Date(string file, CsvRow row, string column, List<FileProblem> problems)
    {
        if (DateOnly.TryParseExact(row[column], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(new FileProblem(file, row.Line, column, $"'{row[column]}' is not a date written yyyy-mm-dd"));
        return null;
    }

    /// <summary>A plain decimal number, an exponent allowed: no thousands separators, no NaN or infinity.</summary>
    private static double? Number(string file, CsvRow row, string column, List<FileProblem> problems)
    {
        var text = row[column];
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            problems.Add(new FileProblem(file, row.Line, column, text.Length == 0 ? "a number is needed here" : $"'{text}' is not a number"));
            return null;
        }

        if (Math.Abs(value) > LargestNumber)
        {
            problems.Add(new FileProblem(file, row.Line, column, $"{text} is too large to score (at most 10^15)"));
            return null;
        }

        return value;
    }

    private static int? Horizon(string file, CsvRow row, List<FileProblem> problems)
    {
        var text = row["horizon_days"];
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) && days >= 1)
        {
            return days;
        }

        problems.Add(new FileProblem(file, row.Line, "horizon_days", $"'{text}' is not a whole number of days, 1 or more"));
        return null;
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
