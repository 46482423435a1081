using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Email;
using Podium.Platform.Outbox;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Outbox;

public abstract class OutboxAdminPageTests(OutboxFixture fixture) : IAsyncLifetime
{
    private const string Page = "/admin/outbox";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private PodiumAppFactory App => fixture.App;

    private DateTime Now => fixture.Clock.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync() => await App.ClearAsync();

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private Task<(FormSession Session, Platform.Identity.PodiumUser Admin)> AdminAsync() =>
        FormSession.SignedInAdminAsync(App, $"boss-{Guid.NewGuid():N}@example.org");

    private async Task<OutboxMessage> ParkAsync(string type, string payload, string error = "SmtpCommandException: mailbox unavailable")
    {
        var row = new OutboxMessage
        {
            Type = type,
            Payload = payload,
            CreatedAt = Now.AddHours(-1),
            AvailableAt = Now.AddMinutes(-1),
            Attempts = 10,
            LastError = error,
            ParkedAt = Now.AddMinutes(-1),
        };
        await App.AddRowAsync(row);
        return row;
    }

    private Task<HttpResponseMessage> PostAsync(FormSession admin, string handler, Dictionary<string, string>? fields = null) =>
        admin.SubmitAsync($"{Page}?handler={handler}", fields ?? [], Page);

    private async Task<List<string>> AuditActionsAsync(Guid adminId)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>()
            .Where(e => e.ActorId == adminId).Select(e => e.Action).ToListAsync(_ct);
    }

    [Fact]
    public async Task OutboxPage_ListsParkedMessagesButNeverAnEmailsPayload()
    {
        var (admin, _) = await AdminAsync();
        await App.EnqueueAsync("waiting");
        var mail = new EmailMessage("casey@example.org", "Casey", "Reset your password", "https://podium.example/reset?code=SECRET-RESET-CODE", "<p>SECRET-RESET-CODE</p>");
        await ParkAsync("email.send", System.Text.Json.JsonSerializer.Serialize(mail, OutboxTypes.Json));
        await ParkAsync(OutboxTestApps.PingType, System.Text.Json.JsonSerializer.Serialize(new TestPing(Guid.NewGuid(), "visible note", "SECRET-API-TOKEN"), OutboxTypes.Json), "InvalidOperationException: boom");

        var page = await admin.GetPageAsync(Page);

        page.ShouldContain("data-testid=\"backlog\">1<");
        page.ShouldContain("data-testid=\"parked\">2<");
        page.ShouldContain("email.send");
        page.ShouldContain("SmtpCommandException: mailbox unavailable");
        page.ShouldContain("visible note");
        page.ShouldNotContain("SECRET-RESET-CODE");
        page.ShouldNotContain("casey@example.org");
        page.ShouldNotContain("SECRET-API-TOKEN");
        (await admin.GetPageAsync("/admin")).ShouldContain("href=\"/admin/outbox\"");
    }

    [Fact]
    public async Task Retry_WhenTheMessageIsParked_MakesItDueWithFreshAttemptsAndIsAudited()
    {
        var (admin, boss) = await AdminAsync();
        var parked = await ParkAsync(OutboxTestApps.PingType, System.Text.Json.JsonSerializer.Serialize(new TestPing(Guid.NewGuid(), "again"), OutboxTypes.Json));
        var other = await ParkAsync(OutboxTestApps.PingType, System.Text.Json.JsonSerializer.Serialize(new TestPing(Guid.NewGuid(), "stays"), OutboxTypes.Json));

        var response = await PostAsync(admin, "Retry", new() { ["id"] = parked.Id.ToString() });

        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("The message will be sent again shortly.");
        var rows = await App.RowsAsync();
        var retried = rows.Single(m => m.Id == parked.Id);
        retried.ParkedAt.ShouldBeNull();
        retried.Attempts.ShouldBe(0);
        retried.AvailableAt.ShouldBeLessThanOrEqualTo(Now);
        rows.Single(m => m.Id == other.Id).ParkedAt.ShouldNotBeNull();
        (await AuditActionsAsync(boss.Id)).ShouldContain("admin.outbox-retry");
    }

    [Fact]
    public async Task RetryAll_MakesEveryParkedMessageDueAndIsAudited()
    {
        var (admin, boss) = await AdminAsync();
        for (var i = 0; i < 3; i++)
        {
            await ParkAsync(OutboxTestApps.PingType, System.Text.Json.JsonSerializer.Serialize(new TestPing(Guid.NewGuid(), $"n{i}"), OutboxTypes.Json));
        }

        var response = await PostAsync(admin, "RetryAll");

        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("3 message(s) will be sent again shortly.");
        (await App.RowsAsync()).ShouldAllBe(m => m.ParkedAt == null && m.Attempts == 0);
        (await AuditActionsAsync(boss.Id)).ShouldContain("admin.outbox-retry-all");
        (await (await PostAsync(admin, "RetryAll")).Content.ReadAsStringAsync(_ct)).ShouldContain("There were no parked messages.");
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("not-a-guid")]
    [InlineData("")]
    [InlineData("'; DELETE FROM platform_outbox; --")]
    public async Task Retry_WhenTheIdIsUnknownOrGarbage_SaysSoAndChangesNothing(string kind)
    {
        var (admin, boss) = await AdminAsync();
        await ParkAsync(OutboxTestApps.PingType, "{}");
        var id = kind == "unknown" ? Guid.NewGuid().ToString() : kind;

        var response = await PostAsync(admin, "Retry", new() { ["id"] = id });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("No parked message has that id");
        (await App.RowsAsync()).ShouldHaveSingleItem().ParkedAt.ShouldNotBeNull();
        (await AuditActionsAsync(boss.Id)).ShouldNotContain("admin.outbox-retry");
    }

    [Fact]
    public async Task Retry_WithoutTheAntiforgeryToken_IsRejected()
    {
        var (admin, _) = await AdminAsync();
        var parked = await ParkAsync(OutboxTestApps.PingType, "{}");

        var response = await admin.Client.PostAsync($"{Page}?handler=Retry",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = parked.Id.ToString() }), _ct);
        var all = await admin.Client.PostAsync($"{Page}?handler=RetryAll", new FormUrlEncodedContent([]), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        all.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await App.RowsAsync()).ShouldHaveSingleItem().ParkedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task OutboxPage_IsClosedToMembers()
    {
        var member = await TestUsers.CreateAsync(App, $"member-{Guid.NewGuid():N}@example.org", "Mo Member");
        var session = new FormSession(App);
        await session.SignInAsync(member.User.Email!, TestUsers.Password);

        (await session.Client.GetAsync(Page, _ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
    }
}

public sealed class OutboxAdminPageTests_Sqlite(SqliteOutboxFixture fixture) : OutboxAdminPageTests(fixture), IClassFixture<SqliteOutboxFixture>;

public sealed class OutboxAdminPageTests_Postgres(PostgresOutboxFixture fixture) : OutboxAdminPageTests(fixture), IClassFixture<PostgresOutboxFixture>;
