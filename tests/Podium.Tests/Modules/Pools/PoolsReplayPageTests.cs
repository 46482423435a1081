using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Pools;

/// <summary>The replay page: any signed-in member uploads the files and sees the standings, or every bad row; never a 5xx.</summary>
public sealed class PoolsReplayPageTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Modules", "Pools", "Fixtures", "Season2026");

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<FormSession> MemberAsync()
    {
        var email = $"member-{Guid.NewGuid():N}@example.org";
        await TestUsers.CreateAsync(fixture.App, email);
        var session = new FormSession(fixture.App);
        (await session.SignInAsync(email, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    private async Task<HttpResponseMessage> PostAsync(FormSession session, string? rulesText, IReadOnlyDictionary<string, string> files)
    {
        var token = FormSession.TokenOf(await session.GetPageAsync("/pools/replay"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (rulesText is not null)
        {
            form.Add(new StringContent(rulesText), "RulesText");
        }

        foreach (var (field, text) in files)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(content, field, field.ToLowerInvariant() + ".csv");
        }

        return await session.Client.PostAsync("/pools/replay", form, _ct);
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(FixtureDir, name));

    [Fact]
    public async Task Replay_WhenAMemberUploadsTheSeason_ShowsTheStandings()
    {
        var session = await MemberAsync();

        var response = await PostAsync(session, Fixture("survivor-rules.json"), new Dictionary<string, string>
        {
            ["Games"] = Fixture("games.csv"),
            ["Picks"] = Fixture("survivor-picks.csv"),
            ["Buybacks"] = Fixture("buybacks.csv"),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync(_ct);
        page.ShouldContain("data-testid=\"replay-standings\"");
        page.ShouldContain("5 entries, graded under survivor rules, version 1.");
        page.ShouldContain("&quot;entry&quot;: &quot;ann&quot;");
    }

    [Fact]
    public async Task Replay_WhenARowIsBad_NamesItAndShowsNoStandings()
    {
        var session = await MemberAsync();

        var response = await PostAsync(session, Fixture("pickem-rules.json"), new Dictionary<string, string>
        {
            ["Games"] = Fixture("games.csv").Replace(",final,-105,", ",over,-105,", StringComparison.Ordinal),
            ["Picks"] = Fixture("pickem-picks.csv"),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync(_ct);
        page.ShouldContain("data-testid=\"replay-errors\"");
        page.ShouldContain("games.csv line 9, column status: unknown status &#x27;over&#x27;");
        page.ShouldNotContain("data-testid=\"replay-standings\"");
    }

    [Fact]
    public async Task Replay_WithoutFilesOrRules_AsksForThem()
    {
        var session = await MemberAsync();

        var response = await PostAsync(session, "", new Dictionary<string, string>());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync(_ct);
        page.ShouldContain("Choose the season&#x27;s games.csv.");
        page.ShouldContain("Choose the entries&#x27; picks.csv.");
        page.ShouldContain("Paste the rules or choose a rules file.");
    }

    [Fact]
    public async Task Replay_WhenAVisitorAsks_SendsThemToSignIn()
    {
        var session = new FormSession(fixture.App);

        var response = await session.Client.GetAsync("/pools/replay", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/account/sign-in");
    }

    [Fact]
    public async Task Landing_ShowsTheFilesAndTheRulesDefaults_AndLinksTheReplay()
    {
        var page = await new FormSession(fixture.App).GetPageAsync("/pools");

        page.ShouldContain("href=\"/pools/replay\"");
        page.ShouldContain("week,game_id,kickoff_utc,home,away,home_score,away_score,status,home_moneyline,away_moneyline,home_spread");
        page.ShouldContain("&quot;noSurvivors&quot;:&quot;shareWin&quot;");
    }
}
