using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Features.Import;
using Podium.Modules.Fights.Features.Quality;
using Podium.Modules.Fights.Model;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;
using Podium.Tests.Jobs;

namespace Podium.Tests.Fights.Feeds;

/// <summary>Duplicate fighters merged in one transaction: bouts, follows and source ids moved, predictions kept, audited.</summary>
public abstract class FighterMergeTests(EspnFeedFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    internal static async Task<(Fighter Kept, Fighter Removed, Bout Bout, Guid Follower, Guid BothFollower)> ArrangeAsync(AppFixture fixture, CancellationToken ct)
    {
        var follower = (await TestUsers.CreateAsync(fixture.App, $"fan-{Guid.NewGuid():N}@example.org")).User.Id;
        var both = (await TestUsers.CreateAsync(fixture.App, $"fan-{Guid.NewGuid():N}@example.org")).User.Id;
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var now = DateTime.UtcNow;
        var tag = Guid.NewGuid().ToString("N")[..10];
        Fighter Make(string source, string slug) => new()
        {
            Name = $"José Dupli-Cate {tag}", Slug = $"{slug}-{tag}", DateOfBirth = new DateOnly(1993, 4, 5), WeightClass = WeightClass.Welterweight,
            Source = source, Provenance = source == "sample" ? FeedProvenance.Sample : FeedProvenance.Real, CreatedAt = now, UpdatedAt = now, ExternalIds = [new FighterExternalId { Source = source, ExternalId = $"{slug}{tag}" }],
        };
        var kept = Make("sample", "jose");
        kept.CreatedAt = now.AddMinutes(-1);
        var removed = Make("espn", "jose-e");
        removed.Name = $"jose dupli cate {tag}";
        var opponent = Make("espn", "opp");
        opponent.Name = $"Other Person {tag}";
        opponent.DateOfBirth = null;
        var fightEvent = new FightEvent { Name = $"Merge night {tag}", Slug = $"merge-{tag}", Organisation = "UFC", StartsAt = now.AddDays(20), Source = "espn", ExternalId = $"m{tag}", CreatedAt = now, UpdatedAt = now };
        var bout = new Bout { Event = fightEvent, Order = 1, WeightClass = WeightClass.Welterweight, FighterA = opponent, FighterB = removed, Source = "espn", ExternalId = $"mb{tag}", CreatedAt = now, UpdatedAt = now };
        db.AddRange(kept, removed, opponent, fightEvent, bout);
        db.Add(new Favourite { UserId = follower, FighterId = removed.Id, CreatedAt = now });
        db.Add(new Favourite { UserId = both, FighterId = removed.Id, CreatedAt = now });
        db.Add(new Favourite { UserId = both, FighterId = kept.Id, CreatedAt = now });
        db.Add(new BoutPrediction { BoutId = bout.Id, UserId = follower, Winner = Corner.B, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync(ct);
        return (kept, removed, bout, follower, both);
    }

    [Fact]
    public async Task Merge_MovesBoutsFollowsAndIds_KeepsPredictions_DeletesTheOther_AndIsAudited()
    {
        var (kept, removed, bout, follower, both) = await ArrangeAsync(fixture, _ct);
        var actor = (await TestUsers.CreateAsync(fixture.App, $"boss-{Guid.NewGuid():N}@example.org", roles: Roles.Admin)).User.Id;
        await using (var scope = fixture.CreateScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<QualityReport>().LoadAsync(_ct);
            report.Duplicates.ShouldContain(d => d.KeepId == kept.Id && d.RemoveId == removed.Id && d.Reason.Contains("name and date of birth"));
        }

        await using (var scope = fixture.CreateScope())
        {
            var merged = await scope.ServiceProvider.GetRequiredService<FighterMerge>().MergeAsync(kept.Id, removed.Id, actor, _ct);
            merged.Succeeded.ShouldBeTrue();
            merged.Value.ShouldBe(new MergedFighters(kept.Id, removed.Id, Bouts: 1, Favourites: 1, ExternalIds: 1));
        }

        await using var check = fixture.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<Fighter>().AnyAsync(f => f.Id == removed.Id, _ct)).ShouldBeFalse();
        (await db.Set<Bout>().SingleAsync(b => b.Id == bout.Id, _ct)).FighterBId.ShouldBe(kept.Id);
        (await db.Set<Favourite>().Where(f => f.UserId == follower || f.UserId == both).Select(f => new { f.UserId, f.FighterId }).ToListAsync(_ct))
            .ShouldBe([new { UserId = follower, FighterId = kept.Id }, new { UserId = both, FighterId = kept.Id }], ignoreOrder: true);
        (await db.Set<BoutPrediction>().SingleAsync(p => p.BoutId == bout.Id, _ct)).Winner.ShouldBe(Corner.B);
        (await db.Set<FighterExternalId>().Where(x => x.FighterId == kept.Id).CountAsync(_ct)).ShouldBe(2);
        (await db.Set<AuditEvent>().SingleAsync(e => e.Action == "fights.fighters.merged" && e.Target == $"fighter:{kept.Id:N}", _ct)).ActorId.ShouldBe(actor);

        // Merged already: the second press finds nothing to merge and changes nothing.
        var again = await check.ServiceProvider.GetRequiredService<FighterMerge>().MergeAsync(kept.Id, removed.Id, actor, _ct);
        again.Problem.ShouldNotBeNull().Status.ShouldBe(404);
    }

    [Fact]
    public async Task Merge_OfTwoFightersWhoMet_OrOfOneWithItself_IsRefused_AndChangesNothing()
    {
        var (kept, removed, bout, _, _) = await ArrangeAsync(fixture, _ct);
        await using var scope = fixture.CreateScope();
        var merge = scope.ServiceProvider.GetRequiredService<FighterMerge>();

        (await merge.MergeAsync(kept.Id, kept.Id, Guid.NewGuid(), _ct)).Errors.ShouldContainKey("removeId");
        (await merge.MergeAsync(bout.FighterAId, removed.Id, Guid.NewGuid(), _ct)).Problem.ShouldNotBeNull().Status.ShouldBe(409);

        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<Fighter>().CountAsync(f => f.Id == removed.Id || f.Id == bout.FighterAId, _ct)).ShouldBe(2);
        (await db.Set<Bout>().AsNoTracking().SingleAsync(b => b.Id == bout.Id, _ct)).FighterBId.ShouldBe(removed.Id);
    }
}

public sealed class SqliteFighterMergeTests(SqliteEspnFeedFixture fixture) : FighterMergeTests(fixture), IClassFixture<SqliteEspnFeedFixture>;

public sealed class PostgresFighterMergeTests(PostgresEspnFeedFixture fixture) : FighterMergeTests(fixture), IClassFixture<PostgresEspnFeedFixture>;

/// <summary>The Data quality page and the update-now endpoint, with good input and with garbage.</summary>
public sealed class DataQualityPageTests(SqliteEspnFeedFixture fixture) : IClassFixture<SqliteEspnFeedFixture>
{
    private const string Page = "/fights/manage/quality";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_ListsHeldBackRecordsDuplicatesAndRuns_ToAdmins_AndIsClosedToMembers()
    {
        var t = Random.Shared.Next(1_000_000, 9_999_999);
        var soon = DateTime.UtcNow.Date.AddDays(20).AddHours(23);
        fixture.Espn.Serve(new EspnEvent($"9{t}", $"UFC Page {t}", soon, "pre",
            [new EspnBout($"8{t}", new EspnAthlete($"{t}x", "Same Person"), new EspnAthlete($"{t}x", "Same Person"), soon)]));
        await using (var scope = fixture.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<FeedUpdates>().ImportAsync(new MmaScheduleRequest(new DateOnly(2031, 1, 1), new DateOnly(2031, 1, 2)), _ct);
        }

        var (kept, removed, _, _, _) = await FighterMergeTests.ArrangeAsync(fixture, _ct);
        var (admin, _) = await FormSession.SignedInAdminAsync(fixture.App, $"boss-{Guid.NewGuid():N}@example.org");

        var page = await admin.GetPageAsync(Page);

        page.ShouldContain($"data-quarantine=\"bout:8{t}\"");
        page.ShouldContain("two different fighters");
        page.ShouldContain($"data-duplicate=\"{kept.Id}:{removed.Id}\"");
        page.ShouldContain("Update now");
        page.ShouldContain("href=\"/fights/manage/quality\"");

        var merged = await (await admin.SubmitAsync($"{Page}?handler=Merge", new Dictionary<string, string> { ["keep"] = kept.Id.ToString(), ["remove"] = removed.Id.ToString() }, Page))
            .Content.ReadAsStringAsync(_ct);
        merged.ShouldContain("Merged: 1 bout(s)");
        merged.ShouldNotContain($"data-duplicate=\"{kept.Id}:{removed.Id}\"");

        var email = $"member-{Guid.NewGuid():N}@example.org";
        await TestUsers.CreateAsync(fixture.App, email, "Mo Member");
        var member = new FormSession(fixture.App);
        await member.SignInAsync(email, TestUsers.Password);
        (await member.Client.GetAsync(Page, _ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
        (await member.GetPageAsync("/fights")).ShouldNotContain("href=\"/fights/manage/quality\"");
    }

    [Theory]
    [InlineData("Merge", "keep", "not-a-guid")]
    [InlineData("Merge", "remove", "<script>alert(1)</script>")]
    [InlineData("Merge", "keep", "")]
    [InlineData("Update", "source", "../../etc/passwd")]
    [InlineData("Update", "source", "test.scores")]
    public async Task PageActions_WithGarbage_SayWhatIsWrong_AndChangeNothing(string handler, string field, string value)
    {
        var (admin, _) = await FormSession.SignedInAdminAsync(fixture.App, $"boss-{Guid.NewGuid():N}@example.org");
        var fighters = await Count<Fighter>();

        var response = await admin.SubmitAsync($"{Page}?handler={handler}", new Dictionary<string, string> { [field] = value }, Page);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync(_ct);
        page.ShouldContain("alert-danger");
        page.ShouldNotContain("<script>alert(1)</script>");
        (await Count<Fighter>()).ShouldBe(fighters);
    }

    [Fact]
    public async Task UpdateNowEndpoint_ForAdmins_FiresTheFeedsUpdateJob_OthersAndUnknownFeedsAreRefused()
    {
        var admin = await TokenAsync(admin: true);
        var member = await TokenAsync(admin: false);
        fixture.Espn.Serve();

        var accepted = await admin.PostAsync("/api/v1/fights/feeds/espn/update", null, _ct);

        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await accepted.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("status").GetString().ShouldBe("started");
        (await fixture.App.WaitForRunsAsync(UpcomingEventsJob.Key, 1)).ShouldNotBeEmpty();
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            (await db.Set<AuditEvent>().CountAsync(e => e.Action == "admin.feed-update-now" && e.Target == "espn", _ct)).ShouldBeGreaterThanOrEqualTo(1);
        }

        foreach (var source in new[] { "test.scores", "ESPN", "%00", "sample", new string('x', 300) })
        {
            var unknown = await admin.PostAsync($"/api/v1/fights/feeds/{Uri.EscapeDataString(source)}/update", null, _ct);
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound, source);
            unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        (await member.PostAsync("/api/v1/fights/feeds/espn/update", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.CreateClient().PostAsync("/api/v1/fights/feeds/espn/update", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SampleProvider_ImportsTheBundledSet_LabelledSample_AndAgainChangesNothing()
    {
        await using var scope = fixture.CreateScope();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var data = await new SampleProvider(TimeProvider.System).FetchAsync(new MmaScheduleRequest(today.AddYears(-1), today.AddYears(1)), null!, _ct);
        data.Events.Count.ShouldBe(40);
        data.Events.Count(e => e.StartsAt > DateTime.UtcNow).ShouldBeGreaterThanOrEqualTo(6);
        var importer = scope.ServiceProvider.GetRequiredService<FeedImporter>();

        var first = new FeedRunProgress(0, "sample", DateTime.UtcNow);
        await importer.ImportAsync("sample", FeedProvenance.Sample, data, first, _ct);
        var second = new FeedRunProgress(0, "sample", DateTime.UtcNow);
        await importer.ImportAsync("sample", FeedProvenance.Sample, data, second, _ct);

        first.Rejected.ShouldBe(0);
        first.Inserted.ShouldBeGreaterThan(200 + 40 + 480);
        (second.Inserted, second.Updated, second.Rejected).ShouldBe((0, 0, 0));
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<Fighter>().CountAsync(f => f.Source == "sample", _ct)).ShouldBeGreaterThanOrEqualTo(200);
        (await db.Set<Fighter>().AnyAsync(f => f.Source == "sample" && f.Provenance != FeedProvenance.Sample, _ct)).ShouldBeFalse();
        (await db.Set<Bout>().CountAsync(b => b.Source == "sample" && b.Outcome != null, _ct)).ShouldBe(32 * 12);
    }

    private async Task<int> Count<T>()
        where T : class
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<T>().CountAsync(_ct);
    }

    private async Task<HttpClient> TokenAsync(bool admin)
    {
        var email = $"api-{Guid.NewGuid():N}@example.org";
        var created = admin
            ? await TestUsers.CreateAsync(fixture.App, email, "Api Admin", twoFactor: true, TestUsers.Password, Roles.Admin)
            : await TestUsers.CreateAsync(fixture.App, email, "Api Member");
        var client = fixture.CreateClient();
        var code = created.AuthenticatorKey is { } key ? new Totp(Base32Encoding.ToBytes(key)).ComputeTotp() : null;
        var issued = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = TestUsers.Password, code }, _ct);
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>The circuit: after three failed calls ESPN is not called at all, and the last good data is served.</summary>
public sealed class EspnBreakerTests(BreakerEspnFeedFixture fixture) : IClassFixture<BreakerEspnFeedFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fetch_WhenEspnKeepsFailing_OpensTheCircuit_StopsCallingIt_AndServesTheLastGoodData()
    {
        var soon = DateTime.UtcNow.Date.AddDays(9).AddHours(23);
        fixture.Espn.Serve(new EspnEvent("7001", "UFC Breaker", soon, "pre", [new EspnBout("7002", new EspnAthlete("7a", "Brea Ker"), new EspnAthlete("7b", "Cir Cuit"), soon)]));
        var chain = fixture.App.Services.GetRequiredService<IFeedChain<MmaScheduleRequest, MmaSchedule>>();
        var request = new MmaScheduleRequest(new DateOnly(2032, 1, 1), new DateOnly(2032, 1, 1));
        (await chain.FetchAsync(request, _ct)).Provenance.ShouldBe(FeedProvenance.Real);
        fixture.Espn.Override = context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        };

        FeedResult<MmaSchedule>? result = null;
        for (var i = 0; i < 5 && !(result?.Failures.Any(f => f.Reason.Contains("BrokenCircuit", StringComparison.Ordinal)) ?? false); i++)
        {
            result = await chain.FetchAsync(request, _ct);
            result.Provenance.ShouldBe(FeedProvenance.Cached);
        }

        result!.Failures.ShouldContain(f => f.SourceKey == "espn" && f.Reason.Contains("BrokenCircuit", StringComparison.Ordinal));
        var reached = fixture.Stub.Calls(EspnFeedFixture.Prefix).Count;
        var open = await chain.FetchAsync(request, _ct);
        open.Provenance.ShouldBe(FeedProvenance.Cached);
        open.Data!.Events.ShouldHaveSingleItem().ExternalId.ShouldBe("7001");
        fixture.Stub.Calls(EspnFeedFixture.Prefix).Count.ShouldBe(reached, "an open circuit sends nothing");
    }
}
