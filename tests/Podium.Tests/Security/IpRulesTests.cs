using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security;

/// <summary>The IP rules through the admin page and as visitors meet them, on both databases.</summary>
public abstract class IpRulesTests(AppFixture fixture) : IAsyncLifetime
{
    private const string Page = "/admin/ip-rules";
    private static readonly string AdminAddress = TestPeerAddress.Default.ToString();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PodiumAppFactory App => fixture.App;

    /// <summary>Every test starts without rules (the app, and so the rule table, is shared by the class).</summary>
    public async ValueTask InitializeAsync()
    {
        await using var scope = fixture.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<IpRule>().ExecuteDeleteAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<IpRuleCache>().InvalidateAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private Task<(FormSession Session, Podium.Platform.Identity.PodiumUser Admin)> AdminAsync() =>
        FormSession.SignedInAdminAsync(App, $"boss-{Guid.NewGuid():N}@example.org");

    private static Task<HttpResponseMessage> AddAsync(FormSession admin, string scope, string kind, string network, string note = "") =>
        admin.SubmitAsync($"{Page}?handler=Add", new Dictionary<string, string>
        {
            ["Input.Scope"] = scope,
            ["Input.Kind"] = kind,
            ["Input.Network"] = network,
            ["Input.Note"] = note,
        }, Page);

    private async Task<List<IpRule>> RulesAsync()
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<IpRule>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(Ct);
    }

    private async Task<List<AuditEvent>> AuditAsync(string action)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    private Task<HttpResponseMessage> GetFromAsync(string address, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(TestPeerAddress.Header, address);
        return App.CreateClientWithoutRedirects().SendAsync(request, Ct);
    }

    [Theory]
    [InlineData("site", "deny", "10.1.2.3/8", "", "10.0.0.0/8")]
    [InlineData("site", "deny", "not an address", "", "is not an IP address")]
    [InlineData("site", "deny", "", "", "Enter an address")]
    [InlineData("site", "deny", "2001:db8::/200", "", "prefix length")]
    [InlineData("everywhere", "deny", "10.0.0.0/8", "", "Choose where the rule applies")]
    [InlineData("site", "maybe", "10.0.0.0/8", "", "Choose whether the rule allows or denies")]
    [InlineData("site", "deny", "10.0.0.0/8", "Notes are for why a rule exists. This one goes on and on about the network, who asked for the rule, when, in which ticket, what the address belonged to and why, until it is longer than anyone would read.", "Keep the note to 200 characters")]
    public async Task Add_WithGarbage_SaysWhatIsWrongAndSavesNothing(string scope, string kind, string network, string note, string message)
    {
        var (admin, _) = await AdminAsync();
        var audited = (await AuditAsync("admin.ip-rule-added")).Count;

        var response = await AddAsync(admin, scope, kind, network, note);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)).ShouldContain(message);
        (await RulesAsync()).ShouldBeEmpty();
        (await AuditAsync("admin.ip-rule-added")).Count.ShouldBe(audited);
    }

    [Fact]
    public async Task SiteDeny_RefusesTheRangeEverywhereButTheProbes_ApiWithProblemDetailsPeopleWithAPage()
    {
        var (admin, boss) = await AdminAsync();
        using var blocked = new MetricRecorder(App.Services, "Podium.Security");

        var saved = await AddAsync(admin, "site", "deny", " 198.51.100.0/24 ", "Scraper farm");

        var page = await saved.Content.ReadAsStringAsync(Ct);
        page.ShouldContain("The rule is saved");
        page.ShouldContain("198.51.100.0/24");
        page.ShouldContain("Scraper farm");
        var rule = (await RulesAsync()).ShouldHaveSingleItem();
        (rule.Scope, rule.Kind, rule.Network, rule.Note, rule.CreatedBy).ShouldBe(("site", "deny", "198.51.100.0/24", "Scraper farm", (Guid?)boss.Id));
        var added = (await AuditAsync("admin.ip-rule-added")).Where(e => e.ActorId == boss.Id).ShouldHaveSingleItem();
        added.ActorId.ShouldBe(boss.Id);
        added.IpAddress.ShouldBe(AdminAddress);
        added.Details!.ShouldContain("198.51.100.0/24");

        var api = await GetFromAsync("198.51.100.7", "/api/v1/platform/info");
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using (var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct)))
        {
            problem.RootElement.GetProperty("status").GetInt32().ShouldBe(403);
            problem.RootElement.GetProperty("detail").GetString()!.ShouldContain("network address");
        }

        var home = await GetFromAsync("198.51.100.7", "/");
        home.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        home.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await home.Content.ReadAsStringAsync(Ct)).ShouldContain("Not available from your network");
        (await GetFromAsync("198.51.100.7", "/account/sign-in")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await GetFromAsync("198.51.100.7", "/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetFromAsync("198.51.101.7", "/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetFromAsync("2001:db8::7", "/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        blocked.Sum("podium.ip_rules.blocked", ("scope", "site"), ("reason", "denied")).ShouldBe(3);
        // Three refusals of one address: one report (the throttle keeps a flood out of the audit trail).
        var reports = (await AuditAsync("security.ip-blocked")).Where(e => e.IpAddress == "198.51.100.7").ToList();
        reports.ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Denied);
        reports[0].Target.ShouldBe("site");
    }

    [Fact]
    public async Task AdminAllowList_KeepsOtherAddressesOutOfTheAdminAreaOnly()
    {
        var (admin, _) = await AdminAsync();

        (await (await AddAsync(admin, "admin", "allow", "192.0.2.0/24", "Office")).Content.ReadAsStringAsync(Ct)).ShouldContain("The rule is saved");

        (await GetFromAsync("203.0.113.5", "/admin")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await GetFromAsync("203.0.113.5", "/Admin/Users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var adminApi = await GetFromAsync("203.0.113.5", "/api/v1/admin/anything");
        adminApi.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        adminApi.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await GetFromAsync("203.0.113.5", "/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetFromAsync("203.0.113.5", "/api/v1/platform/info")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.Client.GetAsync(Page, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The administrator's own session, from outside the list, by any spelling of the path.
        foreach (var path in new[] { Page, "/ADMIN/ip-rules", "//admin/ip-rules", "/%61dmin/ip-rules", "/./admin/ip-rules" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(admin.Client.BaseAddress!.GetLeftPart(UriPartial.Authority) + path));
            request.Headers.Add(TestPeerAddress.Header, "203.0.113.5");
            (await admin.Client.SendAsync(request, Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public async Task Changes_ThatWouldShutTheAdminOut_AreRefusedSayingWhy()
    {
        var (admin, boss) = await AdminAsync();

        var outsideAllowList = WebUtility.HtmlDecode(await (await AddAsync(admin, "admin", "allow", "10.0.0.0/8")).Content.ReadAsStringAsync(Ct));
        outsideAllowList.ShouldContain($"your own address ({AdminAddress}) could no longer reach the admin pages");
        outsideAllowList.ShouldContain("not be in the admin allow list");
        var denied = WebUtility.HtmlDecode(await (await AddAsync(admin, "site", "deny", "192.0.2.0/24")).Content.ReadAsStringAsync(Ct));
        denied.ShouldContain("a site deny rule would cover it");
        (await RulesAsync()).ShouldBeEmpty();

        // With their own address allowed first, the wider list is fine; removing their own entry then is not.
        (await AddAsync(admin, "site", "allow", $"{AdminAddress}/32")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await AddAsync(admin, "site", "allow", "10.0.0.0/8")).Content.ReadAsStringAsync(Ct)).ShouldContain("The rule is saved");
        var own = (await RulesAsync()).Single(r => r.Network == $"{AdminAddress}/32");
        var removal = await admin.SubmitAsync($"{Page}?handler=Remove", new Dictionary<string, string> { ["id"] = own.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Page);

        WebUtility.HtmlDecode(await removal.Content.ReadAsStringAsync(Ct)).ShouldContain("Not removed: your own address");
        (await RulesAsync()).Count.ShouldBe(2);
        (await AuditAsync("admin.ip-rule-removed")).ShouldNotContain(e => e.ActorId == boss.Id);
    }

    [Fact]
    public async Task Remove_LiftsTheRuleAtOnceAndIsAudited()
    {
        var (admin, boss) = await AdminAsync();
        await AddAsync(admin, "site", "deny", "2001:db8:bad::/48", "Abuse");
        (await GetFromAsync("2001:db8:bad::1", "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var rule = (await RulesAsync()).Single();

        var removed = await admin.SubmitAsync($"{Page}?handler=Remove", new Dictionary<string, string> { ["id"] = rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Page);

        (await removed.Content.ReadAsStringAsync(Ct)).ShouldContain("The rule is removed");
        (await RulesAsync()).ShouldBeEmpty();
        (await GetFromAsync("2001:db8:bad::1", "/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var audit = (await AuditAsync("admin.ip-rule-removed")).Where(e => e.ActorId == boss.Id).ShouldHaveSingleItem();
        audit.ActorId.ShouldBe(boss.Id);
        audit.Details!.ShouldContain("2001:db8:bad::/48");
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("-1")]
    [InlineData("nonsense")]
    public async Task Remove_OfNoSuchRule_SaysSoAndChangesNothing(string id)
    {
        var (admin, _) = await AdminAsync();
        await AddAsync(admin, "site", "deny", "198.51.100.0/24");

        var response = await admin.SubmitAsync($"{Page}?handler=Remove", new Dictionary<string, string> { ["id"] = id }, Page);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("There is no such rule");
        (await RulesAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Add_TheSameRuleTwice_IsRefusedTheSecondTime()
    {
        var (admin, _) = await AdminAsync();
        await AddAsync(admin, "site", "deny", "198.51.100.9");

        var again = await AddAsync(admin, "site", "deny", "198.51.100.9/32");

        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("There is already a site deny rule for 198.51.100.9/32");
        (await RulesAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Requests_ReadTheRulesFromTheCache_NotTheDatabase()
    {
        var (admin, _) = await AdminAsync();
        await AddAsync(admin, "site", "deny", "198.51.100.0/24");
        using var lookups = new MetricRecorder(App.Services, "Podium.Caching");

        for (var i = 0; i < 20; i++)
        {
            (await GetFromAsync("203.0.113.5", "/api/v1/platform/info")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // At most the first request after the change loads them; the rest are hits of the one entry.
        lookups.Sum("podium.cache.lookups", ("cache", "platform"), ("result", "miss")).ShouldBeLessThanOrEqualTo(1);
        lookups.Sum("podium.cache.lookups", ("cache", "platform"), ("result", "hit")).ShouldBeGreaterThanOrEqualTo(19);
    }
}

public sealed class IpRulesTests_Sqlite(IpRulesTests_Sqlite.Fixture fixture) : IpRulesTests(fixture), IClassFixture<IpRulesTests_Sqlite.Fixture>
{
    public sealed class Fixture() : AppFixture(DatabaseProvider.Sqlite)
    {
        protected override void Configure(PodiumAppFactory app) => app.WithServices(TestPeerAddress.AddTo);
    }
}

public sealed class IpRulesTests_Postgres(IpRulesTests_Postgres.Fixture fixture) : IpRulesTests(fixture), IClassFixture<IpRulesTests_Postgres.Fixture>
{
    public sealed class Fixture() : AppFixture(DatabaseProvider.Postgres)
    {
        protected override void Configure(PodiumAppFactory app) => app.WithServices(TestPeerAddress.AddTo);
    }
}
