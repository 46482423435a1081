using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Jobs;
using Podium.Tests.Infrastructure;
using Quartz;

namespace Podium.Tests.Jobs;

public sealed class JobsAdminPageTests : IAsyncLifetime
{
    private const string Page = "/admin/jobs";
    private PodiumAppFactory _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite)).WithScriptedJobs("test-admin");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task JobsPage_ListsEveryJobWithScheduleStateAndNextRunInUtc()
    {
        var (admin, _) = await FormSession.SignedInAdminAsync(_app, "boss@example.org");

        var page = await admin.GetPageAsync(Page);

        page.ShouldContain($"data-job=\"{PurgeExpiredDataJob.Key}\"");
        page.ShouldContain("daily at 03:30 UTC");
        page.ShouldContain("data-job=\"test-admin\"");
        page.ShouldContain(">normal<");
        page.ShouldMatch("<time datetime=\"\\d{4}-\\d\\d-\\d\\dT03:30:00Z\">");
        (await admin.GetPageAsync("/admin")).ShouldContain("href=\"/admin/jobs\"");
    }

    [Fact]
    public async Task PauseAndResume_ChangeTheTriggerStateAndAreAudited()
    {
        var (admin, boss) = await FormSession.SignedInAdminAsync(_app, "boss@example.org");
        var trigger = new TriggerKey("test-admin", JobsExtensions.JobGroup);
        var scheduler = await _app.SchedulerAsync();

        var paused = await (await admin.SubmitAsync($"{Page}?handler=Pause", new Dictionary<string, string> { ["job"] = "test-admin" }, Page)).Content.ReadAsStringAsync(Ct);
        paused.ShouldContain("Job &#x27;test-admin&#x27; is paused");
        (await scheduler.GetTriggerState(trigger, Ct)).ShouldBe(TriggerState.Paused);
        paused.ShouldContain(">paused<");

        (await (await admin.SubmitAsync($"{Page}?handler=Resume", new Dictionary<string, string> { ["job"] = "test-admin" }, Page)).Content.ReadAsStringAsync(Ct))
            .ShouldContain("is resumed");
        (await scheduler.GetTriggerState(trigger, Ct)).ShouldBe(TriggerState.Normal);

        (await AuditAsync(boss.Id)).ShouldBe(["admin.job-pause", "admin.job-resume"]);
    }

    [Fact]
    public async Task RunNow_RunsTheJobOnceAndShowsTheRunInTheHistory()
    {
        var (admin, boss) = await FormSession.SignedInAdminAsync(_app, "boss@example.org");
        _app.Script().Set("test-admin", _ => 42);

        var response = await admin.SubmitAsync($"{Page}?handler=Run", new Dictionary<string, string> { ["job"] = "test-admin" }, Page);

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("has been started");
        var run = (await _app.WaitForRunsAsync("test-admin", 1)).Single();
        run.ItemsProcessed.ShouldBe(42);
        var history = await admin.GetPageAsync($"{Page}?history=test-admin");
        history.ShouldContain("1 run(s).");
        history.ShouldContain("<td>42</td>");
        (await AuditAsync(boss.Id)).ShouldBe(["admin.job-run-now"]);
    }

    [Theory]
    [InlineData("Run")]
    [InlineData("Pause")]
    [InlineData("Resume")]
    public async Task Actions_WhenTheJobIsUnknown_SayThereIsNoSuchJobAndChangeNothing(string handler)
    {
        var (admin, boss) = await FormSession.SignedInAdminAsync(_app, "boss@example.org");

        foreach (var garbage in new[] { "no-such-job", "<script>alert(1)</script>", "", "podium.purge-expired-data", new string('x', 5000) })
        {
            var response = await admin.SubmitAsync($"{Page}?handler={handler}", new Dictionary<string, string> { ["job"] = garbage }, Page);

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = await response.Content.ReadAsStringAsync(Ct);
            page.ShouldContain("There is no job named");
            page.ShouldNotContain("<script>alert(1)</script>");
        }

        (await AuditAsync(boss.Id)).ShouldBeEmpty();
        // Modules schedule jobs of their own (every minute); none of this page's jobs may have run.
        (await _app.RunsAsync("test-admin")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Actions_WithoutTheAntiforgeryToken_AreRefused()
    {
        var (admin, boss) = await FormSession.SignedInAdminAsync(_app, "boss@example.org");

        var response = await admin.Client.PostAsync($"{Page}?handler=Pause", new FormUrlEncodedContent(new Dictionary<string, string> { ["job"] = "test-admin" }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await _app.SchedulerAsync()).GetTriggerState(new TriggerKey("test-admin", JobsExtensions.JobGroup), Ct)).ShouldBe(TriggerState.Normal);
        (await AuditAsync(boss.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task JobsPage_IsClosedToMembers()
    {
        await TestUsers.CreateAsync(_app, "member@example.org", "Mo Member");
        var member = new FormSession(_app);
        await member.SignInAsync("member@example.org", TestUsers.Password);

        (await member.Client.GetAsync(Page, Ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
        (await member.Client.PostAsync($"{Page}?handler=Run", new FormUrlEncodedContent(new Dictionary<string, string> { ["job"] = "test-admin" }), Ct))
            .StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await _app.RunsAsync("test-admin")).ShouldBeEmpty();
    }

    [Fact]
    public async Task History_WhenPageOrFilterIsGarbage_StillRenders()
    {
        var (admin, _) = await FormSession.SignedInAdminAsync(_app, "boss@example.org");

        (await admin.Client.GetAsync($"{Page}?page=-3&history=%27%3B--", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.Client.GetAsync($"{Page}?page=abc&history={new string('y', 3000)}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<List<string>> AuditAsync(Guid adminId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>()
            .Where(e => e.ActorId == adminId && e.Action.StartsWith("admin.job-")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct);
    }
}
