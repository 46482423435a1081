using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Results;
using Podium.Modules.Club.Features.Standings;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>The club's shared parts on a real database: settings, account linking, one-vote constraint, cached standings.</summary>
public abstract class ClubFoundationTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Settings_WhenNeverSaved_AreTheDefaults_AndSavingInvalidatesTheCache()
    {
        await using var scope = fixture.CreateScope();
        var settings = scope.ServiceProvider.GetRequiredService<ClubSettings>();
        (await settings.GetAsync(_ct)).TimeZone.ShouldBe("America/Chicago");

        await settings.SaveAsync(new ClubSettingsSnapshot("Austin Bass Anglers", "America/Chicago", 5, "Largemouth 14 in", 6000), _ct);

        await using var other = fixture.CreateScope();
        (await other.ServiceProvider.GetRequiredService<ClubSettings>().GetAsync(_ct)).ShouldBe(
            new ClubSettingsSnapshot("Austin Bass Anglers", "America/Chicago", 5, "Largemouth 14 in", 6000));
        await Should.ThrowAsync<ArgumentException>(() => settings.SaveAsync(new ClubSettingsSnapshot("x", "Mars/Olympus", 5, "", 0), _ct));
    }

    [Fact]
    public async Task Viewer_WhenTheAccountEmailIsConfirmed_LinksTheAnglerWithThatEmail()
    {
        var email = $"angler-{Guid.NewGuid():N}@example.org";
        var user = (await TestUsers.CreateAsync(fixture.App, email)).User;
        await using (var arrange = fixture.CreateScope())
        {
            var db = arrange.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.Add(new Angler { Name = "Linked Angler", Email = Angler.NormalizeEmail(email.ToUpperInvariant()) });
            await db.SaveChangesAsync(_ct);
        }

        await using var scope = fixture.CreateScope();
        var viewer = await scope.ServiceProvider.GetRequiredService<ClubAccess>().GetViewerAsync(Principal(user.Id), _ct);

        viewer.Angler.ShouldNotBeNull().Name.ShouldBe("Linked Angler");
        viewer.IsOfficer.ShouldBeFalse();
        var linked = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Angler>().AsNoTracking().SingleAsync(a => a.Id == viewer.Angler.Id, _ct);
        linked.UserId.ShouldBe(user.Id);
    }

    [Fact]
    public async Task Votes_TwoByOneMemberOnOnePoll_TheDatabaseKeepsOne()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var angler = new Angler { Name = "Voter", Email = $"{Guid.NewGuid():N}@example.org" };
        var poll = new Poll { Title = "Next lake", OpensAt = DateTime.UtcNow, ClosesAt = DateTime.UtcNow.AddDays(1) };
        poll.Options.Add(new PollOption { Text = "Travis" });
        db.AddRange(angler, poll);
        await db.SaveChangesAsync(_ct);

        db.Add(new PollVote { PollId = poll.Id, AnglerId = angler.Id, OptionId = poll.Options[0].Id });
        await db.SaveChangesAsync(_ct);
        db.Add(new PollVote { PollId = poll.Id, AnglerId = angler.Id, OptionId = poll.Options[0].Id });

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(_ct));
    }

    [Fact]
    public async Task Standings_ComeFromTheCacheUntilResultsChange()
    {
        var season = 1990 + Random.Shared.Next(0, 20);
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var (ada, bo) = (new Angler { Name = "Ada", Email = $"{Guid.NewGuid():N}@example.org" }, new Angler { Name = "Bo", Email = $"{Guid.NewGuid():N}@example.org" });
        var start = new DateTime(season, 5, 2, 11, 30, 0, DateTimeKind.Utc);
        var tournament = new Tournament
        {
            Event = new ClubEvent { Kind = EventKind.Tournament, Title = $"May {season}", StartsAt = start, EndsAt = start.AddHours(8) },
            Season = season,
            Status = TournamentStatus.Completed,
        };
        tournament.Results.Add(new TournamentResult { Angler = ada, AnglerId = ada.Id, Fish = 5, TotalWeight = 1500, BigBass = 520 });
        tournament.Results.Add(new TournamentResult { Angler = bo, AnglerId = bo.Id, Fish = 5, TotalWeight = 1200, BigBass = 400 });
        TournamentScoring.Apply(tournament);
        db.Add(tournament);
        await db.SaveChangesAsync(_ct);
        var standings = scope.ServiceProvider.GetRequiredService<ClubStandings>();

        var board = await standings.GetSeasonAsync(season, _ct);
        board.Lines.Select(l => (l.Rank, l.AnglerName, l.Points)).ShouldBe([(1, "Ada", 100), (2, "Bo", 99)]);
        board.Lines[0].PointsByTournament.ShouldBe([100]);
        board.BigBassList.Single().AnglerName.ShouldBe("Ada");

        // A change written without invalidating is not seen: the board really is cached …
        var boResult = await db.Set<TournamentResult>().Include(r => r.Tournament).ThenInclude(t => t.Results).FirstAsync(r => r.AnglerId == bo.Id, _ct);
        boResult.TotalWeight = 1600;
        TournamentScoring.Apply(boResult.Tournament);
        await db.SaveChangesAsync(_ct);
        (await standings.GetSeasonAsync(season, _ct)).Lines[0].AnglerName.ShouldBe("Ada");

        // … and invalidating the results tag brings the change.
        await scope.ServiceProvider.GetRequiredService<Podium.Platform.Caching.IPodiumCache>().InvalidateTagAsync(ClubCacheTags.Results, _ct);
        (await standings.GetSeasonAsync(season, _ct)).Lines.Select(l => l.AnglerName).ShouldBe(["Bo", "Ada"]);
        (await standings.GetSeasonsAsync(_ct)).ShouldContain(season);
    }

    [Fact]
    public async Task StandingsPage_ForVisitors_IsServedFromTheOutputCacheUntilABagIsSaved_AndPagesABigSeason()
    {
        // A season of its own: other tests' seasons live in other cache entries.
        var season = 2100 + Random.Shared.Next(0, 800);
        var pageSize = Podium.Modules.Club.Areas.Club.Pages.SeasonPage.LinesPerPage;
        Guid tournamentId, lastId;
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var start = new DateTime(season, 6, 6, 11, 30, 0, DateTimeKind.Utc);
            var tournament = new Tournament
            {
                Event = new ClubEvent { Kind = EventKind.Tournament, Title = $"June {season}", StartsAt = start, EndsAt = start.AddHours(8) },
                Season = season,
                Status = TournamentStatus.Completed,
            };
            // One more member than a page holds, each lighter than the last: angler 0 leads, angler N is alone on page 2.
            for (var i = 0; i <= pageSize; i++)
            {
                var angler = new Angler { Name = $"Angler {i:D3}", Email = $"{Guid.NewGuid():N}@example.org" };
                tournament.Results.Add(new TournamentResult { Angler = angler, AnglerId = angler.Id, Fish = 5, TotalWeight = 5000 - (i * 10), BigBass = 300 });
            }

            TournamentScoring.Apply(tournament);
            db.Add(tournament);
            await db.SaveChangesAsync(_ct);
            (tournamentId, lastId) = (tournament.Id, tournament.Results[^1].AnglerId);
        }

        var client = fixture.CreateClient();
        var path = $"/club/standings?season={season}";

        var first = await client.GetAsync(path, _ct);
        var html = await first.Content.ReadAsStringAsync(_ct);
        first.Headers.Age.ShouldBeNull();
        html.ShouldContain(">Angler 000</th>");
        html.ShouldNotContain($">Angler {pageSize:D3}</th>", customMessage: "the last angler is on page 2");
        html.ShouldContain("Page 1 of 2");
        html.ShouldContain($"?season={season}&amp;p=2");
        var second = await client.GetStringAsync($"{path}&p=2", _ct);
        second.ShouldContain($"<tr><td>{pageSize + 1}</td><th scope=\"row\" class=\"text-nowrap\">Angler {pageSize:D3}</th>");
        second.ShouldNotContain(">Angler 000</th>");
        (await client.GetStringAsync($"{path}&p=99", _ct)).ShouldContain("Page 2 of 2", customMessage: "a page past the end shows the last");

        (await client.GetAsync(path, _ct)).Headers.Age.ShouldNotBeNull("the second visitor gets the stored page");

        // The weigh-master moves the last angler to the top: the stored page is dropped with the standings.
        await using (var scope = fixture.CreateScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<ResultEntry>()
                .SaveBagAsync(tournamentId, new BagInput(lastId, new BagEntry(5, 5500, 1200, 0, false, false)), null, _ct);
            saved.Succeeded.ShouldBeTrue(string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
        }

        var changed = await client.GetAsync(path, _ct);
        changed.Headers.Age.ShouldBeNull("a saved bag drops the stored page");
        (await changed.Content.ReadAsStringAsync(_ct)).ShouldContain($"<tr><td>1</td><th scope=\"row\" class=\"text-nowrap\">Angler {pageSize:D3}</th>");
    }

    [Fact]
    public async Task ClubHome_RendersForAVisitor()
    {
        var response = await fixture.CreateClient().GetAsync("/club", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("aria-label=\"Club\"");
        html.ShouldContain("Angler of the Year");
    }

    [Fact]
    public async Task OfficerPages_WhenAMemberWhoIsNoOfficerAsks_AreForbidden()
    {
        var user = (await TestUsers.CreateAsync(fixture.App, $"member-{Guid.NewGuid():N}@example.org")).User;
        await using var scope = fixture.CreateScope();
        var authorization = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>();

        (await authorization.AuthorizeAsync(Principal(user.Id), null, ClubPolicies.Officer)).Succeeded.ShouldBeFalse();
        (await authorization.AuthorizeAsync(Principal(user.Id, Podium.Platform.Identity.Roles.Admin), null, ClubPolicies.Officer)).Succeeded.ShouldBeTrue();
    }

    private static ClaimsPrincipal Principal(Guid userId, string? role = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId.ToString()) };
        if (role is not null)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}

public sealed class SqliteClubFoundationTests(SqliteAppFixture fixture) : ClubFoundationTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClubFoundationTests(PostgresAppFixture fixture) : ClubFoundationTests(fixture), IClassFixture<PostgresAppFixture>;
