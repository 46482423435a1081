using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Admin;

public sealed class AdminPagesTests : IAsyncLifetime
{
    private const string Password = "marble kettle orbit lantern";
    private PodiumAppFactory _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<PodiumUser> CreateUserAsync(string email, string name, bool twoFactor = false, params string[] roles) =>
        (await TestUsers.CreateAsync(_app, email, name, twoFactor, Password, roles)).User;

    private Task<(FormSession Session, PodiumUser Admin)> AdminAsync() => FormSession.SignedInAdminAsync(_app, "boss@example.org");

    [Fact]
    public async Task AdminPages_AreClosedToAnonymousMembersAndAdminsWithoutASecondFactor()
    {
        (await new FormSession(_app).Client.GetAsync("/admin", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await CreateUserAsync("member@example.org", "Mo Member");
        var member = new FormSession(_app);
        await member.SignInAsync("member@example.org", Password);
        (await member.Client.GetAsync("/admin/users", Ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");

        await CreateUserAsync("admin-no-2fa@example.org", "Al Admin", twoFactor: false, Roles.Admin);
        var weakAdmin = new FormSession(_app);
        await weakAdmin.SignInAsync("admin-no-2fa@example.org", Password);
        var denied = await weakAdmin.Client.GetAsync("/admin/audit", Ct);
        denied.Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
        var explanation = await weakAdmin.Client.GetAsync("/account/access-denied", Ct);
        explanation.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await explanation.Content.ReadAsStringAsync(Ct)).ShouldContain("two-factor");
    }

    [Fact]
    public async Task Users_SearchFindsByNameOrAddressAndPagesSafely()
    {
        var (admin, _) = await AdminAsync();
        await CreateUserAsync("casey@example.org", "Casey Rivers");
        await CreateUserAsync("jo@example.org", "Jo Banks");

        var found = await admin.GetPageAsync("/admin/users?q=rivers");
        found.ShouldContain("Casey Rivers");
        found.ShouldNotContain("Jo Banks");
        (await admin.GetPageAsync("/admin/users?q=JO%40EXAMPLE")).ShouldContain("Jo Banks");
        (await admin.GetPageAsync("/admin/users?page=-5&q=%27%3B--")).ShouldContain("0 account(s)");
        (await admin.Client.GetAsync($"/admin/users/{Guid.NewGuid()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lock_SignsTheUserOutAndKeepsThemOutUntilUnlocked()
    {
        var (admin, boss) = await AdminAsync();
        var casey = await CreateUserAsync("casey@example.org", "Casey Rivers");
        var caseySession = new FormSession(_app);
        await caseySession.SignInAsync("casey@example.org", Password);
        var page = $"/admin/users/{casey.Id}";

        (await (await admin.SubmitAsync($"{page}?handler=Lock", new Dictionary<string, string>(), page)).Content.ReadAsStringAsync(Ct)).ShouldContain("The account is locked");

        (await caseySession.Client.GetAsync("/account/manage", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await new FormSession(_app).SignInAsync("casey@example.org", Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await admin.SubmitAsync($"{page}?handler=Unlock", new Dictionary<string, string>(), page);
        (await new FormSession(_app).SignInAsync("casey@example.org", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var scope = _app.Services.CreateAsyncScope();
        var trail = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>()
            .Where(e => e.ActorId == boss.Id && e.Target == casey.Id.ToString()).Select(e => e.Action).ToListAsync(Ct);
        trail.ShouldBe(["admin.user-lock", "admin.user-unlock"], ignoreOrder: true);
    }

    [Fact]
    public async Task Roles_AreSetExactlyButAnAdminCannotDropTheirOwn()
    {
        var (admin, boss) = await AdminAsync();
        var casey = await CreateUserAsync("casey@example.org", "Casey Rivers");
        var page = $"/admin/users/{casey.Id}";

        var saved = await admin.SubmitAsync($"{page}?handler=Roles",
            new Dictionary<string, string> { ["Roles"] = Roles.Organizer, ["Roles[1]"] = "Emperor" }, page);
        (await saved.Content.ReadAsStringAsync(Ct)).ShouldContain("Roles saved.");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
            (await users.GetRolesAsync((await users.FindByIdAsync(casey.Id.ToString()))!)).ShouldBe([Roles.Organizer]);
        }

        var own = $"/admin/users/{boss.Id}";
        var refused = await admin.SubmitAsync($"{own}?handler=Roles", new Dictionary<string, string> { ["Roles"] = Roles.Member }, own);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("You cannot remove your own administrator role.");
    }

    [Fact]
    public async Task RequireReset_VoidsTheOldPasswordAndMailsALink()
    {
        var (admin, _) = await AdminAsync();
        var casey = await CreateUserAsync("casey@example.org", "Casey Rivers");
        var page = $"/admin/users/{casey.Id}";

        await admin.SubmitAsync($"{page}?handler=RequireReset", new Dictionary<string, string>(), page);

        (await new FormSession(_app).SignInAsync("casey@example.org", Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await new Mailbox(_app.MailDirectory).WaitForAsync("casey@example.org", "Reset your");
    }

    [Fact]
    public async Task AuditPage_FiltersByActionAndIgnoresGarbage()
    {
        var (admin, _) = await AdminAsync();
        await new FormSession(_app).SignInAsync("nobody@example.org", Password);

        var failures = await admin.GetPageAsync("/admin/audit?action=account.sign-in&outcome=failure");
        failures.ShouldContain("account.sign-in");
        failures.ShouldContain("unknown e-mail");
        failures.ShouldNotContain("account.sign-in-second-factor");
        (await admin.Client.GetAsync("/admin/audit?from=not-a-date&page=abc&outcome=%3Cscript%3E", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AuditPage_NextPageLink_ShowsTheOlderEvents()
    {
        var (admin, _) = await AdminAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            for (var i = 0; i <= Podium.Platform.Admin.AuditQuery.PageSize; i++)
            {
                await audit.RecordAsync("test.paging", "success", null, $"row-{i:D3}", cancellationToken: Ct);
            }
        }

        var first = await admin.GetPageAsync("/admin/audit?action=test.paging");
        first.ShouldContain("row-050");
        first.ShouldNotContain("row-000");
        // "page" is the route value Razor Pages keeps the page's own path in, so the pager must not use it.
        var next = System.Text.RegularExpressions.Regex.Match(first, "href=\"([^\"]*)\">Next<").Groups[1].Value;
        var second = await admin.GetPageAsync(System.Net.WebUtility.HtmlDecode(next));
        second.ShouldContain("row-000");
        second.ShouldNotContain("row-050");
    }

    [Fact]
    public async Task AdminOnARememberedDevice_KeepsAccessWithoutANewCode()
    {
        var (admin, key) = await TestUsers.CreateAsync(_app, "boss@example.org", "Pat Boss", twoFactor: true, Password, Roles.Admin);

        var session = new FormSession(_app);
        await session.SignInAsync(admin.Email!, Password);
        await session.SubmitAsync("/account/sign-in-2fa", new Dictionary<string, string>
        {
            ["Code"] = new Totp(Base32Encoding.ToBytes(key!)).ComputeTotp(),
            ["RememberDevice"] = "true",
        });
        await session.SubmitAsync("/account/sign-out", new Dictionary<string, string>());

        (await session.SignInAsync(admin.Email!, Password)).Headers.Location!.OriginalString.ShouldBe("/");

        (await session.Client.GetAsync("/admin", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
