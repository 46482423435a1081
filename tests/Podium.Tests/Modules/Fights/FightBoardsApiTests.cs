using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Features.Leagues;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>
/// The boards as pages and as <c>/api/v1/fights/leaderboards/{board}</c> and <c>/me</c>; leagues through the API; the
/// management page and <c>PUT …/bouts/{id}/result</c>, with bad input to each refused and changing nothing.
/// </summary>
public abstract class FightBoardsApiTests(FightBoardsFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task BoardApi_AndPage_ShowRanksWithDisplayNames_AndMyStandingWhenSignedIn_RefusingBadBoardsAndPages()
    {
        var (fightEvent, bout) = await fixture.FreshBoutAsync(_ct);
        var winner = await fixture.UserAsync("Wendy Winner");
        var loser = await fixture.UserAsync("Larry Loser");
        await fixture.PredictAsync(bout, winner, Corner.A, ct: _ct);
        await fixture.PredictAsync(bout, loser, Corner.B, ct: _ct);
        await fixture.RecordAsync(bout.Id, BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1), _ct);
        var anonymous = fixture.CreateClient();
        var board = $"event-{fightEvent.Slug}";

        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/fights/leaderboards/{board}?page=1&pageSize=10", _ct);
        page.GetProperty("total").GetInt64().ShouldBe(2);
        page.GetProperty("title").GetString().ShouldBe(fightEvent.Name);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => (i.GetProperty("rank").GetInt64(), i.GetProperty("displayName").GetString())).ShouldBe([(1L, "Wendy Winner"), (2L, "Larry Loser")]);
        (await anonymous.GetAsync("/api/v1/fights/leaderboards/global?pageSize=5", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync($"/api/v1/fights/leaderboards/season-{fightEvent.StartsAt.Year}", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var bad in new[] { "?page=0", "?pageSize=0", "?pageSize=101", "?page=abc" })
        {
            var refused = await anonymous.GetAsync($"/api/v1/fights/leaderboards/global{bad}", _ct);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        foreach (var unknown in new[] { "nope", "season-99", "season-02026", "event-no-such-event", $"league-{Guid.NewGuid():D}", "league-x", "GLOBAL" })
        {
            var missing = await anonymous.GetAsync($"/api/v1/fights/leaderboards/{unknown}", _ct);
            missing.StatusCode.ShouldBe(HttpStatusCode.NotFound, unknown);
            missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        (await anonymous.GetAsync($"/api/v1/fights/leaderboards/{board}/me", _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var session = await SignInAsync(loser);
        var me = await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/fights/leaderboards/{board}/me", _ct);
        me.GetProperty("me").GetProperty("rank").GetInt64().ShouldBe(2);
        me.GetProperty("above").EnumerateArray().Single().GetProperty("displayName").GetString().ShouldBe("Wendy Winner");
        (await session.Client.GetAsync("/api/v1/fights/leaderboards/nope/me", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var html = WebUtility.HtmlDecode(await session.GetPageAsync($"/fights/leaderboards?board={board}"));
        html.ShouldContain("Wendy Winner");
        html.ShouldContain("data-testid=\"my-standing\"");
        html.ShouldContain($"data-live-topic=\"leaderboard:fights:{board}\"");
        var fragment = await session.GetPageAsync($"/fights/leaderboards?handler=Board&board={board}");
        fragment.ShouldContain("Larry Loser");
        (await anonymous.GetAsync("/fights/leaderboards?board=nope", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/fights/leaderboards?board=global&page=-3", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LeagueApi_CreatesJoinsAndLeaves_ShowsTheBoardToMembersOnly_AndRefusesBadInput()
    {
        var owner = await fixture.UserAsync("Api Owner");
        var friend = await fixture.UserAsync("Api Friend");
        var stranger = await fixture.UserAsync("Api Stranger");
        var ownerSession = await SignInAsync(owner);
        var friendSession = await SignInAsync(friend);
        var strangerSession = await SignInAsync(stranger);

        var bad = await ownerSession.Client.PostAsJsonAsync("/api/v1/fights/leagues", new { name = "", rules = new { winner = 500, underdogBonusPerUnit = 10, underdogBonusCap = 20, method = 5, round = 5 } }, _ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ownerSession.Client.PostAsync("/api/v1/fights/leagues", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fixture.CreateClient().PostAsJsonAsync("/api/v1/fights/leagues", new { name = "Anonymous" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var created = await ownerSession.Client.PostAsJsonAsync("/api/v1/fights/leagues", new { name = "Friday fights" }, _ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var league = await created.Content.ReadFromJsonAsync<JsonElement>(_ct);
        var id = league.GetProperty("id").GetGuid();
        var code = league.GetProperty("inviteCode").GetString()!;
        league.GetProperty("rules").GetProperty("winner").GetInt32().ShouldBe(10);

        (await friendSession.Client.PostAsJsonAsync("/api/v1/fights/leagues/join", new { code = "NOPE0-00000" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var joined = await friendSession.Client.PostAsJsonAsync("/api/v1/fights/leagues/join", new { code = code.ToLowerInvariant() }, _ct);
        joined.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await joined.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("inviteCode").ValueKind.ShouldBe(JsonValueKind.Null);

        (await friendSession.Client.GetAsync($"/api/v1/fights/leaderboards/league-{id:D}", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await strangerSession.Client.GetAsync($"/api/v1/fights/leaderboards/league-{id:D}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.CreateClient().GetAsync($"/api/v1/fights/leaderboards/league-{id:D}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerSession.Client.GetAsync($"/api/v1/fights/leagues/{id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var members = await friendSession.Client.GetFromJsonAsync<JsonElement>($"/api/v1/fights/leagues/{id}/members", _ct);
        members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("displayName").GetString()).ShouldBe(["Api Owner", "Api Friend"]);

        (await friendSession.Client.PostAsync($"/api/v1/fights/leagues/{id}/invite-code", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await friendSession.Client.DeleteAsync($"/api/v1/fights/leagues/{id}/members/{owner.Id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ownerSession.Client.DeleteAsync($"/api/v1/fights/leagues/{id}/members/{stranger.Id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ownerSession.Client.PostAsync($"/api/v1/fights/leagues/{id}/leave", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var rotated = await ownerSession.Client.PostAsync($"/api/v1/fights/leagues/{id}/invite-code", null, _ct);
        (await rotated.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("inviteCode").GetString().ShouldNotBe(code);

        (await friendSession.Client.PostAsync($"/api/v1/fights/leagues/{id}/leave", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await friendSession.Client.GetAsync($"/api/v1/fights/leaderboards/league-{id:D}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var pageHtml = WebUtility.HtmlDecode(await ownerSession.GetPageAsync($"/fights/leagues/{id}"));
        pageHtml.ShouldContain("Friday fights");
        pageHtml.ShouldContain("data-testid=\"invite-code\"");
        (await strangerSession.Client.GetAsync($"/fights/leagues/{id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        WebUtility.HtmlDecode(await ownerSession.GetPageAsync("/fights/leagues")).ShouldContain("Friday fights");
    }

    [Fact]
    public async Task LeaguePages_CreateAndJoinByCode_AndShowErrorsForBadInput()
    {
        var owner = await fixture.UserAsync("Page Owner");
        var friend = await fixture.UserAsync("Page Friend");
        var ownerSession = await SignInAsync(owner);
        var friendSession = await SignInAsync(friend);

        var bad = await ownerSession.SubmitAsync("/fights/leagues?handler=Create", new Dictionary<string, string> { ["Input.Name"] = "Bad", ["Input.Winner"] = "lots" }, "/fights/leagues");
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tooMany = await ownerSession.SubmitAsync("/fights/leagues?handler=Create", new Dictionary<string, string> { ["Input.Name"] = "Bad", ["Input.Round"] = "51" }, "/fights/leagues");
        WebUtility.HtmlDecode(await tooMany.Content.ReadAsStringAsync(_ct)).ShouldContain("A correct round scores from 0 to 50 points.");
        var created = await ownerSession.SubmitAsync("/fights/leagues?handler=Create", new Dictionary<string, string> { ["Input.Name"] = "Page league", ["Input.Winner"] = "3" }, "/fights/leagues");
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        await using (var scope = fixture.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<League>().SingleAsync(l => l.GroupId == id, _ct)).Winner.ShouldBe(3);
            (await scope.ServiceProvider.GetRequiredService<FightLeagues>().MineAsync(owner.Id, new Podium.Platform.Api.PageRequest(1, 10), _ct)).TotalCount.ShouldBe(1);
        }

        var code = System.Text.RegularExpressions.Regex.Match(await ownerSession.GetPageAsync($"/fights/leagues/{id}"), "data-testid=\"invite-code\"[^>]*>([^<]+)<").Groups[1].Value;
        var wrong = await friendSession.SubmitAsync("/fights/leagues?handler=Join", new Dictionary<string, string> { ["Code"] = "nope" }, "/fights/leagues");
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync(_ct)).ShouldContain("An invite code is 10 letters and digits");
        (await friendSession.SubmitAsync("/fights/leagues?handler=Join", new Dictionary<string, string> { ["Code"] = code }, "/fights/leagues")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode(await friendSession.GetPageAsync($"/fights/leagues/{id}")).ShouldContain("Page Owner (owner)");
    }

    [Fact]
    public async Task ResultAdmin_PageAndApi_RecordThroughTheRecorder_ForOrganizersOnly_AndRefuseGarbage()
    {
        var (_, bout) = await fixture.FreshBoutAsync(_ct);
        var fan = await fixture.UserAsync("Fan Fiona");
        await fixture.PredictAsync(bout, fan, Corner.B, ct: _ct);
        var organizer = await fixture.UserAsync("Org Oscar", Roles.Organizer);
        var member = await fixture.UserAsync("Plain Member");
        var orgSession = await SignInAsync(organizer);
        var memberSession = await SignInAsync(member);
        var url = $"/api/v1/fights/bouts/{bout.Id}/result";

        (await fixture.CreateClient().PutAsJsonAsync(url, new { outcome = "winA" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await memberSession.Client.PutAsJsonAsync(url, new { outcome = "winA" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var denied = await memberSession.Client.GetAsync("/fights/manage/results", _ct);
        denied.StatusCode.ShouldBe(HttpStatusCode.Found, "a member is sent to the access-denied page");
        denied.Headers.Location!.OriginalString.ShouldNotContain("/fights/manage");
        object[] garbage =
        [
            new { outcome = "winZ" },
            new { outcome = "1" },
            new { outcome = "winA", method = "knockout" },
            new { outcome = "winA", round = 9 },
            new { outcome = "winA", timeSeconds = -5 },
            new { method = "koTko" },
        ];
        foreach (var body in garbage)
        {
            var refused = await orgSession.Client.PutAsJsonAsync(url, body, _ct);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, JsonSerializer.Serialize(body));
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        (await fixture.PredictionsAsync(bout.Id, _ct)).Single().ScoredAt.ShouldBeNull();
        (await orgSession.Client.PutAsync(url, new StringContent("[", System.Text.Encoding.UTF8, "application/json"), _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await orgSession.Client.PutAsJsonAsync($"/api/v1/fights/bouts/{Guid.NewGuid()}/result", new { outcome = "draw" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var recorded = await orgSession.Client.PutAsJsonAsync(url, new { outcome = "winB", method = "submission", round = 1, timeSeconds = 80 }, _ct);
        recorded.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body1 = await recorded.Content.ReadFromJsonAsync<JsonElement>(_ct);
        body1.GetProperty("changed").GetBoolean().ShouldBeTrue();
        body1.GetProperty("method").GetString().ShouldBe("submission");
        (await fixture.PredictionsAsync(bout.Id, _ct)).Single().CorrectWinner.ShouldBe(true);
        var again = await (await orgSession.Client.PutAsJsonAsync(url, new { outcome = "winB", method = "submission", round = 1, timeSeconds = 80 }, _ct)).Content.ReadFromJsonAsync<JsonElement>(_ct);
        again.GetProperty("changed").GetBoolean().ShouldBeFalse();

        // The page: garbage gets a message beside the form and changes nothing; a correction goes through.
        var pagePath = "/fights/manage/results?all=true";
        WebUtility.HtmlDecode(await orgSession.GetPageAsync(pagePath)).ShouldContain("data-testid=\"result-form\"");
        var refusedForm = await orgSession.SubmitAsync($"/fights/manage/results?boutId={bout.Id}&all=true", new Dictionary<string, string> { ["Input.Outcome"] = "winA", ["Input.Round"] = "x9" }, pagePath);
        refusedForm.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.PredictionsAsync(bout.Id, _ct)).Single().CorrectWinner.ShouldBe(true);
        var corrected = await orgSession.SubmitAsync($"/fights/manage/results?boutId={bout.Id}&all=true", new Dictionary<string, string> { ["Input.Outcome"] = "winA", ["Input.Method"] = "koTko", ["Input.Round"] = "1" }, pagePath);
        corrected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await fixture.PredictionsAsync(bout.Id, _ct)).Single().CorrectWinner.ShouldBe(false);

        // One spelling: the catalogue reads the result back in the words the form and the result body took.
        var preview = await orgSession.Client.GetFromJsonAsync<JsonElement>($"/api/v1/fights/bouts/{bout.Id}", _ct);
        var card = await orgSession.Client.GetFromJsonAsync<JsonElement>($"/api/v1/fights/events/{bout.Event.Slug}", _ct);
        foreach (var result in new[] { preview.GetProperty("result"), card.GetProperty("card").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == bout.Id).GetProperty("result") })
        {
            (result.GetProperty("outcome").GetString(), result.GetProperty("winner").GetString(), result.GetProperty("method").GetString()).ShouldBe(("winA", "a", "koTko"));
        }

        var relisted = await (await orgSession.Client.PutAsJsonAsync(url, new { outcome = "WINA", method = "KOTKO", round = 1 }, _ct)).Content.ReadFromJsonAsync<JsonElement>(_ct);
        (relisted.GetProperty("outcome").GetString(), relisted.GetProperty("method").GetString(), relisted.GetProperty("changed").GetBoolean()).ShouldBe(("winA", "koTko", false));
        var unknownBout = await orgSession.SubmitAsync($"/fights/manage/results?boutId={Guid.NewGuid()}", new Dictionary<string, string> { ["Input.Outcome"] = "draw" }, pagePath);
        unknownBout.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<FormSession> SignInAsync(PodiumUser user)
    {
        var session = new FormSession(fixture.App);
        (await session.SignInAsync(user.Email!, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }
}

public sealed class SqliteFightBoardsApiTests(SqliteFightBoardsFixture fixture) : FightBoardsApiTests(fixture), IClassFixture<SqliteFightBoardsFixture>;

public sealed class PostgresFightBoardsApiTests(PostgresFightBoardsFixture fixture) : FightBoardsApiTests(fixture), IClassFixture<PostgresFightBoardsFixture>;

public sealed class PostgresRedisFightBoardsApiTests(PostgresRedisFightBoardsFixture fixture) : FightBoardsApiTests(fixture), IClassFixture<PostgresRedisFightBoardsFixture>;
