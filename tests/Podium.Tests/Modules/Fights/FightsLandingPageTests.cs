using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Features.Demo;
using Podium.Modules.Fights.Model;
using Podium.Modules.Fights.Sample;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>
/// <c>/fights</c> on both databases, with the demo data set seeded: the next card with its countdown and lines, the
/// latest results, every sample record badged, and one stored copy for visitors.
/// </summary>
public abstract class FightsLandingPageTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_IntoAnEmptyModule_ImportsTheSampleSetThroughTheSampleFeed_MarkedSample_Once()
    {
        var added = await SeedAsync();
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var now = DateTime.UtcNow;

        (await db.Set<Fighter>().CountAsync(_ct)).ShouldBeGreaterThanOrEqualTo(200);
        (await db.Set<FightEvent>().CountAsync(e => e.StartsAt < now && e.Status == EventStatus.Completed, _ct)).ShouldBeGreaterThanOrEqualTo(30);
        (await db.Set<FightEvent>().CountAsync(e => e.StartsAt > now && e.Status == EventStatus.Scheduled, _ct)).ShouldBeGreaterThanOrEqualTo(6);
        var completed = await db.Set<Bout>().CountAsync(b => b.Outcome != null, _ct);
        completed.ShouldBeGreaterThan(300);
        (await db.Set<Bout>().CountAsync(b => b.Outcome != null && b.Status == BoutStatus.Completed && b.ResultRecordedAt != null, _ct)).ShouldBe(completed);
        (await db.Set<OddsLine>().CountAsync(_ct)).ShouldBeGreaterThan(1000);
        (await db.Set<FighterExternalId>().CountAsync(x => x.Source == SampleDataSet.Source, _ct)).ShouldBe(await db.Set<Fighter>().CountAsync(_ct));
        (await db.Set<Fighter>().AllAsync(f => f.Provenance == FeedProvenance.Sample && f.Source == SampleDataSet.Source && f.Slug != "", _ct)).ShouldBeTrue();
        (await db.Set<FightEvent>().AllAsync(e => e.Provenance == FeedProvenance.Sample, _ct)).ShouldBeTrue();
        (await db.Set<Bout>().AllAsync(b => b.Provenance == FeedProvenance.Sample, _ct)).ShouldBeTrue();
        (await db.Set<OddsLine>().AllAsync(o => o.Provenance == FeedProvenance.Sample, _ct)).ShouldBeTrue();

        // One import, recorded as a run of the sample source, nothing held back by the data checks.
        var run = await db.Set<FeedRun>().AsNoTracking().SingleAsync(r => r.SourceKey == SampleDataSet.Source, _ct);
        run.Outcome.ShouldBe(FeedRunOutcome.Succeeded);
        run.Provenance.ShouldBe(FeedProvenance.Sample);
        run.RecordsRejected.ShouldBe(0);
        added.ShouldBeOneOf(0, run.RecordsInserted); // 0 when another test of this app seeded first
        run.RecordsInserted.ShouldBe(await db.Set<Fighter>().CountAsync(_ct) + await db.Set<FightEvent>().CountAsync(_ct)
            + await db.Set<Bout>().CountAsync(_ct) + await db.Set<OddsLine>().CountAsync(_ct));
        (await db.Set<QuarantinedRecord>().CountAsync(_ct)).ShouldBe(0);
        // Every result went through the recorder, as a feed's do: each one audited.
        (await db.Set<AuditEvent>().CountAsync(a => a.Action == "fights.result.recorded", _ct)).ShouldBe(completed);

        var rows = await db.Set<OddsLine>().CountAsync(_ct);
        (await SeedAsync()).ShouldBe(0);
        (await db.Set<OddsLine>().CountAsync(_ct)).ShouldBe(rows);
        (await db.Set<FeedRun>().CountAsync(r => r.SourceKey == SampleDataSet.Source, _ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Landing_WithTheSampleSet_ShowsTheNextCardAndTheLatestResultsBadgedSample_FromTheOutputCache()
    {
        await SeedAsync();
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var now = DateTime.UtcNow;
        var next = await db.Set<FightEvent>().Where(e => e.StartsAt > now).OrderBy(e => e.StartsAt).Include(e => e.Bouts).ThenInclude(b => b.FighterA).FirstAsync(_ct);
        var latest = await db.Set<FightEvent>().Where(e => e.Status == EventStatus.Completed).OrderByDescending(e => e.StartsAt).FirstAsync(_ct);
        var visitor = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(FormSession.Origin), HandleCookies = false });

        var first = await visitor.GetAsync("/fights", _ct);
        var cached = await visitor.GetAsync("/fights", _ct);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        cached.Headers.Age.ShouldNotBeNull("the second visitor gets the stored page");
        cached.Headers.Contains("Set-Cookie").ShouldBeFalse();
        var html = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync(_ct));
        html.ShouldNotContain("__RequestVerificationToken");
        html.ShouldContain(next.Name);
        html.ShouldContain("data-countdown");
        html.ShouldContain(next.Bouts.Single(b => b.Order == 1).FighterA.Name);
        html.ShouldContain("Main event");
        html.ShouldContain(latest.Name);
        html.ShouldContain(" def. ");
        html.ShouldContain("data-testid=\"sample-data\"");
        html.ShouldNotContain("No event is scheduled yet.");
    }

    private async Task<int> SeedAsync()
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<FightsDemoSeeder>().Single().SeedAsync(_ct);
    }
}

public sealed class SqliteFightsLandingPageTests(SqliteAppFixture fixture) : FightsLandingPageTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFightsLandingPageTests(PostgresAppFixture fixture) : FightsLandingPageTests(fixture), IClassFixture<PostgresAppFixture>;

/// <summary>With nothing imported, the landing page says so plainly rather than showing placeholders.</summary>
public abstract class FightsEmptyLandingPageTests(AppFixture fixture)
{
    [Fact]
    public async Task Landing_WithNoData_SaysThereIsNothingYet()
    {
        var html = WebUtility.HtmlDecode(await fixture.CreateClient().GetStringAsync("/fights", TestContext.Current.CancellationToken));

        html.ShouldContain("No event is scheduled yet.");
        html.ShouldContain("No event has been completed yet.");
        html.ShouldNotContain("data-testid=\"sample-data\"");
    }
}

public sealed class SqliteFightsEmptyLandingPageTests(SqliteAppFixture fixture) : FightsEmptyLandingPageTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFightsEmptyLandingPageTests(PostgresAppFixture fixture) : FightsEmptyLandingPageTests(fixture), IClassFixture<PostgresAppFixture>;
