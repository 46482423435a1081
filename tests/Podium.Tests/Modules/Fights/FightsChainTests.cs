using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Features.Import;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Tests.Fights.Feeds;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>
/// The ESPN stub (<see cref="EspnFeedFixture"/>) with the test's clock in the app, and access tokens that outlive the
/// few hours the chain moves the clock through (they are checked against that clock too).
/// </summary>
public abstract class FightsChainFixture(DatabaseProvider provider, bool redis) : EspnFeedFixture(provider)
{
    public SettableClock Clock { get; } = new();

    protected override void Configure(PodiumAppFactory app)
    {
        base.Configure(app);
        app.WithSetting("Podium:Jwt:AccessTokenMinutes", "1440").WithServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (redis)
        {
            app.WithRedis().WithSetting("Podium:Redis:RequestTimeoutMs", "5000");
        }
    }
}

public sealed class SqliteFightsChainFixture() : FightsChainFixture(DatabaseProvider.Sqlite, redis: false);

public sealed class PostgresRedisFightsChainFixture() : FightsChainFixture(DatabaseProvider.Postgres, redis: true);

/// <summary>
/// The whole road of a bout, through the app's own entry points: the feed update the hourly job runs imports a card from
/// ESPN's JSON, fans pick through the predictions API with their access tokens, the next update brings the result and
/// scores it, and the boards' API ranks them; importing again changes nothing, a corrected result re-scores. One
/// spelling throughout: the words a pick is made in are the words the catalogue reads the result back in.
/// </summary>
public abstract class FightsChainTests(FightsChainFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static readonly EspnAthlete Favourite = new("91001", "Marco Favourite");
    private static readonly EspnAthlete Underdog = new("91002", "Dario Underdog");

    [Fact]
    public async Task ImportPredictResultAndRank_ThroughTheApi_ScoreOnce_AndACorrectionRescores()
    {
        // The card starts two days from now; the app's clock is set by the test at each step (locks, "past bouts").
        var starts = DateTime.UtcNow.Date.AddDays(2).AddHours(23);
        fixture.Clock.Freeze(starts.AddHours(-5));
        fixture.Espn.Serve(Card("pre"));

        var imported = await UpdateAsync();
        (imported.Provenance, imported.Rejected, imported.Inserted).ShouldBe((FeedProvenance.Real, 0, 5), "the event, its bout, two fighters and one odds line");

        var anonymous = fixture.CreateClient();
        var upcoming = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/fights/events?when=upcoming", _ct);
        var slug = upcoming.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("slug").GetString()!;
        var bout = (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/fights/events/{slug}", _ct)).GetProperty("card").EnumerateArray().ShouldHaveSingleItem();
        var boutId = bout.GetProperty("id").GetGuid();
        bout.GetProperty("status").GetString().ShouldBe("scheduled");
        bout.GetProperty("locksAt").GetDateTime().ShouldBe(starts);
        (bout.GetProperty("fighterA").GetProperty("name").GetString(), bout.GetProperty("fighterB").GetProperty("moneyline").GetInt32()).ShouldBe((Favourite.Name, 175));

        // Three fans pick a minute apart (the earlier first pick wins a tie on the boards).
        var ana = await FanAsync("Ana Chain");
        var ben = await FanAsync("Ben Chain");
        var cat = await FanAsync("Cat Chain");
        await PickAsync(ana, boutId, "b", "koTko", 2);
        fixture.Clock.Freeze(starts.AddHours(-5).AddMinutes(1));
        await PickAsync(ben, boutId, "b", "decision", null);
        fixture.Clock.Freeze(starts.AddHours(-5).AddMinutes(2));
        await PickAsync(cat, boutId, "a", "koTko", 2);
        fixture.Clock.Freeze(starts);
        (await ana.PutAsJsonAsync(PickUrl(boutId), new { winner = "a" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "the bout locked at its start");

        // The underdog (+175: decimal 2.75) wins by KO/TKO in round 2. Bonus round(10 × 0.75) = 8 (half up).
        // Ana: 10 + 8 + 5 (method) + 5 (round) = 28; Ben: 10 + 8 (decision was wrong) = 18; Cat: 0.
        fixture.Clock.Freeze(starts.AddHours(3));
        fixture.Espn.Serve(Card("post", winner: 1, result: "kotko"));
        var scored = await UpdateAsync();
        (scored.Provenance, scored.Rejected, scored.Inserted).ShouldBe((FeedProvenance.Real, 0, 0));
        scored.Updated.ShouldBeGreaterThan(0, "the result");

        var preview = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/fights/bouts/{boutId}", _ct);
        var result = preview.GetProperty("result");
        (result.GetProperty("outcome").GetString(), result.GetProperty("winner").GetString(), result.GetProperty("method").GetString(), result.GetProperty("round").GetInt32(), result.GetProperty("timeSeconds").GetInt32())
            .ShouldBe(("winB", "b", "koTko", 2, 194));
        var anaPick = (await ana.GetFromJsonAsync<JsonElement>("/api/v1/fights/predictions/me", _ct)).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        (anaPick.GetProperty("winner").GetString(), anaPick.GetProperty("method").GetString(), anaPick.GetProperty("points").GetInt32(), anaPick.GetProperty("correctWinner").GetBoolean())
            .ShouldBe((result.GetProperty("winner").GetString(), result.GetProperty("method").GetString(), 28, true), "a pick and the result it matched are spelled alike");

        var boards = new[] { $"event-{slug}", "global", $"season-{starts.Year}" };
        var fans = new[] { (ana, "Ana Chain"), (ben, "Ben Chain"), (cat, "Cat Chain") };
        await BoardsShouldBeAsync(boards, fans, [("Ana Chain", 1, 28), ("Ben Chain", 2, 18), ("Cat Chain", 3, 0)]);

        // The next hourly update brings the same data: nothing changes, nobody is scored twice.
        fixture.Clock.Freeze(starts.AddHours(5));
        var again = await UpdateAsync();
        (again.Inserted, again.Updated, again.Rejected).ShouldBe((0, 0, 0));
        await BoardsShouldBeAsync(boards, fans, [("Ana Chain", 1, 28), ("Ben Chain", 2, 18), ("Cat Chain", 3, 0)]);

        // ESPN corrects the result: the favourite won, KO/TKO in round 2. Cat: 10 + 0 (a favourite earns no bonus) + 5 + 5
        // = 20; Ana and Ben 0 with the same accuracy, so Ana's earlier first pick ranks her ahead.
        fixture.Clock.Freeze(starts.AddHours(7));
        fixture.Espn.Serve(Card("post", winner: 0, result: "kotko"));
        var corrected = await UpdateAsync();
        (corrected.Inserted, corrected.Rejected).ShouldBe((0, 0));
        corrected.Updated.ShouldBeGreaterThan(0, "the corrected result");
        (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/fights/bouts/{boutId}", _ct)).GetProperty("result").GetProperty("outcome").GetString().ShouldBe("winA");
        await BoardsShouldBeAsync(boards, fans, [("Cat Chain", 1, 20), ("Ana Chain", 2, 0), ("Ben Chain", 3, 0)]);

        EspnEvent Card(string state, int? winner = null, string? result = null) =>
            new("91000", "UFC Chain: Favourite vs. Underdog", starts, state,
            [
                new EspnBout("91010", Favourite, Underdog, starts, Rounds: 5, Order: 1, Winner: winner, Result: result,
                    Period: result is null ? null : 2, Clock: result is null ? null : "3:14", HomeMoneyline: -210, AwayMoneyline: 175),
            ]);
    }

    /// <summary>What the hourly job runs (its schedule is off here: the test runs it when its clock says it is due).</summary>
    private async Task<FeedRunProgress> UpdateAsync()
    {
        await using var scope = fixture.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<FeedUpdates>().UpdateUpcomingAsync(_ct)).ShouldNotBeNull("an hour or more since the last run: due");
    }

    private static string PickUrl(Guid boutId) => $"/api/v1/fights/bouts/{boutId}/prediction";

    private async Task PickAsync(HttpClient fan, Guid boutId, string winner, string method, int? round)
    {
        var response = await fan.PutAsJsonAsync(PickUrl(boutId), new { winner, method, round }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var pick = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        (pick.GetProperty("winner").GetString(), pick.GetProperty("method").GetString()).ShouldBe((winner, method));
    }

    /// <summary>A member signed in the way an app does it: an access token from <c>/api/v1/auth/token</c>.</summary>
    private async Task<HttpClient> FanAsync(string name)
    {
        var email = $"chain-{Guid.NewGuid():N}@fights.example";
        await TestUsers.CreateAsync(fixture.App, email, name);
        var client = fixture.CreateClient();
        var issued = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = TestUsers.Password }, _ct);
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task BoardsShouldBeAsync(string[] boards, (HttpClient Client, string Name)[] fans, (string Name, long Rank, int Points)[] expected)
    {
        foreach (var board in boards)
        {
            var page = await fixture.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/fights/leaderboards/{board}?page=1&pageSize=10", _ct);
            page.GetProperty("total").GetInt64().ShouldBe(expected.Length, board);
            page.GetProperty("items").EnumerateArray().Select(l => (l.GetProperty("displayName").GetString()!, l.GetProperty("rank").GetInt64(), l.GetProperty("points").GetInt32()))
                .ToArray().ShouldBe(expected, board);
            foreach (var (client, name) in fans)
            {
                var me = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/fights/leaderboards/{board}/me", _ct)).GetProperty("me");
                var line = expected.Single(e => e.Name == name);
                (me.GetProperty("rank").GetInt64(), me.GetProperty("points").GetInt32()).ShouldBe((line.Rank, line.Points), $"{name} on {board}");
            }
        }
    }
}

public sealed class SqliteFightsChainTests(SqliteFightsChainFixture fixture) : FightsChainTests(fixture), IClassFixture<SqliteFightsChainFixture>;

public sealed class PostgresRedisFightsChainTests(PostgresRedisFightsChainFixture fixture) : FightsChainTests(fixture), IClassFixture<PostgresRedisFightsChainFixture>;
