using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Podium.Platform.Cli;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Forecast;

/// <summary>
/// <c>podium forecast score</c> and its page: the JSON contract (names, nulls, full precision) and bad files refused
/// with the cell named. Scoring reads no database, so one host (SQLite) is enough.
/// </summary>
public sealed class ForecastScoringTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const string Page = "/forecast/score";
    private const string Prices = "date,close\n2026-01-01,100\n2026-01-02,102\n2026-01-03,101\n2026-01-04,105\n";
    // "walk" is the random walk itself: MASE exactly 1 and no Diebold–Mariano test. "up" is 1.5 above it each day.
    private const string Forecasts =
        "model,issued_date,horizon_days,point,q10,q50,q90\n" +
        "walk,2026-01-01,1,100,98,100,102\nwalk,2026-01-02,1,102,100,102,104\nwalk,2026-01-03,1,101,99,101,103\n" +
        "up,2026-01-01,1,101.5,99,101.5,104\nup,2026-01-02,1,103.5,100,103.5,106\nup,2026-01-03,1,102.5,99,102.5,105\n";

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScoreCommand_WritesOneRowPerModelAndHorizon_WithTheContractsFieldsInModelOrder()
    {
        var dir = Directory.CreateTempSubdirectory("podium-forecast-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "prices.csv"), Prices, _ct);
            await File.WriteAllTextAsync(Path.Combine(dir, "forecasts.csv"), Forecasts, _ct);
            var output = Path.Combine(dir, "scores.json");

            var exit = await PodiumCli.InvokeAsync(fixture.App.Services,
                ["forecast", "score", "--prices", Path.Combine(dir, "prices.csv"), "--forecasts", Path.Combine(dir, "forecasts.csv"), "--out", output], _ct);

            exit.ShouldBe(0);
            var rows = JsonNode.Parse(await File.ReadAllTextAsync(output, _ct))!.AsArray();
            rows.Select(r => r!["model"]!.GetValue<string>()).ShouldBe(["up", "walk"]);
            rows.ShouldAllBe(r => r!.AsObject().Select(p => p.Key).SequenceEqual(new[]
            {
                "model", "horizonDays", "n", "mae", "rmse", "mase", "skill", "directionalAccuracy", "directionalP", "alwaysUpAccuracy",
                "coverage80", "pinball", "dmStatistic", "dmP",
            }));
            var walk = rows[1]!;
            (walk["horizonDays"]!.GetValue<int>(), walk["n"]!.GetValue<int>()).ShouldBe((1, 3));
            walk["mase"]!.GetValue<double>().ShouldBe(1);
            walk["dmStatistic"].ShouldBeNull();
            walk["dmP"].ShouldBeNull();
            // |y − p| for "up": 0.5 2.5 2.5 → 5.5/3; the random walk's 2 1 4 → 7/3; MASE 5.5 / 7, written in full.
            rows[0]!["mae"]!.GetValue<double>().ShouldBe(5.5 / 3);
            rows[0]!["mase"]!.ToJsonString().ShouldBe((5.5 / 7).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ScoreCommand_WithABadRow_ExitsWithOneAndWritesNothing()
    {
        var dir = Directory.CreateTempSubdirectory("podium-forecast-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "p.csv"), Prices, _ct);
            await File.WriteAllTextAsync(Path.Combine(dir, "f.csv"), Forecasts + "up,2026-01-03,2,1,1,1,1\n", _ct);
            var output = Path.Combine(dir, "scores.json");

            var exit = await PodiumCli.InvokeAsync(fixture.App.Services,
                ["forecast", "score", "--prices", Path.Combine(dir, "p.csv"), "--forecasts", Path.Combine(dir, "f.csv"), "--out", output], _ct);

            exit.ShouldBe(1);
            File.Exists(output).ShouldBeFalse();
            (await PodiumCli.InvokeAsync(fixture.App.Services,
                ["forecast", "score", "--prices", Path.Combine(dir, "missing.csv"), "--forecasts", Path.Combine(dir, "f.csv")], _ct)).ShouldBe(1);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ScorePage_ShowsTheScoresWithTheVerdict_AndDownloadsTheSameJson()
    {
        var session = await MemberAsync();

        var page = await UploadAsync(session, Prices, Forecasts);

        page.ShouldContain("data-testid=\"scores\"");
        page.ShouldContain("No evidence of skill over the random walk");
        page.ShouldContain("<th scope=\"row\">walk</th>");
        var json = await UploadAsync(session, Prices, Forecasts, handler: "Json");
        JsonNode.Parse(json)!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task ScorePage_WithBadFiles_ListsEveryBadCell_Encoded()
    {
        var session = await MemberAsync();

        var page = await UploadAsync(session, Prices + "2026-01-05,<b>\n", Forecasts, forecastsName: "mine.csv");

        page.ShouldContain("Nothing was scored");
        page.ShouldContain("prices.csv line 6, column close: &#x27;&lt;b&gt;&#x27; is not a number");
        page.ShouldNotContain("data-testid=\"scores\"");
        var json = await UploadAsync(session, Prices, "model\n", handler: "Json", forecastsName: "mine.csv");
        json.ShouldContain("mine.csv line 1: missing column");
    }

    [Fact]
    public async Task ScorePage_WithoutBothFiles_AsksForThem()
    {
        var session = await MemberAsync();
        var form = await FormAsync(session);

        var response = await session.Client.PostAsync(Page, form, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync(_ct);
        page.ShouldContain("Choose the prices file.");
        page.ShouldContain("Choose the forecasts file.");
    }

    [Fact]
    public async Task ScorePage_SendsVisitorsToSignIn_AndIsInTheNavigation()
    {
        var visitor = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await visitor.GetAsync(Page, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/account/sign-in");
        (await visitor.GetStringAsync("/", _ct)).ShouldContain("href=\"/forecast\"");
        var home = await visitor.GetStringAsync("/forecast", _ct);
        home.ShouldContain("no evidence of skill over the random walk");
        home.ShouldContain($"href=\"{Page}\"");
    }

    private async Task<FormSession> MemberAsync()
    {
        var email = $"forecaster-{Guid.NewGuid():N}@example.org";
        await TestUsers.CreateAsync(fixture.App, email, "Fay Forecaster");
        var session = new FormSession(fixture.App);
        await session.SignInAsync(email, TestUsers.Password);
        return session;
    }

    private async Task<MultipartFormDataContent> FormAsync(FormSession session) =>
        new() { { new StringContent(FormSession.TokenOf(await session.GetPageAsync(Page))), "__RequestVerificationToken" } };

    private async Task<string> UploadAsync(FormSession session, string prices, string forecasts, string? handler = null, string forecastsName = "forecasts.csv")
    {
        using var form = await FormAsync(session);
        form.Add(Csv(prices), "Prices", "prices.csv");
        form.Add(Csv(forecasts), "Forecasts", forecastsName);

        var response = await session.Client.PostAsync(handler is null ? Page : $"{Page}?handler={handler}", form, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(_ct);
    }

    private static ByteArrayContent Csv(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }
}
