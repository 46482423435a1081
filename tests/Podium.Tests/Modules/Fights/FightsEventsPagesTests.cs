using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Features.Demo;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary><c>/fights/events</c> and an event's card on both databases, over the seeded sample set.</summary>
public abstract partial class FightsEventsPagesTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_Upcoming_ListsTheScheduledCardsSoonestFirst_LinkedAndBadgedSample()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var upcoming = await EventsAsync(e => e.Status == EventStatus.Scheduled && e.StartsAt > DateTime.UtcNow);

        var html = await GetAsync("/fights/events");

        html.ShouldContain("data-testid=\"sample-data\"");
        var listed = EventLink().Matches(html).Select(m => m.Groups["slug"].Value).ToList();
        listed.ShouldBe([.. upcoming.OrderBy(e => e.StartsAt).Select(e => e.Slug)]);
        html.ShouldContain("href=\"/fights/events?when=past\"");
        html.ShouldContain("<a class=\"nav-link text-nowrap active\" href=\"/fights/events\" aria-current=\"page\">Events</a>");
    }

    [Fact]
    public async Task Events_Past_ListsLatestFirst_InPages()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var past = (await EventsAsync(e => e.Status == EventStatus.Completed)).OrderByDescending(e => e.StartsAt).ToList();
        past.Count.ShouldBeGreaterThan(20, "the sample set has more past events than one page");

        var first = await GetAsync("/fights/events?when=past");
        var second = await GetAsync("/fights/events?when=past&p=2");
        var beyond = await GetAsync("/fights/events?when=past&p=999");

        var listed = EventLink().Matches(first).Select(m => m.Groups["slug"].Value).Concat(EventLink().Matches(second).Select(m => m.Groups["slug"].Value)).ToList();
        listed.ShouldBe([.. past.Select(e => e.Slug)]);
        first.ShouldContain("Page 1 of 2");
        beyond.ShouldContain("Page 2 of 2");
        (await GetAsync("/fights/events?when=someday")).ShouldContain("here are the upcoming ones");
    }

    [Fact]
    public async Task Event_Upcoming_ShowsTheCardMainEventFirst_WithLinesLocksAndLinkedFighters()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var now = DateTime.UtcNow;
        var next = await db.Set<FightEvent>().Where(e => e.StartsAt > now).OrderBy(e => e.StartsAt)
            .Include(e => e.Bouts).ThenInclude(b => b.FighterA).Include(e => e.Bouts).ThenInclude(b => b.FighterB).FirstAsync(_ct);

        var html = await GetAsync($"/fights/events/{next.Slug}");

        html.ShouldContain(next.Name);
        html.ShouldContain("data-testid=\"event-countdown\"");
        var blocks = BoutBlock().Matches(html).Select(m => Guid.Parse(m.Groups["id"].Value)).ToList();
        blocks.ShouldBe([.. next.Bouts.OrderBy(b => b.Order).Select(b => b.Id)]);
        var main = next.Bouts.Single(b => b.Order == 1);
        html.IndexOf("Main event", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("Co-main event", StringComparison.Ordinal));
        html.ShouldContain($"href=\"/fights/fighters/{main.FighterA.Slug}\"");
        html.ShouldContain($"href=\"/fights/fighters/{main.FighterB.Slug}\"");
        html.ShouldContain($"href=\"/fights/bouts/{main.Id}\"");
        html.ShouldContain(main.WeightClass == Podium.Modules.Fights.Domain.WeightClass.LightHeavyweight ? "Light Heavyweight" : main.WeightClass.ToString());
        html.ShouldContain("data-testid=\"bout-odds\"");
        html.ShouldContain("Predictions lock");
        html.ShouldContain("data-testid=\"sample-data\"");
        html.ShouldNotContain("data-testid=\"bout-result\"");
    }

    [Fact]
    public async Task Event_Past_ShowsEveryResultAsWinnerDefeatsLoser()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var latest = await db.Set<FightEvent>().Where(e => e.Status == EventStatus.Completed).OrderByDescending(e => e.StartsAt)
            .Include(e => e.Bouts).ThenInclude(b => b.FighterA).Include(e => e.Bouts).ThenInclude(b => b.FighterB).FirstAsync(_ct);
        var won = latest.Bouts.Where(b => b.Outcome == Podium.Modules.Fights.Domain.BoutOutcome.WinA).OrderBy(b => b.Order).First();

        var html = await GetAsync($"/fights/events/{latest.Slug}");

        Regex.Matches(html, "data-testid=\"bout-result\"").Count.ShouldBe(latest.Bouts.Count);
        html.ShouldContain($"{won.FighterA.Name} def. {won.FighterB.Name}");
        html.ShouldContain("Closing line");
        html.ShouldNotContain("data-testid=\"event-countdown\"");
    }

    [Theory]
    [InlineData("/fights/events/no-such-event")]
    [InlineData("/fights/events/Not_A_Slug")]
    [InlineData("/fights/events/-")]
    public async Task Event_WhenTheSlugIsUnknownOrMalformed_Is404(string path)
    {
        await FightsSeed.SeedAsync(fixture, _ct);

        (await fixture.CreateClient().GetAsync(path, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<string> GetAsync(string path)
    {
        var response = await fixture.CreateClient().GetAsync(path, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(_ct));
    }

    private async Task<List<FightEvent>> EventsAsync(System.Linq.Expressions.Expression<Func<FightEvent, bool>> where)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<FightEvent>().AsNoTracking().Where(where).ToListAsync(_ct);
    }

    [GeneratedRegex("<a href=\"/fights/events/(?<slug>[a-z0-9-]+)\">")]
    private static partial Regex EventLink();

    [GeneratedRegex("data-bout-id=\"(?<id>[0-9a-f-]{36})\"")]
    private static partial Regex BoutBlock();
}

public sealed class SqliteFightsEventsPagesTests(SqliteAppFixture fixture) : FightsEventsPagesTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFightsEventsPagesTests(PostgresAppFixture fixture) : FightsEventsPagesTests(fixture), IClassFixture<PostgresAppFixture>;

/// <summary>The demo seeder, once per app: a second call adds nothing.</summary>
internal static class FightsSeed
{
    public static async Task SeedAsync(AppFixture fixture, CancellationToken cancellationToken)
    {
        await using var scope = fixture.CreateScope();
        await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<FightsDemoSeeder>().Single().SeedAsync(cancellationToken);
    }
}
