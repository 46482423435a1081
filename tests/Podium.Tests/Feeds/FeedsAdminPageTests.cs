using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Tests.Infrastructure;
using Podium.Tests.Jobs;

namespace Podium.Tests.Feeds;

/// <summary><c>/admin/feeds</c>: sources, their settings (the key write-only), recent runs and "Update now".</summary>
public sealed class FeedsAdminPageTests(SqliteFeedFixture fixture) : IClassFixture<SqliteFeedFixture>
{
    private const string Page = "/admin/feeds";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private Task<(FormSession Session, Podium.Platform.Identity.PodiumUser User)> AdminAsync() =>
        FormSession.SignedInAdminAsync(fixture.App, $"boss-{Guid.NewGuid():N}@example.org");

    [Fact]
    public async Task FeedsPage_ListsEverySourceWithItsRunsAndWhetherAKeyIsSet_NeverTheKey_AndIsLinkedFromAdmin()
    {
        var (admin, _) = await AdminAsync();
        await fixture.App.Services.GetRequiredService<IFeedRuns>().RunAsync(FeedFixture.Sample, (run, _) =>
        {
            run.Read = 31;
            run.Rejected = 4;
            return Task.CompletedTask;
        }, _ct);

        var page = await admin.GetPageAsync(Page);

        page.ShouldContain($"data-source=\"{FeedFixture.Scores}\"");
        page.ShouldContain($"data-source=\"{FeedFixture.KeyedQuery}\"");
        page.ShouldContain("API key: set (required)");
        page.ShouldContain("API key: not set (required)");
        page.ShouldContain("<td>31</td>");
        page.ShouldContain("sample data");
        page.ShouldNotContain(FeedFixture.QueryKey);
        page.ShouldNotContain(FeedFixture.HeaderKey);
        (await admin.GetPageAsync("/admin")).ShouldContain("href=\"/admin/feeds\"");
    }

    [Fact]
    public async Task Save_StoresTheKeyEncrypted_ShowsOnlyThatItIsSet_AndIsAuditedWithoutIt()
    {
        const string secret = "page-key-8c2e4f7a19";
        var (admin, boss) = await AdminAsync();

        var response = await admin.SubmitAsync($"{Page}?handler=Save", Form(FeedFixture.Keyless, apiKey: secret, schedule: "00:30:00"), Page);

        var page = await response.Content.ReadAsStringAsync(_ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.ShouldContain("are saved");
        page.ShouldNotContain(secret);
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var row = await db.Set<FeedSourceSetting>().AsNoTracking().SingleAsync(s => s.SourceKey == FeedFixture.Keyless, _ct);
        row.ProtectedApiKey.ShouldNotBeNull().ShouldNotContain(secret);
        row.Schedule.ShouldBe("00:30:00");
        var audit = await db.Set<AuditEvent>().AsNoTracking().Where(e => e.ActorId == boss.Id && e.Action.StartsWith("admin.feed-")).ToListAsync(_ct);
        audit.ShouldHaveSingleItem().Action.ShouldBe("admin.feed-settings-changed");
        audit[0].Target.ShouldBe(FeedFixture.Keyless);
        (audit[0].Details ?? "").ShouldNotContain(secret);

        var cleared = await (await admin.SubmitAsync($"{Page}?handler=Save", Form(FeedFixture.Keyless, clear: true), Page)).Content.ReadAsStringAsync(_ct);
        cleared.ShouldContain("are saved");
        (await db.Set<FeedSourceSetting>().AsNoTracking().SingleAsync(s => s.SourceKey == FeedFixture.Keyless, _ct)).ProtectedApiKey.ShouldBeNull();
    }

    [Theory]
    [InlineData("ftp://files.test/", "00:10:00", "Enter an absolute http:// or https:// address")]
    [InlineData("https://ok.test/", "every day", "Enter an interval such as 00:15:00")]
    [InlineData("<script>alert(1)</script>", "00:00:01", "Enter an absolute http:// or https:// address")]
    public async Task Save_WithBadInput_SaysWhichFieldAndChangesNothing(string url, string schedule, string message)
    {
        var (admin, boss) = await AdminAsync();

        var response = await admin.SubmitAsync($"{Page}?handler=Save", Form(FeedFixture.Retries, url: url, schedule: schedule), Page);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync(_ct);
        page.ShouldContain(message);
        page.ShouldNotContain("<script>alert(1)</script>");
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<FeedSourceSetting>().AnyAsync(s => s.SourceKey == FeedFixture.Retries, _ct)).ShouldBeFalse();
        (await db.Set<AuditEvent>().AnyAsync(e => e.ActorId == boss.Id && e.Action.StartsWith("admin.feed-"), _ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task Actions_ForAnUnknownSource_SayThereIsNoSuchSource()
    {
        var (admin, boss) = await AdminAsync();

        foreach (var garbage in new[] { "no.such", "<b>x</b>", "", new string('x', 5000) })
        {
            foreach (var handler in new[] { "Save", "Update" })
            {
                var response = await admin.SubmitAsync($"{Page}?handler={handler}", Form(garbage), Page);

                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("There is no feed source named");
            }
        }

        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>().AnyAsync(e => e.ActorId == boss.Id && e.Action.StartsWith("admin.feed-"), _ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task UpdateNow_RunsTheSourcesUpdateJob_MakesItDue_AndIsAudited()
    {
        var (admin, boss) = await AdminAsync();
        fixture.App.Script().Set(FeedFixture.UpdateJob, _ => 7);

        var page = await (await admin.SubmitAsync($"{Page}?handler=Update", Form(FeedFixture.Scores), Page)).Content.ReadAsStringAsync(_ct);

        page.ShouldContain("An update of");
        (await fixture.App.WaitForRunsAsync(FeedFixture.UpdateJob, 1)).Single().ItemsProcessed.ShouldBe(7);
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<AuditEvent>().Where(e => e.ActorId == boss.Id && e.Action.StartsWith("admin.feed-")).Select(e => e.Action).ToListAsync(_ct)).ShouldBe(["admin.feed-update-now"]);
        (await db.Set<FeedSourceSetting>().AsNoTracking().SingleAsync(s => s.SourceKey == FeedFixture.Scores, _ct)).UpdateRequestedAt.ShouldNotBeNull();

        // A source no module gave an update job has no button, and the handler says so.
        (await (await admin.SubmitAsync($"{Page}?handler=Update", Form(FeedFixture.Backup), Page)).Content.ReadAsStringAsync(_ct)).ShouldContain("has no update job");
    }

    [Fact]
    public async Task Actions_WithoutTheAntiforgeryToken_AreRefused_AndTheMembersPageIsClosed()
    {
        var (admin, _) = await AdminAsync();

        (await admin.Client.PostAsync($"{Page}?handler=Save", new FormUrlEncodedContent(Form(FeedFixture.Timeouts, url: "https://elsewhere.test/")), _ct))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var email = $"member-{Guid.NewGuid():N}@example.org";
        await TestUsers.CreateAsync(fixture.App, email, "Mo Member");
        var member = new FormSession(fixture.App);
        await member.SignInAsync(email, TestUsers.Password);
        (await member.Client.GetAsync(Page, _ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
        await using var scope = fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<FeedSourceSetting>().AnyAsync(s => s.SourceKey == FeedFixture.Timeouts, _ct)).ShouldBeFalse();
    }

    private static Dictionary<string, string> Form(string source, string url = "", string? apiKey = null, bool clear = false, string schedule = "", bool enabled = true) => new()
    {
        ["source"] = source,
        ["Input.BaseUrl"] = url,
        ["Input.ApiKey"] = apiKey ?? "",
        ["Input.ClearApiKey"] = clear ? "true" : "false",
        ["Input.Enabled"] = enabled ? "true" : "false",
        ["Input.Schedule"] = schedule,
    };
}
