using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Features.Favourites;
using Podium.Modules.Fights.Features.Predictions;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Commands;
using Podium.Platform.Modules.Idempotency;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>
/// An app whose clock the prediction tests set (the lock is decided by it), with the scheduler off. A set clock stands
/// still, so "exactly at the lock" is exactly that however long the request takes; reset, it runs with real time.
/// </summary>
public abstract class FightsPredictFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public SettableClock Clock { get; } = new();

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public void SetNow(DateTime utc) => Clock.Freeze(utc);

    public void ResetClock() => Clock.Release();

    protected override void Configure(PodiumAppFactory app) =>
        app.WithSetting("Podium:Jobs:Enabled", "false").WithServices(services => services.AddSingleton<TimeProvider>(Clock));
}

/// <summary>Real time until frozen at an instant (the test package's FakeTimeProvider is not referenced here).</summary>
public sealed class SettableClock : TimeProvider
{
    private long _frozenTicks;

    public override DateTimeOffset GetUtcNow()
    {
        var frozen = Interlocked.Read(ref _frozenTicks);
        return frozen == 0 ? base.GetUtcNow() : new DateTimeOffset(frozen, TimeSpan.Zero);
    }

    public void Freeze(DateTime utc) => Interlocked.Exchange(ref _frozenTicks, utc.Ticks);

    public void Release() => Interlocked.Exchange(ref _frozenTicks, 0);
}

public sealed class SqliteFightsPredictFixture() : FightsPredictFixture(DatabaseProvider.Sqlite);

public sealed class PostgresFightsPredictFixture() : FightsPredictFixture(DatabaseProvider.Postgres);

/// <summary>
/// Predictions and favourites end to end on a real database: one pick per user per bout under concurrency, the lock
/// (the instant itself locked, the bout's own start first), refusals that change nothing, hidden picks and the split
/// after the lock, the API's scope and Idempotency-Key, the pages and forms, and account deletion.
/// </summary>
public abstract class PredictionsTests
{
    private readonly FightsPredictFixture _fixture;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected PredictionsTests(FightsPredictFixture fixture)
    {
        _fixture = fixture;
        fixture.ResetClock();
    }

    // --- making, changing, withdrawing ---------------------------------------------------------------------------

    [Fact]
    public async Task Put_ANewPick_Is201_AChangeAndTheSamePick200_AndOneRowHoldsTheLatest()
    {
        var bout = await BoutAsync();
        var (session, user) = await SignedInAsync();

        var created = await session.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "a", method = "koTko", round = 2 }, _ct);
        var changed = await session.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "b", method = "decision" }, _ct);
        var same = await session.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "b", method = "decision" }, _ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        same.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await same.Content.ReadFromJsonAsync<JsonElement>(_ct);
        body.GetProperty("winner").GetString().ShouldBe("b");
        body.GetProperty("method").GetString().ShouldBe("decision");
        body.GetProperty("round").ValueKind.ShouldBe(JsonValueKind.Null);
        var row = (await PicksAsync(bout.Id)).ShouldHaveSingleItem();
        (row.UserId, row.Winner, row.Method, row.Round).ShouldBe((user.Id, Corner.B, (PickedMethod?)PickedMethod.Decision, (int?)null));

        var mine = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/fights/predictions/me?page=1&pageSize=10", _ct);
        var item = mine.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("boutId").GetGuid().ShouldBe(bout.Id);
        item.GetProperty("winnerName").GetString().ShouldBe(bout.FighterA.Name == item.GetProperty("fighterA").GetString() ? bout.FighterB.Name : bout.FighterA.Name);
        item.GetProperty("points").ValueKind.ShouldBe(JsonValueKind.Null);
        item.GetProperty("locksAt").GetString()!.ShouldEndWith("Z");
    }

    [Fact]
    public async Task Delete_BeforeTheLock_WithdrawsThePick_AndAgainIsStill204()
    {
        var bout = await BoutAsync();
        var (session, _) = await SignedInAsync();
        (await session.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "a" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await session.Client.DeleteAsync(PickUrl(bout.Id), _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await session.Client.DeleteAsync(PickUrl(bout.Id), _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await PicksAsync(bout.Id)).ShouldBeEmpty();
    }

    // --- the lock ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Put_AtTheLockInstantAndAfter_Is409LockedWithLockedAt_AndChangesNothing()
    {
        var bout = await BoutAsync();
        var lockAt = bout.Event.StartsAt;
        _fixture.SetNow(lockAt.AddTicks(-1));
        var (session, user) = await SignedInAsync();
        (await session.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "a" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        foreach (var now in new[] { lockAt, lockAt.AddHours(1) })
        {
            _fixture.SetNow(now);
            session = await SignInAgainAsync(user);
            var late = await session.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "b" }, _ct);
            var withdraw = await session.Client.DeleteAsync(PickUrl(bout.Id), _ct);

            foreach (var refused in new[] { late, withdraw })
            {
                refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
                refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
                var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(_ct);
                problem.GetProperty("type").GetString().ShouldBe(CommandProblem.LockedType);
                problem.GetProperty("lockedAt").GetDateTime().ShouldBe(lockAt, TimeSpan.FromMilliseconds(1));
            }
        }

        (await PicksAsync(bout.Id)).ShouldHaveSingleItem().Winner.ShouldBe(Corner.A);
    }

    [Fact]
    public async Task Put_WhenTheBoutsOwnStartIsKnown_LocksThereNotAtTheEventsStart()
    {
        var bout = await BoutAsync(boutStartsIn: TimeSpan.FromHours(26));
        _fixture.SetNow(bout.Event.StartsAt.AddMinutes(30));
        var (session, user) = await SignedInAsync();
        (await session.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "a" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        _fixture.SetNow(bout.StartsAt!.Value);
        session = await SignInAgainAsync(user);
        var late = await session.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "b" }, _ct);

        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await late.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("lockedAt").GetDateTime().ShouldBe(bout.StartsAt.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Put_OnACancelledOrFinishedBout_Is409_AndOnNoBout404_WritingNothing()
    {
        var cancelled = await BoutAsync(status: BoutStatus.Cancelled);
        var finished = await BoutAsync(status: BoutStatus.Completed);
        var (session, _) = await SignedInAsync();

        (await session.Client.PutAsJsonAsync(PickUrl(cancelled.Id), new { winner = "a" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await session.Client.PutAsJsonAsync(PickUrl(finished.Id), new { winner = "a" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await session.Client.PutAsJsonAsync(PickUrl(Guid.NewGuid()), new { winner = "a" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await PicksAsync(cancelled.Id)).ShouldBeEmpty();
        (await PicksAsync(finished.Id)).ShouldBeEmpty();
    }

    // --- bad input --------------------------------------------------------------------------------------------------

    public static TheoryData<string, string> BadPicks => new()
    {
        { """{"winner":"a","method":"decision","round":2}""", "round" },
        { """{"winner":"a","round":1}""", "round" },
        { """{"winner":"a","method":"koTko","round":4}""", "round" },
        { """{"winner":"a","method":"koTko","round":0}""", "round" },
        { """{"winner":"a","method":"submission","round":-3}""", "round" },
        { """{"winner":"c"}""", "winner" },
        { """{"winner":""}""", "winner" },
        { """{}""", "winner" },
        { """{"winner":"a","method":"headbutt"}""", "method" },
        { """{"winner":"a","method":"ko-tko"}""", "method" },
        { """{"winner":"a","method":"dq"}""", "method" },
        { """{"winner":"a","method":"0"}""", "method" },
        { """{"winner":"1"}""", "winner" },
        { """{"winner":"a","round":"two"}""", "round" },
        { """{"winner":"a\u0000"}""", "winner" },
    };

    [Theory]
    [MemberData(nameof(BadPicks))]
    public async Task Put_BadInput_Is400NamingTheField_AndChangesNothing(string json, string field)
    {
        var bout = await BoutAsync();
        var (session, _) = await SignedInAsync();
        (await session.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "b", method = "submission", round = 1 }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await session.Client.PutAsync(PickUrl(bout.Id), new StringContent(json, System.Text.Encoding.UTF8, "application/json"), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldContain(n => n.Contains(field, StringComparison.OrdinalIgnoreCase));
        var row = (await PicksAsync(bout.Id)).ShouldHaveSingleItem();
        (row.Winner, row.Method, row.Round).ShouldBe((Corner.B, (PickedMethod?)PickedMethod.Submission, (int?)1));
    }

    // --- one pick per user per bout ---------------------------------------------------------------------------------

    [Fact]
    public async Task Save_By50UsersAtOnceOnOneBout_LosesNone()
    {
        var bout = await BoutAsync();
        var users = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            users.Add((await TestUsers.CreateAsync(_fixture.App, $"fan-{Guid.NewGuid():N}@example.org")).User.Id);
        }

        var results = await Task.WhenAll(users.Select((user, i) => SaveAsync(user, bout.Id, new PickInput(i % 3 == 0 ? "b" : "a", null, null))));

        results.ShouldAllBe(r => r.Succeeded && r.Value!.Created);
        var rows = await PicksAsync(bout.Id);
        rows.Select(r => r.UserId).Order().ShouldBe(users.Order());
        rows.Count(r => r.Winner == Corner.B).ShouldBe(17);
    }

    [Fact]
    public async Task Save_ByOneUserTwiceAtOnce_EndsWithOneRow()
    {
        var bout = await BoutAsync();
        var user = (await TestUsers.CreateAsync(_fixture.App, $"twice-{Guid.NewGuid():N}@example.org")).User.Id;

        var results = await Task.WhenAll(
            SaveAsync(user, bout.Id, new PickInput("a", "koTko", 1)),
            SaveAsync(user, bout.Id, new PickInput("b", null, null)),
            SaveAsync(user, bout.Id, new PickInput("a", "koTko", 1)),
            SaveAsync(user, bout.Id, new PickInput("b", null, null)));

        results.ShouldAllBe(r => r.Succeeded);
        results.Count(r => r.Value!.Created).ShouldBe(1);
        var row = (await PicksAsync(bout.Id)).ShouldHaveSingleItem();
        row.UserId.ShouldBe(user);
    }

    [Fact]
    public async Task Put_WithOneIdempotencyKeySentTwiceAtOnce_WritesOnce_AndReplaysTheFirst201()
    {
        var bout = await BoutAsync();
        var (session, _) = await SignedInAsync();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, PickUrl(bout.Id)) { Content = JsonContent.Create(new { winner = "a", method = "submission" }) };
            request.Headers.Add(IdempotencyExtensions.HeaderName, key);
            return session.Client.SendAsync(request, _ct);
        }));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        responses.Count(r => r.Headers.Contains(IdempotencyExtensions.ReplayedHeaderName)).ShouldBe(2);
        (await PicksAsync(bout.Id)).ShouldHaveSingleItem();
    }

    // --- who sees what ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Get_BeforeTheLock_ShowsOnlyTheCallersOwnPick_AndAfterItEveryoneTheSplit()
    {
        var bout = await BoutAsync();
        var (alice, _) = await SignedInAsync();
        var (bob, _) = await SignedInAsync();
        var (carol, _) = await SignedInAsync();
        (await alice.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "a", method = "koTko", round = 1 }, _ct)).EnsureSuccessStatusCode();
        (await bob.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "a", method = "decision" }, _ct)).EnsureSuccessStatusCode();
        (await carol.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "b" }, _ct)).EnsureSuccessStatusCode();
        var (dave, _) = await SignedInAsync();
        var anonymous = _fixture.CreateClient();

        var own = await alice.Client.GetFromJsonAsync<JsonElement>(SplitUrl(bout.Id), _ct);
        var other = await dave.Client.GetFromJsonAsync<JsonElement>(SplitUrl(bout.Id), _ct);
        var visitor = await anonymous.GetFromJsonAsync<JsonElement>(SplitUrl(bout.Id), _ct);
        own.GetProperty("locked").GetBoolean().ShouldBeFalse();
        own.GetProperty("mine").GetProperty("winner").GetString().ShouldBe("a");
        foreach (var view in new[] { own, other, visitor })
        {
            view.GetProperty("split").ValueKind.ShouldBe(JsonValueKind.Null);
        }

        other.GetProperty("mine").ValueKind.ShouldBe(JsonValueKind.Null);
        (await dave.GetPageAsync($"/fights/predictions")).ShouldNotContain("pick-split");

        _fixture.SetNow(bout.Event.StartsAt);
        var after = await anonymous.GetFromJsonAsync<JsonElement>(SplitUrl(bout.Id), _ct);

        after.GetProperty("locked").GetBoolean().ShouldBeTrue();
        var split = after.GetProperty("split");
        split.GetProperty("total").GetInt32().ShouldBe(3);
        split.GetProperty("a").GetProperty("count").GetInt32().ShouldBe(2);
        split.GetProperty("a").GetProperty("percent").GetInt32().ShouldBe(67);
        split.GetProperty("b").GetProperty("percent").GetInt32().ShouldBe(33);
        split.GetProperty("methods").GetProperty("koTko").GetProperty("percent").GetInt32().ShouldBe(33);
        split.GetProperty("methods").GetProperty("none").GetProperty("count").GetInt32().ShouldBe(1);
        (await anonymous.GetAsync(SplitUrl(Guid.NewGuid()), _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    // --- the API's credentials --------------------------------------------------------------------------------------

    [Fact]
    public async Task Writes_NeedThePredictScope_AndAnApiKeyWithItWorks()
    {
        var bout = await BoutAsync();
        var fighter = bout.FighterA.Slug;
        var email = $"key-{Guid.NewGuid():N}@example.org";
        await TestUsers.CreateAsync(_fixture.App, email);
        var readOnly = await KeyClientAsync(email, "fights:read");
        var both = await KeyClientAsync(email, "fights:read", "fights:predict");

        (await readOnly.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "a" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await readOnly.PutAsync($"/api/v1/fights/favourites/{fighter}", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _fixture.CreateClient().PutAsJsonAsync(PickUrl(bout.Id), new { winner = "a" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PicksAsync(bout.Id)).ShouldBeEmpty();

        (await both.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "a" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await both.PutAsync($"/api/v1/fights/favourites/{fighter}", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PicksAsync(bout.Id)).ShouldHaveSingleItem();
    }

    // --- favourites -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Favourites_FollowTwiceIsOneRow_ListShowsTheNextBout_UnfollowTwiceIs204_UnknownIs404()
    {
        var bout = await BoutAsync();
        var (session, user) = await SignedInAsync();
        var slug = bout.FighterA.Slug;

        (await session.Client.PutAsync($"/api/v1/fights/favourites/{slug}", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await session.Client.PutAsync($"/api/v1/fights/favourites/{slug}", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FavouritesAsync(user.Id)).ShouldBe(1);
        var list = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/fights/favourites?page=1&pageSize=20", _ct);
        var item = list.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("slug").GetString().ShouldBe(slug);
        item.GetProperty("nextBout").GetProperty("boutId").GetGuid().ShouldBe(bout.Id);
        item.GetProperty("nextBout").GetProperty("opponent").GetString().ShouldBe(bout.FighterB.Name);
        (await session.GetPageAsync("/fights/favourites")).ShouldContain(bout.FighterB.Name);

        (await session.Client.DeleteAsync($"/api/v1/fights/favourites/{slug}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await session.Client.DeleteAsync($"/api/v1/fights/favourites/{slug}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await FavouritesAsync(user.Id)).ShouldBe(0);
        (await session.Client.PutAsync("/api/v1/fights/favourites/nobody-at-all", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await session.Client.GetAsync("/api/v1/fights/favourites?pageSize=0", _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FavouritesAsync(user.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task FavouriteForm_FollowsAndUnfollows_WithoutJavaScript_AndWithHtmxAnswersTheButton()
    {
        var bout = await BoutAsync();
        var (session, user) = await SignedInAsync();
        var slug = bout.FighterB.Slug;

        var follow = await session.SubmitAsync("/fights/favourites?handler=Follow", new Dictionary<string, string> { ["Slug"] = slug, ["ReturnUrl"] = "/fights/predictions" }, "/fights/favourites");
        follow.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        follow.Headers.Location!.OriginalString.ShouldBe("/fights/predictions");
        (await FavouritesAsync(user.Id)).ShouldBe(1);

        var page = await session.GetPageAsync("/fights/favourites");
        var request = new HttpRequestMessage(HttpMethod.Post, "/fights/favourites?handler=Unfollow")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Slug"] = slug, ["__RequestVerificationToken"] = FormSession.TokenOf(page) }),
        };
        request.Headers.Add("HX-Request", "true");
        var unfollow = await session.Client.SendAsync(request, _ct);
        unfollow.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await unfollow.Content.ReadAsStringAsync(_ct)).ShouldContain("data-testid=\"follow\"");
        (await FavouritesAsync(user.Id)).ShouldBe(0);

        var unknown = await session.SubmitAsync("/fights/favourites?handler=Follow", new Dictionary<string, string> { ["Slug"] = "no-such-fighter" }, "/fights/favourites");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync(_ct)).ShouldContain("favourite-error");
    }

    // --- pages and forms --------------------------------------------------------------------------------------------

    [Fact]
    public async Task PredictionForm_SavesAPick_ShowsItOnMyPredictions_AndABadOneComesBackWithTheReasonChangingNothing()
    {
        var bout = await BoutAsync();
        var (session, user) = await SignedInAsync();
        (await session.GetPageAsync("/fights/predictions")).ShouldContain("no-open-picks");

        var saved = await session.SubmitAsync("/fights/predictions?handler=Save", new Dictionary<string, string>
        {
            ["BoutId"] = bout.Id.ToString(), ["Pick.Winner"] = "a", ["Pick.Method"] = "submission", ["Pick.Round"] = "2", ["ReturnUrl"] = "/fights/predictions",
        }, "/fights/predictions");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.OriginalString.ShouldBe($"/fights/predictions#predict-{bout.Id:N}");
        var mine = WebUtility.HtmlDecode(await session.GetPageAsync("/fights/predictions"));
        mine.ShouldContain($"{bout.FighterA.Name} by Submission in round 2");
        mine.ShouldContain($"predict-{bout.Id:N}");
        mine.ShouldContain("data-countdown");

        var refused = await session.SubmitAsync("/fights/predictions?handler=Save", new Dictionary<string, string>
        {
            ["BoutId"] = bout.Id.ToString(), ["Pick.Winner"] = "b", ["Pick.Method"] = "decision", ["Pick.Round"] = "3", ["ReturnUrl"] = "https://evil.example/",
        }, "/fights/predictions");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync(_ct)).ShouldContain("stoppages only");
        (await PicksAsync(bout.Id)).ShouldHaveSingleItem().Winner.ShouldBe(Corner.A);

        _fixture.SetNow(bout.Event.StartsAt);
        session = await SignInAgainAsync(user);
        var late = await session.SubmitAsync("/fights/predictions?handler=Withdraw", new Dictionary<string, string> { ["BoutId"] = bout.Id.ToString() }, "/fights/predictions");
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await late.Content.ReadAsStringAsync(_ct)).ShouldContain("locked at");
        (await PicksAsync(bout.Id)).ShouldHaveSingleItem();
        var after = await session.GetPageAsync("/fights/predictions");
        after.ShouldContain("past-picks");
    }

    [Fact]
    public async Task EventPage_HasAPickFormPerBout_ForSignedInFans_AndASignInLinkForVisitors_AndAfterTheLockTheSplit()
    {
        var bout = await BoutAsync();
        var (session, user) = await SignedInAsync();
        var path = $"/fights/events/{bout.Event.Slug}";

        var page = await session.GetPageAsync(path);
        page.ShouldContain($"id=\"predict-{bout.Id:N}\"");
        page.ShouldContain("name=\"Pick.Winner\"");
        page.ShouldContain($"value=\"{path}\"");
        var visitor = await new FormSession(_fixture.App).GetPageAsync(path);
        visitor.ShouldNotContain("name=\"Pick.Winner\"");
        visitor.ShouldContain($"/account/sign-in?returnUrl={Uri.EscapeDataString(path)}");
        var saved = await session.SubmitAsync("/fights/predictions?handler=Save", new Dictionary<string, string>
        {
            ["BoutId"] = bout.Id.ToString(), ["Pick.Winner"] = "b", ["Pick.Method"] = "", ["Pick.Round"] = "", ["ReturnUrl"] = path,
        }, path);
        saved.Headers.Location!.OriginalString.ShouldBe($"{path}#predict-{bout.Id:N}");

        _fixture.SetNow(bout.Event.StartsAt);
        var locked = WebUtility.HtmlDecode(await (await SignInAgainAsync(user)).GetPageAsync(path));
        locked.ShouldNotContain("name=\"Pick.Winner\"");
        locked.ShouldContain($"Your pick: <strong>{bout.FighterB.Name}</strong>");
        locked.ShouldContain("data-testid=\"pick-split\"");
    }

    [Fact]
    public async Task Menu_ShowsFavouritesAndMyPredictions_ToSignedInPeopleOnly_AndThePagesAskVisitorsToSignIn()
    {
        var (session, _) = await SignedInAsync();
        var visitor = new FormSession(_fixture.App);

        var signedIn = await session.GetPageAsync("/fights");
        signedIn.ShouldContain("href=\"/fights/favourites\"");
        signedIn.ShouldContain("href=\"/fights/predictions\"");
        var anonymous = await visitor.GetPageAsync("/fights");
        anonymous.ShouldNotContain("href=\"/fights/favourites\"");
        anonymous.ShouldNotContain("href=\"/fights/predictions\"");
        foreach (var path in new[] { "/fights/predictions", "/fights/favourites" })
        {
            var response = await visitor.Client.GetAsync(path, _ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            response.Headers.Location!.OriginalString.ShouldContain("sign-in");
        }
    }

    [Fact]
    public async Task MyPredictions_WithScoredPicks_ShowsPointsAndTheAccuracyChart()
    {
        var past = await BoutAsync(status: BoutStatus.Completed);
        var (session, user) = await SignedInAsync();
        await using (var scope = _fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.Add(new BoutPrediction { BoutId = past.Id, UserId = user.Id, Winner = Corner.A, CreatedAt = _fixture.Now.AddDays(-3), UpdatedAt = _fixture.Now.AddDays(-3), Points = 15, CorrectWinner = true, ScoredAt = _fixture.Now });
            await db.SaveChangesAsync(_ct);
        }

        var page = WebUtility.HtmlDecode(await session.GetPageAsync("/fights/predictions"));

        page.ShouldContain("data-testid=\"accuracy-chart\"");
        page.ShouldContain("1 of 1 winners right (100 %), 15 points.");
        var mine = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/fights/predictions/me", _ct);
        mine.GetProperty("items")[0].GetProperty("points").GetInt32().ShouldBe(15);
    }

    // --- account deletion -------------------------------------------------------------------------------------------

    [Fact]
    public async Task DeletingTheAccount_TakesItsPicksAndFavourites_AndTheExportListsThem()
    {
        var bout = await BoutAsync();
        var (session, user) = await SignedInAsync();
        var (other, _) = await SignedInAsync();
        (await session.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "a" }, _ct)).EnsureSuccessStatusCode();
        (await other.Client.PutAsJsonAsync(PickUrl(bout.Id), new { winner = "b" }, _ct)).EnsureSuccessStatusCode();
        (await session.Client.PutAsync($"/api/v1/fights/favourites/{bout.FighterA.Slug}", null, _ct)).EnsureSuccessStatusCode();

        await using var scope = _fixture.CreateScope();
        var personal = scope.ServiceProvider.GetRequiredService<PersonalDataService>();
        var export = JsonDocument.Parse(await personal.ExportAsync(user.Id, _ct)).RootElement.GetProperty("fights");
        export.GetProperty("favourites").GetArrayLength().ShouldBe(1);
        export.GetProperty("predictions").GetArrayLength().ShouldBe(1);
        var account = (await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByIdAsync(user.Id.ToString())).ShouldNotBeNull();
        (await personal.DeleteAsync(account, _ct)).Succeeded.ShouldBeTrue();

        (await PicksAsync(bout.Id)).ShouldHaveSingleItem().UserId.ShouldNotBe(user.Id);
        (await FavouritesAsync(user.Id)).ShouldBe(0);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static string PickUrl(Guid boutId) => $"/api/v1/fights/bouts/{boutId}/prediction";

    private static string SplitUrl(Guid boutId) => $"/api/v1/fights/bouts/{boutId}/predictions";

    private async Task<CommandResult<SavedPrediction>> SaveAsync(Guid user, Guid boutId, PickInput input)
    {
        await using var scope = _fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BoutPredictions>().SaveAsync(user, boutId, input, _ct);
    }

    private async Task<List<BoutPrediction>> PicksAsync(Guid boutId)
    {
        await using var scope = _fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<BoutPrediction>().AsNoTracking().Where(p => p.BoutId == boutId).ToListAsync(_ct);
    }

    private async Task<int> FavouritesAsync(Guid userId)
    {
        await using var scope = _fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Favourite>().CountAsync(f => f.UserId == userId, _ct);
    }

    private async Task<(FormSession Session, PodiumUser User)> SignedInAsync()
    {
        var email = $"fan-{Guid.NewGuid():N}@example.org";
        var created = await TestUsers.CreateAsync(_fixture.App, email);
        var session = new FormSession(_fixture.App);
        (await session.SignInAsync(email, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (session, created.User);
    }

    /// <summary>A new session of <paramref name="user"/>: after the clock moved past the 30-minute session, the old one is gone.</summary>
    private async Task<FormSession> SignInAgainAsync(PodiumUser user)
    {
        var session = new FormSession(_fixture.App);
        (await session.SignInAsync(user.Email!, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    private async Task<HttpClient> KeyClientAsync(string email, params string[] scopes)
    {
        await using var scope = _fixture.CreateScope();
        var owner = (await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByEmailAsync(email)).ShouldNotBeNull();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(owner, owner.Id, new ApiKeyRequest("picks", scopes, null, null, false), _ct);
        created.Succeeded.ShouldBeTrue(string.Join(", ", created.Errors.Values));
        var client = _fixture.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Value!.Secret);
        return client;
    }

    /// <summary>A bout of its own on a card of its own, a day ahead of the test's clock (its own start if given).</summary>
    private async Task<Bout> BoutAsync(BoutStatus status = BoutStatus.Scheduled, TimeSpan? boutStartsIn = null)
    {
        await using var scope = _fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var now = _fixture.Now;
        var tag = Guid.NewGuid().ToString("N")[..10];
        Fighter Fighter(string name) => new()
        {
            Name = $"{name} {tag}", Slug = $"{name.ToLowerInvariant()}-{tag}", WeightClass = WeightClass.Lightweight, Source = "test", Provenance = FeedProvenance.Real, CreatedAt = now, UpdatedAt = now,
        };
        var startsAt = status == BoutStatus.Completed ? now.AddDays(-2) : now.AddDays(1);
        var fightEvent = new FightEvent
        {
            Name = $"Test Night {tag}", Slug = $"test-night-{tag}", Organisation = "Test", StartsAt = Trim(startsAt), Status = status == BoutStatus.Completed ? EventStatus.Completed : EventStatus.Scheduled,
            Source = "test", CreatedAt = now, UpdatedAt = now,
        };
        var bout = new Bout
        {
            Event = fightEvent, Order = 1, WeightClass = WeightClass.Lightweight, ScheduledRounds = 3, FighterA = Fighter("Vellek"), FighterB = Fighter("Korvath"),
            StartsAt = boutStartsIn is { } inTime ? Trim(now + inTime) : null, Status = status, Source = "test", CreatedAt = now, UpdatedAt = now,
        };
        if (status == BoutStatus.Completed)
        {
            (bout.Outcome, bout.Method, bout.Round, bout.ResultRecordedAt) = (BoutOutcome.WinA, FinishMethod.KoTko, 1, now);
        }

        db.Add(bout);
        await db.SaveChangesAsync(_ct);
        return bout;
    }

    /// <summary>Whole seconds, so the instant read back from either database is the one written.</summary>
    private static DateTime Trim(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}

public sealed class SqlitePredictionsTests(SqliteFightsPredictFixture fixture) : PredictionsTests(fixture), IClassFixture<SqliteFightsPredictFixture>;

public sealed class PostgresPredictionsTests(PostgresFightsPredictFixture fixture) : PredictionsTests(fixture), IClassFixture<PostgresFightsPredictFixture>;
