using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Features.Boards;
using Podium.Modules.Fights.Features.Demo;
using Podium.Modules.Fights.Features.Leagues;
using Podium.Modules.Fights.Features.Predictions;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Competitions;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>A fresh Development start: the app seeds everything, and the sample predictors fill the boards and leagues.</summary>
public abstract class DevelopmentDemoFixture(DatabaseProvider provider) : AppFixture(provider)
{
    protected override void Configure(PodiumAppFactory app)
    {
        app.Environment = "Development";
        app.WithSetting("Podium:Database:SeedOnStart", "true");
    }
}

public sealed class SqliteDevelopmentDemoFixture() : DevelopmentDemoFixture(DatabaseProvider.Sqlite);

public sealed class PostgresDevelopmentDemoFixture() : DevelopmentDemoFixture(DatabaseProvider.Postgres);

/// <summary>
/// Development's sample predictors: made-up accounts, plainly marked, that cannot sign in, whose picks are scored by the
/// real scoring run onto the global, event and league boards.
/// </summary>
public abstract partial class FightsSamplePredictorsTests(DevelopmentDemoFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task DevelopmentStart_PutsRankedSampleMembersOnTheGlobalAndEventBoards_ScoredByTheScoringRun()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var reader = scope.ServiceProvider.GetRequiredService<FightBoardReader>();
        var sample = await SampleIdsAsync(db);
        sample.Count.ShouldBe(FightsSamplePredictors.Members);

        var global = await reader.PageAsync((await reader.OpenAsync("global", null, _ct)).ShouldNotBeNull(), 1, 50, _ct);
        global.Total.ShouldBeGreaterThanOrEqualTo(FightsSamplePredictors.Members / 2);
        global.Rows.ShouldAllBe(r => sample.Contains(r.UserId) && r.IsSample && r.DisplayName.StartsWith("Sample predictor "));
        global.Rows.Select(r => r.Rank).ShouldBeInOrder();
        global.Rows[0].Points.ShouldBeGreaterThan(global.Rows[^1].Points);

        // Every pick on a finished bout was scored, and the global board holds exactly what the predictions earned.
        (await db.Set<BoutPrediction>().Where(p => sample.Contains(p.UserId) && p.ScoredAt == null)
            .Join(db.Set<Bout>().Where(b => b.Outcome != null), p => p.BoutId, b => b.Id, (p, b) => p.Id).CountAsync(_ct)).ShouldBe(0);
        var earned = await db.Set<BoutPrediction>().Where(p => p.UserId == global.Rows[0].UserId && p.Points != null).SumAsync(p => p.Points!.Value, _ct);
        global.Rows[0].Points.ShouldBe(earned);

        var (slug, _) = (await reader.RecentEventsAsync(1, _ct)).ShouldHaveSingleItem();
        var eventBoard = await reader.PageAsync((await reader.OpenAsync($"event-{slug}", null, _ct)).ShouldNotBeNull(), 1, 50, _ct);
        eventBoard.Rows.Count.ShouldBeGreaterThan(3);
        var leader = eventBoard.Rows[0];
        leader.Points.ShouldBe(await db.Set<BoutPrediction>().Where(p => p.UserId == leader.UserId && p.Points != null)
            .Join(db.Set<Bout>().Where(b => b.Event.Slug == slug), p => p.BoutId, b => b.Id, (p, b) => p.Points!.Value).SumAsync(_ct));

        // Realistic picks: mostly the favourite, some underdogs (so some bonuses), methods and rounds on some.
        var picks = await db.Set<BoutPrediction>().AsNoTracking().Where(p => sample.Contains(p.UserId)).ToListAsync(_ct);
        picks.Count.ShouldBeGreaterThan(500);
        picks.Count(p => p.Method != null).ShouldBeGreaterThan(picks.Count / 5);
        picks.Count(p => p.Round != null).ShouldBeGreaterThan(0);
        picks.Count(p => p.Points > 10 && p.Method == null).ShouldBeGreaterThan(0, "an underdog pick that came in earns a bonus");
    }

    [Fact]
    public async Task DevelopmentStart_MakesLeaguesWithMembersOnTheirBoards_AndTheLeaguePageBadgesThem()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var groups = scope.ServiceProvider.GetRequiredService<ICompetitionGroups>();
        var reader = scope.ServiceProvider.GetRequiredService<FightBoardReader>();
        var owner = await db.Users.AsNoTracking().Where(u => u.Email == FightsSamplePredictors.EmailOf(1)).Select(u => u.Id).SingleAsync(_ct);
        var owned = (await scope.ServiceProvider.GetRequiredService<FightLeagues>().MineAsync(owner, new PageRequest(1, 100), _ct)).Items;
        (await db.Set<League>().CountAsync(_ct)).ShouldBeGreaterThanOrEqualTo(2);
        var leagueIds = owned.Where(g => g.MyRole == GroupRole.Owner).Select(g => g.Id).ToList();
        leagueIds.ShouldNotBeEmpty();
        var members = (await groups.MembersAsync(FightBoards.LeagueKind, leagueIds[0], owner, new PageRequest(1, 100), _ct)).Value!;
        members.TotalCount.ShouldBeGreaterThanOrEqualTo(5);
        members.Items.ShouldAllBe(m => m.IsSample);
        var board = await reader.PageAsync((await reader.OpenAsync($"league-{leagueIds[0]}", owner, _ct)).ShouldNotBeNull(), 1, 50, _ct);
        board.Rows.Count.ShouldBeGreaterThanOrEqualTo(5);
        board.Rows.ShouldContain(r => r.Points > 0);

        // A real person who joins by the code sees the sample members badged on the league's page.
        var summary = (await groups.GetAsync(FightBoards.LeagueKind, leagueIds[0], owner, _ct)).ShouldNotBeNull();
        var email = $"joiner-{Guid.NewGuid():N}@example.org";
        var joiner = (await TestUsers.CreateAsync(fixture.App, email, "Jo Iner")).User;
        (await scope.ServiceProvider.GetRequiredService<FightLeagues>().JoinAsync(joiner.Id, summary.InviteCode, _ct)).Succeeded.ShouldBeTrue();
        var session = new FormSession(fixture.App);
        (await session.SignInAsync(email, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await session.GetPageAsync($"/fights/leagues/{leagueIds[0]}");
        page.ShouldContain("Sample predictor ");
        Badges().Count(page).ShouldBeGreaterThanOrEqualTo(members.TotalCount + board.Rows.Count - 2);
    }

    [Fact]
    public async Task BoardPage_BadgesEverySampleMember()
    {
        var visitor = fixture.CreateClient();

        var html = await visitor.GetStringAsync("/fights/leaderboards?board=global", _ct);

        var rows = Regex.Matches(html, "Sample predictor \\d\\d").Count;
        rows.ShouldBeGreaterThan(3);
        Badges().Count(html).ShouldBeGreaterThanOrEqualTo(rows);
    }

    [Fact]
    public async Task SamplePredictors_CannotSignIn_EvenWithAPasswordSet_AndShowAsSampleToAdmins()
    {
        var email = FightsSamplePredictors.EmailOf(FightsSamplePredictors.Members);
        await using (var scope = fixture.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
            var user = (await users.FindByEmailAsync(email)).ShouldNotBeNull();
            user.IsSample.ShouldBeTrue();
            user.PasswordHash.ShouldBeNull();
            (await users.IsLockedOutAsync(user)).ShouldBeTrue();
            // Even a password set on it (a reset, a mistake) does not open it: it stays locked out.
            (await users.AddPasswordAsync(user, TestUsers.Password)).Succeeded.ShouldBeTrue();
        }

        var signIn = await new FormSession(fixture.App).SignInAsync(email, TestUsers.Password);
        (signIn.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).ShouldNotContain(c => c.StartsWith(IdentityExtensions.CookieName + "=", StringComparison.Ordinal));
        var token = await fixture.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password = TestUsers.Password }, _ct);
        token.IsSuccessStatusCode.ShouldBeFalse();

        var (admin, _) = await FormSession.SignedInAdminAsync(fixture.App, $"boss-{Guid.NewGuid():N}@example.org");
        var list = await admin.GetPageAsync($"/admin/users?q={FightsSamplePredictors.AddressDomain}");
        list.ShouldContain(FightsSamplePredictors.DisplayNameOf(1));
        Badges().Count(list).ShouldBeGreaterThanOrEqualTo(FightsSamplePredictors.Members > 25 ? 25 : FightsSamplePredictors.Members);
    }

    [Fact]
    public async Task UpcomingSamplePicks_StayHiddenFromOthersUntilTheLock()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var sample = await SampleIdsAsync(db);
        var now = DateTime.UtcNow;
        var picked = await db.Set<BoutPrediction>().AsNoTracking().Where(p => sample.Contains(p.UserId))
            .Join(db.Set<Bout>().Where(b => b.Outcome == null && b.Event.StartsAt > now), p => p.BoutId, b => b.Id, (p, b) => b.Id)
            .Distinct().ToListAsync(_ct);
        picked.ShouldNotBeEmpty();

        var view = (await scope.ServiceProvider.GetRequiredService<BoutPredictions>().ForBoutAsync(picked[0], Guid.NewGuid(), _ct)).ShouldNotBeNull();

        view.Locked.ShouldBeFalse();
        view.Split.ShouldBeNull();
        view.Mine.ShouldBeNull();
    }

    [Fact]
    public async Task Seed_WhenRunAgain_AddsNothing()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var picks = await db.Set<BoutPrediction>().CountAsync(_ct);

        var again = await DemoData.SeedAsync(fixture.App.Services, _ct);

        again.ShouldAllBe(r => r.Rows == 0);
        again.ShouldContain(r => r.Seeder.Contains("sample predictors"));
        (await db.Set<BoutPrediction>().CountAsync(_ct)).ShouldBe(picks);
        (await SampleIdsAsync(db)).Count.ShouldBe(FightsSamplePredictors.Members);
    }

    private static async Task<HashSet<Guid>> SampleIdsAsync(PodiumDbContext db) =>
        [.. await db.Users.AsNoTracking().Where(u => u.IsSample).Select(u => u.Id).ToListAsync(TestContext.Current.CancellationToken)];

    [GeneratedRegex("data-testid=\"sample-data\"")]
    private static partial Regex Badges();
}

public sealed class SqliteFightsSamplePredictorsTests(SqliteDevelopmentDemoFixture fixture) : FightsSamplePredictorsTests(fixture), IClassFixture<SqliteDevelopmentDemoFixture>;

public sealed class PostgresFightsSamplePredictorsTests(PostgresDevelopmentDemoFixture fixture) : FightsSamplePredictorsTests(fixture), IClassFixture<PostgresDevelopmentDemoFixture>;

/// <summary>Outside Development no made-up person is ever created, even where the sample catalogue is seeded.</summary>
public sealed class FightsSamplePredictorsGuardTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Seed_OutsideDevelopment_CreatesNoSamplePredictors()
    {
        var ct = TestContext.Current.CancellationToken;
        await FightsSeed.SeedAsync(fixture, ct);
        await using var scope = fixture.CreateScope();

        var rows = await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<FightsSamplePredictors>().Single().SeedAsync(ct);

        rows.ShouldBe(0);
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<Bout>().CountAsync(ct)).ShouldBeGreaterThan(0);
        (await db.Users.CountAsync(u => u.IsSample, ct)).ShouldBe(0);
        (await db.Set<BoutPrediction>().CountAsync(ct)).ShouldBe(0);
    }
}
