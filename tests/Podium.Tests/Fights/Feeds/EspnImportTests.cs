using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Features.Import;
using Podium.Modules.Fights.Model;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Fights.Feeds;

/// <summary>
/// Importing from ESPN's JSON (a loopback stub): cards, fighters, odds and results saved once however often imported;
/// bad records held back in quarantine; 500s retried, then the last good data imported as cached; malformed JSON and
/// timeouts the same; a failed update recorded, and the administrators told.
/// </summary>
public abstract class EspnImportTests(EspnFeedFixture fixture)
{
    private static int _next = 100;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static int Tag() => Interlocked.Increment(ref _next);

    // The stub ignores the dates; a window of its own gives each test its own last good data.
    private static MmaScheduleRequest Window(int tag) => new(new DateOnly(2030, 1, 1).AddDays(tag), new DateOnly(2030, 1, 1).AddDays(tag));

    private static EspnAthlete Athlete(int tag, string who, double height = 70) => new($"{tag}{who}", $"Tester {who.ToUpperInvariant()} Number{tag}", HeightInches: height);

    private async Task<FeedRunProgress> ImportAsync(MmaScheduleRequest request)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<FeedUpdates>().ImportAsync(request, _ct);
    }

    private async Task<T> ReadAsync<T>(Func<PodiumDbContext, Task<T>> read)
    {
        await using var scope = fixture.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<PodiumDbContext>());
    }

    private async Task<string> AdminAsync()
    {
        var email = $"feeds-admin-{Guid.NewGuid():N}@example.org";
        await TestUsers.CreateAsync(fixture.App, email, "Feed Admin", roles: Roles.Admin);
        return email;
    }

    [Fact]
    public async Task Import_SavesCardsFightersOddsAndResults_AndImportingAgainChangesNothing()
    {
        var t = Tag();
        var soon = DateTime.UtcNow.Date.AddDays(10).AddHours(23);
        var past = DateTime.UtcNow.Date.AddDays(-3).AddHours(23);
        var upcoming = new EspnEvent($"6{t}1", $"UFC Test {t}: A vs. B", soon, "pre",
        [
            new EspnBout($"4{t}1", Athlete(t, "a"), Athlete(t, "b"), soon, Rounds: 5, Order: 1, HomeMoneyline: -150, AwayMoneyline: 130),
            new EspnBout($"4{t}2", Athlete(t, "c"), Athlete(t, "d"), soon, "Women's Flyweight", Order: 2),
        ]);
        var done = new EspnEvent($"6{t}2", $"UFC Test {t}: A vs. E", past, "post",
            [new EspnBout($"4{t}3", Athlete(t, "a"), Athlete(t, "e"), past, Winner: 0, Result: "kotko", Period: 2, Clock: "3:14")]);
        fixture.Espn.Serve(upcoming, done);

        var first = await ImportAsync(Window(t));

        first.Provenance.ShouldBe(FeedProvenance.Real);
        first.Read.ShouldBe(5);
        first.Inserted.ShouldBe(11, "2 events, 3 bouts, 5 fighters, 1 odds line");
        first.Updated.ShouldBe(1, "the result");
        first.Rejected.ShouldBe(0);
        var a = await ReadAsync(db => db.Set<Fighter>().Include(f => f.ExternalIds).SingleAsync(f => f.ExternalIds.Any(x => x.Source == "espn" && x.ExternalId == $"{t}a"), _ct));
        a.HeightCm.ShouldBe(178);
        a.Country.ShouldBe("Brazil");
        a.FeedRecord.ShouldBe(new FightRecord(12, 3, 0, 0));
        a.Provenance.ShouldBe(FeedProvenance.Real);
        var main = await ReadAsync(db => db.Set<Bout>().Include(b => b.Odds).Include(b => b.Event).SingleAsync(b => b.Source == "espn" && b.ExternalId == $"4{t}1", _ct));
        (main.Order, main.ScheduledRounds, main.FighterAId).ShouldBe((1, 5, a.Id));
        main.Event.Venue.ShouldBe("T-Mobile Arena");
        main.Odds.ShouldHaveSingleItem().ShouldSatisfyAllConditions(o => o.MoneylineA.ShouldBe(-150), o => o.MoneylineB.ShouldBe(130));
        (await ReadAsync(db => db.Set<Bout>().SingleAsync(b => b.ExternalId == $"4{t}2", _ct))).WeightClass.ShouldBe(WeightClass.WomensFlyweight);
        var finished = await ReadAsync(db => db.Set<Bout>().SingleAsync(b => b.ExternalId == $"4{t}3", _ct));
        finished.Result.ShouldBe(new BoutResult(BoutOutcome.WinA, FinishMethod.KoTko, 2, TimeSpan.FromSeconds(194)));
        (await ReadAsync(db => db.Set<AuditEvent>().CountAsync(e => e.Action == "fights.result.recorded" && e.Target == $"bout:{finished.Id:N}" && e.ActorId == null, _ct))).ShouldBe(1);

        var again = await ImportAsync(Window(t));

        (again.Read, again.Inserted, again.Updated, again.Rejected).ShouldBe((5, 0, 0, 0));
        (await ReadAsync(db => db.Set<FighterExternalId>().CountAsync(x => x.Source == "espn" && x.ExternalId.StartsWith($"{t}"), _ct))).ShouldBe(5);
        (await ReadAsync(db => db.Set<OddsLine>().CountAsync(o => o.BoutId == main.Id, _ct))).ShouldBe(1);
        (await ReadAsync(db => db.Set<AuditEvent>().CountAsync(e => e.Target == $"bout:{finished.Id:N}", _ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Import_HoldsBadRecordsInQuarantine_SavesTheRest_CountsThemAgainWhenSeenAgain_AndTellsTheAdmins()
    {
        var admin = await AdminAsync();
        var t = Tag();
        var soon = DateTime.UtcNow.Date.AddDays(12).AddHours(23);
        var card = new EspnEvent($"6{t}1", $"UFC Test {t}: Bad data", soon, "pre",
        [
            new EspnBout($"4{t}1", Athlete(t, "same"), Athlete(t, "same"), soon, Order: 1),
            new EspnBout($"4{t}2", Athlete(t, "giant", height: 300), Athlete(t, "b"), soon, Order: 2),
            new EspnBout($"4{t}3", Athlete(t, "c"), Athlete(t, "d"), soon, Order: 3, HomeMoneyline: 50, AwayMoneyline: -120),
            new EspnBout($"4{t}4", Athlete(t, "e"), Athlete(t, "f"), soon, Order: 4, Winner: 0, Result: "sub", Period: 1, Clock: "2:00"),
            new EspnBout($"4{t}5", Athlete(t, "g"), Athlete(t, "h"), soon, Order: 5, OmitB: true),
            new EspnBout($"4{t}6", Athlete(t, "i"), Athlete(t, "j"), soon, Order: 6),
        ]);
        fixture.Espn.Serve(card);

        var run = await ImportAsync(Window(t));

        var saved = await ReadAsync(db => db.Set<Bout>().Where(b => b.ExternalId!.StartsWith($"4{t}")).Select(b => b.ExternalId).OrderBy(x => x).ToListAsync(_ct));
        saved.ShouldBe([$"4{t}3", $"4{t}6"], "only the bouts that passed; the one with bad odds keeps its bout, not its line");
        (await ReadAsync(db => db.Set<OddsLine>().CountAsync(o => db.Set<Bout>().Any(b => b.Id == o.BoutId && b.ExternalId == $"4{t}3"), _ct))).ShouldBe(0);
        (await ReadAsync(db => db.Set<FighterExternalId>().CountAsync(x => x.ExternalId == $"{t}giant" || x.ExternalId == $"{t}same" || x.ExternalId == $"{t}e", _ct)))
            .ShouldBe(0, "no fighter of a held-back bout is saved");
        var held = await ReadAsync(db => db.Set<QuarantinedRecord>().Where(q => q.ExternalId.StartsWith($"4{t}") || q.ExternalId.StartsWith($"{t}"))
            .Select(q => q.Kind + " " + q.ExternalId).OrderBy(x => x).ToListAsync(_ct));
        held.ShouldBe(new[] { $"bout 4{t}1", $"bout 4{t}2", $"bout 4{t}4", $"bout 4{t}5", $"fighter {t}giant", $"odds 4{t}3" }.Order().ToList());
        var same = await ReadAsync(db => db.Set<QuarantinedRecord>().SingleAsync(q => q.ExternalId == $"4{t}1", _ct));
        same.Issues.ShouldContain("two different fighters");
        (await ReadAsync(db => db.Set<QuarantinedRecord>().SingleAsync(q => q.ExternalId == $"4{t}4", _ct))).Issues.ShouldContain("has not happened yet");
        run.Rejected.ShouldBe(6, "three bouts that failed the checks, the fighter, the odds line, and the bout ESPN sent with one fighter");
        (await fixture.Mail.WaitForAsync(admin, "held back")).TextBody.ShouldNotBeNull().ShouldContain("/fights/manage/quality");

        var again = await ImportAsync(Window(t));

        again.Inserted.ShouldBe(0);
        again.Rejected.ShouldBe(run.Rejected);
        (await ReadAsync(db => db.Set<QuarantinedRecord>().SingleAsync(q => q.ExternalId == $"4{t}1", _ct))).Count.ShouldBe(2);
        (await ReadAsync(db => db.Set<QuarantinedRecord>().CountAsync(q => q.ExternalId.StartsWith($"4{t}") || q.ExternalId.StartsWith($"{t}"), _ct))).ShouldBe(6);
    }

    [Fact]
    public async Task Update_WhenEspnAnswers500_IsRetried_ThenImportsTheLastGoodDataAsCached_AndTellsTheAdminsOnce()
    {
        var admin = await AdminAsync();
        var t = Tag();
        var soon = DateTime.UtcNow.Date.AddDays(14).AddHours(23);
        fixture.Espn.Serve(new EspnEvent($"6{t}1", $"UFC Test {t}: Cached", soon, "pre", [new EspnBout($"4{t}1", Athlete(t, "a"), Athlete(t, "b"), soon)]));
        (await ImportAsync(Window(t))).Provenance.ShouldBe(FeedProvenance.Real);
        var calls = 0;
        fixture.Espn.Override = context =>
        {
            Interlocked.Increment(ref calls);
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        };

        var cached = await ImportAsync(Window(t));

        calls.ShouldBe(3, "the first attempt and two retries");
        cached.Provenance.ShouldBe(FeedProvenance.Cached);
        (cached.Read, cached.Inserted, cached.Updated).ShouldBe((2, 0, 0));
        (await fixture.Mail.WaitForAsync(admin, "went wrong")).TextBody.ShouldNotBeNull().ShouldContain("last good data");
        await ImportAsync(Window(t));
        await Task.Delay(300, _ct);
        fixture.Mail.To(admin).Count(m => (m.Subject ?? "").Contains("went wrong", StringComparison.Ordinal)).ShouldBe(1, "one e-mail per spell of trouble");
        fixture.Espn.Override = null;
    }

    [Fact]
    public async Task Update_WhenTheAnswerIsMalformed_ImportsTheLastGoodData_AndWithoutAnyFailsTheRun()
    {
        var t = Tag();
        var soon = DateTime.UtcNow.Date.AddDays(15).AddHours(23);
        fixture.Espn.Serve(new EspnEvent($"6{t}1", $"UFC Test {t}: Malformed", soon, "pre", [new EspnBout($"4{t}1", Athlete(t, "a"), Athlete(t, "b"), soon)]));
        await ImportAsync(Window(t));
        foreach (var body in new[] { "{\"events\": [ {\"id\": ", "{\"leagues\": []}", "[1, 2, 3]" })
        {
            fixture.Espn.Override = async context =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body);
            };

            (await ImportAsync(Window(t))).Provenance.ShouldBe(FeedProvenance.Cached, body);
        }

        var failed = await Should.ThrowAsync<FeedDataException>(() => ImportAsync(Window(Tag())));

        failed.Message.ShouldContain("no last good data");
        var run = await ReadAsync(db => db.Set<FeedRun>().Where(r => r.SourceKey == "espn").OrderByDescending(r => r.Id).FirstAsync(_ct));
        run.Outcome.ShouldBe(FeedRunOutcome.Failed);
        run.Error.ShouldNotBeNull().ShouldContain("espn: FeedDataException");
        fixture.Espn.Override = null;
    }

    [Fact]
    public async Task Update_WhenEspnHangs_TimesOutEachAttempt_AndFallsBackToTheLastGoodData()
    {
        var t = Tag();
        var soon = DateTime.UtcNow.Date.AddDays(16).AddHours(23);
        fixture.Espn.Serve(new EspnEvent($"6{t}1", $"UFC Test {t}: Slow", soon, "pre", [new EspnBout($"4{t}1", Athlete(t, "a"), Athlete(t, "b"), soon)]));
        await ImportAsync(Window(t));
        var calls = 0;
        fixture.Espn.Override = async context =>
        {
            Interlocked.Increment(ref calls);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        };

        var run = await ImportAsync(Window(t));

        run.Provenance.ShouldBe(FeedProvenance.Cached);
        calls.ShouldBe(3);
        fixture.Espn.Override = null;
    }

    [Fact]
    public async Task Update_WhenSummariesFail_ImportsTheScoreboardsCardWithoutOdds_AndHoldsBackABoutMissingAFighter()
    {
        var t = Tag();
        var soon = DateTime.UtcNow.Date.AddDays(17).AddHours(23);
        var card = new EspnEvent($"6{t}1", $"UFC Test {t}: Partial", soon, "pre",
        [
            new EspnBout($"4{t}1", Athlete(t, "a"), Athlete(t, "b"), soon, Order: 1, HomeMoneyline: -200, AwayMoneyline: 170),
            new EspnBout($"4{t}2", Athlete(t, "c"), Athlete(t, "d"), soon, Order: 2, OmitB: true),
        ]);
        fixture.Espn.Serve(card);
        fixture.Espn.SummaryStatus = 500;

        var run = await ImportAsync(Window(t));

        run.Provenance.ShouldBe(FeedProvenance.Real);
        var bout = await ReadAsync(db => db.Set<Bout>().Include(b => b.Odds).SingleAsync(b => b.ExternalId == $"4{t}1", _ct));
        bout.Odds.ShouldBeEmpty("the scoreboard has no lines");
        (await ReadAsync(db => db.Set<QuarantinedRecord>().SingleAsync(q => q.ExternalId == $"4{t}2", _ct))).Issues.ShouldContain("exactly two competitors");
        fixture.Stub.Calls(EspnFeedFixture.Prefix).Count(c => c.Path.EndsWith("/summary", StringComparison.Ordinal) && c.Query.Contains($"6{t}1", StringComparison.Ordinal))
            .ShouldBe(3, "the summary was retried before the scoreboard's card was used");
    }

    [Fact]
    public async Task Jobs_ReturnAtOnce_WhenNoEventIsLive_OrTheSourceIsNotDue()
    {
        await using var scope = fixture.CreateScope();
        var updates = scope.ServiceProvider.GetRequiredService<FeedUpdates>();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var live = await updates.IsEventLiveAsync(_ct);
        live.ShouldBe(await db.Set<FightEvent>().AnyAsync(e => e.Status == EventStatus.Live || (e.Status == EventStatus.Scheduled && e.StartsAt <= DateTime.UtcNow.AddMinutes(30) && e.StartsAt >= DateTime.UtcNow.AddHours(-8)), _ct));
        if (!live)
        {
            (await updates.UpdateResultsAsync(_ct)).ShouldBeNull();
        }

        // Just imported: not due again for an hour (the source's schedule), unless an administrator presses "Update now".
        fixture.Espn.Serve();
        await updates.ImportAsync(Window(Tag()), _ct);
        (await updates.UpdateUpcomingAsync(_ct)).ShouldBeNull();
    }
}

public sealed class SqliteEspnImportTests(SqliteEspnFeedFixture fixture) : EspnImportTests(fixture), IClassFixture<SqliteEspnFeedFixture>;

public sealed class PostgresEspnImportTests(PostgresEspnFeedFixture fixture) : EspnImportTests(fixture), IClassFixture<PostgresEspnFeedFixture>;
