using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Identity;

public abstract partial class ApiKeyPagesTests(AppFixture fixture)
{
    private const string Page = "/account/manage/api-keys";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(FormSession Session, PodiumUser User)> SignedInMemberAsync(string name)
    {
        var user = (await TestUsers.CreateAsync(fixture.App, $"{Guid.NewGuid():N}@example.org", name)).User;
        var session = new FormSession(fixture.App);
        (await session.SignInAsync(user.Email!, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (session, user);
    }

    private async Task<int> KeyCountAsync(Guid ownerId)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<ApiKey>().CountAsync(k => k.OwnerId == ownerId, Ct);
    }

    private async Task<HttpResponseMessage> WithKeyAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        return await fixture.CreateClient().SendAsync(request, Ct);
    }

    [Fact]
    public async Task CreateOnThePage_ShowsTheSecretOnce_ThenOnlyItsPrefix_AndRevokeStopsIt()
    {
        var (session, user) = await SignedInMemberAsync("Paige Keys");

        var created = await session.SubmitAsync($"{Page}?handler=Create", new Dictionary<string, string>
        {
            ["Input.Name"] = "standings script",
            ["Input.Scopes"] = ClubScopes.Read,
            ["Input.ExpiresInDays"] = "90",
        }, Page);

        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await created.Content.ReadAsStringAsync(Ct);
        var key = Secret().Match(html).Groups["key"].Value;
        key.ShouldStartWith("pod_");
        var me = await WithKeyAsync("/api/v1/me", key);
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await me.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid().ShouldBe(user.Id);

        var list = WebUtility.HtmlDecode(await session.GetPageAsync(Page));
        list.ShouldNotContain(key);
        list.ShouldContain(ApiKeyFormat.Display(ApiKeyFormat.PrefixOf(key)));
        list.ShouldContain("standings script");

        await using (var scope = fixture.CreateScope())
        {
            var id = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().ListAsync(user.Id, Ct)).Single().Id;
            (await session.SubmitAsync($"{Page}?handler=Revoke", new Dictionary<string, string> { ["key"] = id.ToString() }, Page)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await WithKeyAsync("/api/v1/me", key)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("", ClubScopes.Read, "90", "", "Give the key a name")]
    [InlineData("no scope", "", "90", "", "Choose at least one permission")]
    [InlineData("admin scope", "admin", "90", "", "cannot grant")]
    [InlineData("odd expiry", ClubScopes.Read, "12", "", "offered periods")]
    [InlineData("bad range", ClubScopes.Read, "90", "10.0.0.0/33", "CIDR")]
    [InlineData("script<tag>", "admin", "30", "", "cannot grant")]
    public async Task CreateOnThePage_WithGarbage_SaysWhatIsWrongAndCreatesNothing(string name, string scope, string days, string networks, string message)
    {
        var (session, user) = await SignedInMemberAsync("Gary Form");

        var response = await session.SubmitAsync($"{Page}?handler=Create", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Scopes"] = scope,
            ["Input.ExpiresInDays"] = days,
            ["Input.AllowedNetworks"] = networks,
        }, Page);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)).ShouldContain(message);
        (await KeyCountAsync(user.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task CookieCaller_HasTheScopesOfTheirRoles_OnTheApi()
    {
        var (session, _) = await SignedInMemberAsync("Coo Kie");

        var me = await (await session.Client.GetAsync("/api/v1/me", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        me.GetProperty("credential").GetString().ShouldBe("cookie");
        var scopes = me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToList();
        scopes.ShouldContain(ClubScopes.Read);
        scopes.ShouldNotContain(ApiScopes.Admin);
    }

    [Fact]
    public async Task Admin_CreatesAServiceAccountAndItsKey_WhichCannotSignInButActsWithItsRoles()
    {
        var (admin, _) = await FormSession.SignedInAdminAsync(fixture.App, $"admin-{Guid.NewGuid():N}@example.org");
        var name = $"Results bot {Guid.NewGuid():N}"[..20];

        (await admin.SubmitAsync("/admin/service-accounts", new Dictionary<string, string> { ["Name"] = name, ["Roles"] = Roles.Organizer })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.SubmitAsync("/admin/service-accounts", new Dictionary<string, string> { ["Name"] = "", ["Roles"] = Roles.Organizer })).StatusCode.ShouldBe(HttpStatusCode.OK);
        Guid botId;
        await using (var scope = fixture.CreateScope())
        {
            var bots = await scope.ServiceProvider.GetRequiredService<Podium.Platform.Identity.ServiceAccounts>().ListAsync(Ct);
            bots.Count(b => b.DisplayName.Length == 0).ShouldBe(0);
            botId = bots.Single(b => b.DisplayName == name).Id;
        }

        var path = $"/admin/service-accounts/{botId}";
        var created = await admin.SubmitAsync($"{path}?handler=Create", new Dictionary<string, string>
        {
            ["Input.Name"] = "results feed",
            ["Input.Scopes"] = ClubScopes.ResultsWrite,
            ["Input.ExpiresInDays"] = "365",
        }, path);
        var key = Secret().Match(await created.Content.ReadAsStringAsync(Ct)).Groups["key"].Value;

        var me = await (await WithKeyAsync("/api/v1/me", key)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe([ClubScopes.ResultsWrite]);
        me.GetProperty("roles").EnumerateArray().Select(s => s.GetString()).ShouldBe([Roles.Organizer]);
        await using (var scope = fixture.CreateScope())
        {
            var bot = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Users.SingleAsync(u => u.Id == botId, Ct);
            var token = await fixture.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = bot.Email, password = "" + bot.Email }, Ct);
            token.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [GeneratedRegex("value=\"(?<key>pod_[0-9A-Za-z]{49})\"")]
    private static partial Regex Secret();
}

public sealed class ApiKeyPagesTests_Sqlite(SqliteAppFixture fixture) : ApiKeyPagesTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class ApiKeyPagesTests_Postgres(PostgresAppFixture fixture) : ApiKeyPagesTests(fixture), IClassFixture<PostgresAppFixture>;
