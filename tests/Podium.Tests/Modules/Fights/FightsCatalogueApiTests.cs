using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>The read API under <c>/api/v1/fights</c> on both databases, over the sample set: content, provenance, bad input, 404s.</summary>
public abstract class FightsCatalogueApiTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fighters_FilteredAndPaged_AreCamelCaseWithEnumsAsStringsAndSampleProvenance()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var expected = await QueryAsync(db => db.Set<Fighter>().CountAsync(f => f.WeightClass == WeightClass.LightHeavyweight && f.Active, _ct));

        var json = await GetJsonAsync("/api/v1/fights/fighters?weightClass=lightheavyweight&active=true&page=1&pageSize=5");

        json.GetProperty("totalCount").GetInt32().ShouldBe(expected);
        json.GetProperty("pageSize").GetInt32().ShouldBe(5);
        var items = json.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(Math.Min(5, expected));
        items.ShouldAllBe(f => f.GetProperty("weightClass").GetString() == "lightHeavyweight" && f.GetProperty("active").GetBoolean());
        items.ShouldAllBe(f => f.GetProperty("provenance").GetString() == "sample" && f.GetProperty("source").GetString() == "sample");
        items.Select(f => f.GetProperty("name").GetString()).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
        items[0].GetProperty("record").GetProperty("text").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Fighter_HasProfileRecordStatsHistoryAndOdds()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var fighter = await QueryAsync(db => db.Set<Fighter>().Where(f => db.Set<Bout>().Any(b => b.Outcome != null && b.FighterAId == f.Id)).OrderBy(f => f.Name).FirstAsync(_ct));
        var bouts = await QueryAsync(db => db.Set<Bout>().CountAsync(b => b.FighterAId == fighter.Id || b.FighterBId == fighter.Id, _ct));

        var json = await GetJsonAsync($"/api/v1/fights/fighters/{fighter.Slug}");
        var odds = await GetJsonAsync($"/api/v1/fights/fighters/{fighter.Slug}/odds");

        json.GetProperty("id").GetGuid().ShouldBe(fighter.Id);
        json.GetProperty("provenance").GetString().ShouldBe("sample");
        json.GetProperty("weightClass").GetString().ShouldBe(fighter.WeightClass.ToApiName());
        json.GetProperty("history").GetArrayLength().ShouldBe(bouts);
        json.GetProperty("history")[0].GetProperty("provenance").GetString().ShouldBe("sample");
        json.GetProperty("trajectory").GetArrayLength().ShouldBeGreaterThan(0);
        json.GetProperty("weightClassAverage").GetProperty("strikesLandedPerMinute").GetDouble().ShouldBeGreaterThan(0);
        json.GetProperty("record").GetProperty("wins").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
        odds.GetProperty("fighterId").GetGuid().ShouldBe(fighter.Id);
        var lines = odds.GetProperty("bouts")[0].GetProperty("lines");
        lines.GetArrayLength().ShouldBeGreaterThan(0);
        var point = lines[0];
        point.GetProperty("impliedProbability").GetDouble().ShouldBe((double)Odds.ImpliedProbability(point.GetProperty("moneyline").GetInt32()), 1e-9);
        point.GetProperty("provenance").GetString().ShouldBe("sample");
    }

    [Fact]
    public async Task Events_UpcomingAndPast_SplitEveryEvent_AndACardHasOddsResultsAndLocks()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var total = await QueryAsync(db => db.Set<FightEvent>().CountAsync(_ct));

        var upcoming = await GetJsonAsync("/api/v1/fights/events?when=upcoming&pageSize=200");
        var past = await GetJsonAsync("/api/v1/fights/events?when=past&pageSize=5&page=2");

        (upcoming.GetProperty("totalCount").GetInt32() + past.GetProperty("totalCount").GetInt32()).ShouldBe(total);
        upcoming.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("startsAt").GetDateTime()).ShouldBeInOrder(SortDirection.Ascending);
        past.GetProperty("page").GetInt32().ShouldBe(2);
        var done = past.GetProperty("items")[0];
        done.GetProperty("status").GetString().ShouldBe("completed");

        var card = await GetJsonAsync($"/api/v1/fights/events/{done.GetProperty("slug").GetString()}");
        var bouts = card.GetProperty("card").EnumerateArray().ToList();
        bouts.Select(b => b.GetProperty("order").GetInt32()).ShouldBeInOrder(SortDirection.Ascending);
        bouts[0].GetProperty("order").GetInt32().ShouldBe(1);
        bouts.ShouldAllBe(b => b.GetProperty("result").ValueKind == JsonValueKind.Object && b.GetProperty("provenance").GetString() == "sample");
        bouts.ShouldAllBe(b => b.GetProperty("fighterA").GetProperty("moneyline").ValueKind == JsonValueKind.Number);
        bouts[0].GetProperty("result").GetProperty("text").GetString()!.ShouldContain(" def. ");

        var next = await GetJsonAsync($"/api/v1/fights/events/{upcoming.GetProperty("items")[0].GetProperty("slug").GetString()}");
        next.GetProperty("card")[0].GetProperty("result").ValueKind.ShouldBe(JsonValueKind.Null);
        next.GetProperty("card")[0].GetProperty("locksAt").GetDateTime().ShouldBeGreaterThan(DateTime.UtcNow);
    }

    [Fact]
    public async Task Bout_HasTheTaleOfTheTapeAndTheOddsTrendAsImpliedChances()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var bout = await QueryAsync(db => db.Set<Bout>().Include(b => b.Odds).Include(b => b.FighterA).Where(b => b.Outcome != null).OrderBy(b => b.Id).FirstAsync(_ct));

        var json = await GetJsonAsync($"/api/v1/fights/bouts/{bout.Id}");

        json.GetProperty("fighterA").GetProperty("slug").GetString().ShouldBe(bout.FighterA.Slug);
        json.GetProperty("fighterA").GetProperty("provenance").GetString().ShouldBe("sample");
        json.GetProperty("fighterA").GetProperty("record").GetProperty("text").GetString().ShouldNotBeNullOrEmpty();
        var trend = json.GetProperty("oddsTrend").EnumerateArray().ToList();
        trend.Count.ShouldBe(bout.Odds.Count);
        var first = bout.Odds.OrderBy(o => o.TakenAt).First();
        trend[0].GetProperty("impliedProbabilityA").GetDouble().ShouldBe((double)Odds.ImpliedProbability(first.MoneylineA), 1e-9);
        trend.ShouldAllBe(p => p.GetProperty("provenance").GetString() == "sample" && p.GetProperty("source").GetString() == "sample");
        json.GetProperty("result").GetProperty("outcome").GetString().ShouldBe(bout.Outcome!.Value.ToApiName());
    }

    [Fact]
    public async Task Analytics_CountsEveryCompletedBoutOnce_WithUpsetsAgainstTheClosingLine()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var completed = await QueryAsync(db => db.Set<Bout>().CountAsync(b => b.Outcome != null, _ct));
        var titles = await QueryAsync(db => db.Set<Bout>().CountAsync(b => b.Outcome != null && b.TitleFight, _ct));
        var expectedUpsets = await QueryAsync(async db =>
        {
            var bouts = await db.Set<Bout>().Include(b => b.Event).Include(b => b.Odds).Where(b => b.Outcome == BoutOutcome.WinA || b.Outcome == BoutOutcome.WinB).ToListAsync(_ct);
            return bouts.Count(b => Odds.Closing(b.Odds.Select(o => new OddsSnapshot(o.TakenAt, o.MoneylineA, o.MoneylineB)), b.Lock) is { } close
                && Odds.Favourite(close.MoneylineA, close.MoneylineB) is { } favourite && favourite != b.Result!.Winner);
        });

        var json = await GetJsonAsync("/api/v1/fights/analytics");

        var classes = json.GetProperty("weightClasses").EnumerateArray().ToList();
        classes.Sum(c => c.GetProperty("bouts").GetInt32()).ShouldBe(completed);
        classes.Sum(c => c.GetProperty("titleFights").GetInt32()).ShouldBe(titles);
        classes.Sum(c => c.GetProperty("upsets").GetInt32()).ShouldBe(expectedUpsets);
        expectedUpsets.ShouldBeGreaterThan(0);
        classes.ShouldAllBe(c => c.GetProperty("averageFightSeconds").GetDouble() > 0 && c.GetProperty("averageFightSeconds").GetDouble() <= 25 * 60);
        classes.ShouldAllBe(c => c.GetProperty("finishRate").GetDouble() >= 0 && c.GetProperty("finishRate").GetDouble() <= 1);
    }

    [Theory]
    [InlineData("/api/v1/fights/fighters?weightClass=superheavyweight", "weightClass")]
    [InlineData("/api/v1/fights/fighters?weightClass=3", "weightClass")]
    [InlineData("/api/v1/fights/fighters?stance=crane", "stance")]
    [InlineData("/api/v1/fights/fighters?page=0", "page")]
    [InlineData("/api/v1/fights/fighters?pageSize=1000", "pageSize")]
    [InlineData("/api/v1/fights/events?when=someday", "when")]
    [InlineData("/api/v1/fights/events?page=0", "page")]
    [InlineData("/api/v1/fights/events?pageSize=1000", "pageSize")]
    [InlineData("/api/v1/fights/fighters/Not_A_Slug", "slug")]
    [InlineData("/api/v1/fights/fighters/bad--slug/odds", "slug")]
    [InlineData("/api/v1/fights/events/-x-", "slug")]
    public async Task BadQuery_Is400ProblemDetailsNamingTheField(string path, string field)
    {
        var response = await fixture.CreateClient().GetAsync(path, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(path);
    }

    [Theory]
    [InlineData("/api/v1/fights/fighters/nobody-at-all")]
    [InlineData("/api/v1/fights/fighters/nobody-at-all/odds")]
    [InlineData("/api/v1/fights/events/no-such-event")]
    [InlineData("/api/v1/fights/bouts/0198f0a0-0000-7000-8000-000000000000")]
    public async Task Unknown_Is404ProblemDetails(string path)
    {
        var response = await fixture.CreateClient().GetAsync(path, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task OpenApi_ListsTheCatalogueWithItsProblems()
    {
        var doc = await GetJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/fights/fighters", "/api/v1/fights/fighters/{slug}", "/api/v1/fights/fighters/{slug}/odds", "/api/v1/fights/events", "/api/v1/fights/events/{slug}", "/api/v1/fights/bouts/{id}", "/api/v1/fights/analytics" })
        {
            paths.TryGetProperty(path, out var operation).ShouldBeTrue(path);
            operation.GetProperty("get").GetProperty("responses").TryGetProperty("200", out _).ShouldBeTrue(path);
        }

        paths.GetProperty("/api/v1/fights/fighters/{slug}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
        paths.GetProperty("/api/v1/fights/events").GetProperty("get").GetProperty("responses").TryGetProperty("400", out _).ShouldBeTrue();
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await fixture.CreateClient().GetAsync(path, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).Clone();
    }

    private async Task<T> QueryAsync<T>(Func<PodiumDbContext, Task<T>> query)
    {
        await using var scope = fixture.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PodiumDbContext>());
    }
}

public sealed class SqliteFightsCatalogueApiTests(SqliteAppFixture fixture) : FightsCatalogueApiTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFightsCatalogueApiTests(PostgresAppFixture fixture) : FightsCatalogueApiTests(fixture), IClassFixture<PostgresAppFixture>;
