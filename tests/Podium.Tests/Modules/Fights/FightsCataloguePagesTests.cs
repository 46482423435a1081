using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>The fighters list and profile, a bout's preview and the analytics page, on both databases, over the sample set.</summary>
public abstract partial class FightsCataloguePagesTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>The last page as served (a chart's JSON is read from its encoded attribute); tests read it decoded.</summary>
    private string _raw = "";

    [Fact]
    public async Task Fighters_FilteredByClassAndStance_ListsOnlyThoseByName_Linked()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var expected = await QueryAsync(db => db.Set<Fighter>().Where(f => f.WeightClass == WeightClass.Lightweight && f.Stance == Stance.Southpaw).OrderBy(f => f.Name).Select(f => f.Slug).ToListAsync(_ct));
        expected.ShouldNotBeEmpty();

        var html = await GetAsync("/fights/fighters?weightClass=Lightweight&stance=Southpaw");
        var descending = await GetAsync("/fights/fighters?weightClass=Lightweight&stance=Southpaw&sort=-name");
        var wire = await GetAsync("/fights/fighters?weightClass=lightweight&stance=southpaw");

        FighterLink().Matches(html).Select(m => m.Groups["slug"].Value).ShouldBe(expected);
        FighterLink().Matches(descending).Select(m => m.Groups["slug"].Value).ShouldBe(Enumerable.Reverse(expected));
        FighterLink().Matches(wire).Select(m => m.Groups["slug"].Value).ShouldBe(expected);

        // An old link with the C# names keeps working, and the form and its links answer in the API's spelling.
        html.ShouldContain("<option value=\"lightweight\" selected=\"selected\">", Case.Sensitive);
        html.ShouldContain("<option value=\"southpaw\" selected=\"selected\">", Case.Sensitive);
        html.ShouldContain("href=\"/fights/fighters?weightClass=lightweight&stance=southpaw&sort=-name\"", Case.Sensitive);
        html.ShouldNotContain("weightClass=Lightweight", Case.Sensitive);
        html.ShouldContain("data-testid=\"sample-data\"");
        html.ShouldContain("<a class=\"nav-link text-nowrap active\" href=\"/fights/fighters\" aria-current=\"page\">Fighters</a>");
    }

    [Fact]
    public async Task Fighters_ByDefault_PagesEveryFighter_AndSaysWhichFiltersItDidNotKnow()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var total = await QueryAsync(db => db.Set<Fighter>().CountAsync(_ct));
        var retired = await QueryAsync(db => db.Set<Fighter>().CountAsync(f => !f.Active, _ct));

        var first = await GetAsync("/fights/fighters");
        var odd = await GetAsync("/fights/fighters?weightClass=Superheavy&stance=Crane&status=resting&p=0");

        first.ShouldContain($"{total} fighters");
        first.ShouldContain($"Page 1 of {(total + 29) / 30}");
        FighterLink().Matches(first).Count.ShouldBe(30);
        odd.ShouldContain("Unknown weight class and stance and status left out");
        odd.ShouldContain($"{total} fighters");
        if (retired > 0)
        {
            (await GetAsync("/fights/fighters?status=retired")).ShouldContain($"{retired} fighter");
        }
    }

    [Fact]
    public async Task Fighter_ShowsProfileRecordHistoryAndBothCharts_WithTheClassAverageFromTheDatabase()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var fighter = await BusiestFighterAsync();
        var average = await QueryAsync(db => db.Set<Fighter>().Where(f => f.WeightClass == fighter.WeightClass).AverageAsync(f => f.StrikesLandedPerMinute, _ct));
        var bouts = await QueryAsync(db => db.Set<Bout>().CountAsync(b => b.FighterAId == fighter.Id || b.FighterBId == fighter.Id, _ct));

        var html = await GetAsync($"/fights/fighters/{fighter.Slug}");

        html.ShouldContain(fighter.Name);
        html.ShouldContain($"data-fighter-id=\"{fighter.Id}\"");
        html.ShouldContain("data-testid=\"sample-data\"");
        html.ShouldContain(fighter.WeightClass.Title());
        html.ShouldContain(average!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Regex.Matches(html, "<tr>\\s*<td class=\"text-nowrap\"><time").Count.ShouldBe(bouts);
        var radar = Chart(html, "radar-chart");
        radar.GetProperty("type").GetString().ShouldBe("radar");
        radar.GetProperty("datasets").GetArrayLength().ShouldBe(2);
        radar.GetProperty("labels").GetArrayLength().ShouldBe(8);
        var trajectory = Chart(html, "trajectory-chart");
        trajectory.GetProperty("datasets")[0].GetProperty("label").GetString().ShouldBe("Wins");
        var points = trajectory.GetProperty("labels").GetArrayLength();
        points.ShouldBeGreaterThan(0);
        // The line ends at the record the profile shows.
        var wins = trajectory.GetProperty("datasets")[0].GetProperty("data")[points - 1].GetDouble();
        html.ShouldContain($"data-testid=\"record\">{(int)wins}-");
        Chart(html, "odds-chart").GetProperty("datasets").GetArrayLength().ShouldBe(2);
        html.ShouldContain("/_content/Podium.Modules.Fights/js/fights-charts.");
    }

    [Fact]
    public async Task Bout_ShowsTheTaleOfTheTapeOddsTrendAndResult()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var bout = await QueryAsync(db => db.Set<Bout>().Include(b => b.FighterA).Include(b => b.FighterB).Include(b => b.Odds)
            .Where(b => b.Outcome == BoutOutcome.WinB && b.Method == FinishMethod.KoTko).OrderBy(b => b.Id).FirstAsync(_ct));

        var html = await GetAsync($"/fights/bouts/{bout.Id}");

        html.ShouldContain($"href=\"/fights/fighters/{bout.FighterA.Slug}\"");
        html.ShouldContain($"href=\"/fights/fighters/{bout.FighterB.Slug}\"");
        html.ShouldContain("Tale of the tape");
        html.ShouldContain("Reach");
        html.ShouldContain($"{bout.FighterB.Name} def. {bout.FighterA.Name} · KO/TKO");
        var trend = Chart(html, "odds-trend-chart");
        trend.GetProperty("datasets").GetArrayLength().ShouldBe(2);
        trend.GetProperty("labels").GetArrayLength().ShouldBe(bout.Odds.Count);
        var first = bout.Odds.OrderBy(o => o.TakenAt).First();
        trend.GetProperty("datasets")[0].GetProperty("data")[0].GetDouble().ShouldBe(Math.Round((double)Odds.ImpliedProbability(first.MoneylineA), 3));
        html.ShouldContain("data-testid=\"sample-data\"");
    }

    [Fact]
    public async Task Bout_WhenUnknown_Is404_AndFighterWhenUnknownOrMalformed_Is404()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var client = fixture.CreateClient();

        (await client.GetAsync($"/fights/bouts/{Guid.NewGuid()}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/fights/bouts/not-a-guid", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/fights/fighters/nobody-at-all", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/fights/fighters/Bad--Slug", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Analytics_ShowsEveryClassWithResults_AsChartsAndATable()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var classes = await QueryAsync(db => db.Set<Bout>().Where(b => b.Outcome != null).Select(b => b.WeightClass).Distinct().ToListAsync(_ct));

        var html = await GetAsync("/fights/analytics");

        foreach (var weightClass in classes)
        {
            html.ShouldContain($"href=\"/fights/fighters?weightClass={weightClass.ToApiName()}\"");
        }

        Chart(html, "methods-chart").GetProperty("labels").GetArrayLength().ShouldBe(classes.Count);
        Chart(html, "upsets-chart").GetProperty("datasets").GetArrayLength().ShouldBe(2);
        html.ShouldContain("<a class=\"nav-link text-nowrap active\" href=\"/fights/analytics\" aria-current=\"page\">Analytics</a>");
    }

    private async Task<Fighter> BusiestFighterAsync() => await QueryAsync(async db =>
    {
        var id = await db.Set<Bout>().Where(b => b.Outcome != null).Select(b => b.FighterAId)
            .GroupBy(x => x).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync(_ct);
        return await db.Set<Fighter>().SingleAsync(f => f.Id == id, _ct);
    });

    /// <summary>The data of the chart on the last page read (<paramref name="html"/> names the page in the test).</summary>
    private JsonElement Chart(string html, string testId)
    {
        html.ShouldContain($"data-testid=\"{testId}\"");
        var match = Regex.Match(_raw, $"<canvas[^>]*data-testid=\"{testId}\"[^>]*data-chart=\"(?<json>[^\"]*)\"");
        match.Success.ShouldBeTrue($"no {testId} canvas with data");
        return JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups["json"].Value)).RootElement.Clone();
    }

    private async Task<T> QueryAsync<T>(Func<PodiumDbContext, Task<T>> query)
    {
        await using var scope = fixture.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PodiumDbContext>());
    }

    private async Task<string> GetAsync(string path)
    {
        var response = await fixture.CreateClient().GetAsync(path, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        _raw = await response.Content.ReadAsStringAsync(_ct);
        return WebUtility.HtmlDecode(_raw);
    }

    [GeneratedRegex("<a href=\"/fights/fighters/(?<slug>[a-z0-9-]+)\">")]
    private static partial Regex FighterLink();
}

public sealed class SqliteFightsCataloguePagesTests(SqliteAppFixture fixture) : FightsCataloguePagesTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFightsCataloguePagesTests(PostgresAppFixture fixture) : FightsCataloguePagesTests(fixture), IClassFixture<PostgresAppFixture>;
