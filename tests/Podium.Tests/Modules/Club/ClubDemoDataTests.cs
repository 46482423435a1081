using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Demo;
using Podium.Modules.Club.Features.Standings;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

public abstract class ClubDemoDataTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_IntoAnEmptyClub_WritesAMarkedSampleClubWithSomethingOnEveryPage_Once()
    {
        var first = await SeedAsync();

        first.ShouldBeGreaterThan(1000);
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var club = await scope.ServiceProvider.GetRequiredService<ClubSettings>().GetAsync(_ct);
        club.Name.ShouldBe("Sample Bass Club (demo data)");
        club.IsSampleData.ShouldBeTrue();
        (await db.Set<Angler>().CountAsync(_ct)).ShouldBe(60);
        (await db.Set<Angler>().CountAsync(a => a.Kind == MembershipKind.Guest, _ct)).ShouldBe(5);
        (await db.Set<Angler>().AllAsync(a => a.Email.EndsWith("@example.org"), _ct)).ShouldBeTrue();
        var phones = await db.Set<Angler>().Where(a => a.Kind == MembershipKind.Member).Select(a => a.Phone).ToListAsync(_ct);
        phones.Count(p => p != null).ShouldBeGreaterThan(40);
        phones.OfType<string>().ShouldAllBe(p => PhoneNumber.Display(p).StartsWith("(512) 555-01"));

        // Every lake and ramp has coordinates, so the lake pages have something to link to a map.
        var lakes = await db.Set<Lake>().Include(l => l.Ramps).ToListAsync(_ct);
        lakes.Select(l => l.Name).ShouldContain("Lake Travis");
        lakes.SelectMany(l => l.Ramps).ShouldContain(r => r.Name == "Mansfield Dam Park");
        lakes.ShouldAllBe(l => l.Latitude > 29 && l.Latitude < 32 && l.Longitude > -99 && l.Longitude < -97);
        lakes.SelectMany(l => l.Ramps).ShouldAllBe(r => r.Latitude != null && r.Longitude != null);

        var news = await db.Set<NewsPost>().Where(p => p.Status == NewsStatus.Published).ToListAsync(_ct);
        news.Count.ShouldBeGreaterThan(1);
        news.Where(p => p.Pinned).ShouldHaveSingleItem().Html.ShouldContain("sample data");

        // An open location poll for the next tournament, and closed polls with their votes: one that chose the latest
        // tournament's lake, one general poll with written-in answers.
        var polls = await db.Set<Poll>().Include(p => p.Options).Include(p => p.Tournament).ThenInclude(t => t!.Event).ToListAsync(_ct);
        var open = polls.Where(p => p.ClosedAt == null).ShouldHaveSingleItem();
        open.Kind.ShouldBe(PollKind.Location);
        open.ClosesAt.ShouldBeGreaterThan(DateTime.UtcNow);
        open.Options.Count.ShouldBe(3);
        open.Options.ShouldAllBe(o => o.LakeId != null && o.RampId != null && o.StartsAt == open.Tournament!.Event.StartsAt);
        open.Tournament!.Status.ShouldBe(TournamentStatus.Scheduled);
        open.Tournament.LakeId.ShouldBeNull();
        var chose = polls.Where(p => p.ClosedAt != null && p.Kind == PollKind.Location).ShouldHaveSingleItem();
        chose.ClosesAt.ShouldBeLessThan(DateTime.UtcNow);
        chose.Tournament!.Status.ShouldBe(TournamentStatus.Completed);
        var winner = chose.Options.Single(o => o.Id == chose.WinningOptionId);
        (winner.LakeId, winner.RampId).ShouldBe((chose.Tournament.LakeId, chose.Tournament.RampId));
        var general = polls.Where(p => p.ClosedAt != null && p.Kind == PollKind.General).ShouldHaveSingleItem();
        general.AllowOther.ShouldBeTrue();
        general.WinningOptionId.ShouldNotBeNull();
        var votes = await db.Set<PollVote>().Where(v => v.PollId == chose.Id || v.PollId == general.Id).ToListAsync(_ct);
        votes.Count(v => v.PollId == chose.Id).ShouldBeGreaterThan(10);
        votes.ShouldContain(v => v.PollId == general.Id && v.OtherText != null);
        votes.ShouldAllBe(v => v.CastAt < DateTime.UtcNow);

        // Meetings, a holiday and other club days besides the tournaments.
        var kinds = await db.Set<ClubEvent>().Select(e => e.Kind).Distinct().ToListAsync(_ct);
        kinds.ShouldBe([EventKind.Tournament, EventKind.Meeting, EventKind.Holiday, EventKind.Other], ignoreOrder: true);
        (await db.Set<ClubEvent>().Where(e => e.Kind == EventKind.Holiday).ToListAsync(_ct)).ShouldAllBe(e => e.AllDay);
        (await db.Set<ClubEvent>().CountAsync(e => e.Kind == EventKind.Meeting && e.StartsAt > DateTime.UtcNow, _ct)).ShouldBeGreaterThan(0);

        // The March team opens have team results, placed.
        var opens = await db.Set<Tournament>().Include(t => t.TeamResults).Where(t => t.Event.Title.EndsWith("Spring Team Open")).ToListAsync(_ct);
        opens.Count.ShouldBeGreaterThanOrEqualTo(2);
        opens.ShouldAllBe(t => t.TeamResults.Count >= 10 && t.TeamResults.All(r => r.Place != null && r.TotalWeight > 0));
        opens.ShouldAllBe(t => t.TeamResults.Count(r => r.Angler2Id == null) <= 1);

        // Three seasons of monthly tournaments up to today: at least the two full past seasons.
        var completed = await db.Set<Tournament>().Where(t => t.Status == TournamentStatus.Completed).Select(t => t.Season).ToListAsync(_ct);
        completed.Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
        completed.Count.ShouldBeGreaterThanOrEqualTo(22);
        var lastSeason = completed.Max() - 1;
        var board = await scope.ServiceProvider.GetRequiredService<ClubStandings>().GetSeasonAsync(lastSeason, _ct);
        board.Lines.Count.ShouldBeGreaterThan(40);
        board.Lines[0].Rank.ShouldBe(1);
        board.Lines.ShouldAllBe(l => l.Points >= 0);
        // Guests fish but never appear in the AoY race.
        var guests = await db.Set<Angler>().Where(a => a.Kind == MembershipKind.Guest).Select(a => a.Id).ToListAsync(_ct);
        board.Lines.ShouldNotContain(l => guests.Contains(l.AnglerId));

        // Weights as a Central-Texas club weighs them: a 5-lb bass is an event (a couple of dozen a season, not one
        // in five fish), a winning bag is in the teens, nothing is a world record.
        var season = await db.Set<TournamentResult>().Where(r => r.Tournament.Season == lastSeason && !r.BuyIn).ToListAsync(_ct);
        season.Count(r => r.BigBass >= 500).ShouldBeInRange(8, 45);
        season.Max(r => r.BigBass).ShouldBeLessThanOrEqualTo(10_00);
        var winners = season.Where(r => r.Place == 1).Select(r => r.NetWeight).ToList();
        winners.Average().ShouldBeInRange(12_00, 22_00);
        var limits = season.Where(r => r.Fish == 5).Select(r => r.TotalWeight).ToList();
        limits.Average().ShouldBeInRange(8_00, 14_00);

        // Whichever club page a shared link opens, it says the club is made up.
        var visitor = new FormSession(fixture.App);
        foreach (var path in new[] { "/club", $"/club/standings?season={lastSeason}", "/club/roster", "/club/polls" })
        {
            (await visitor.GetPageAsync(path)).ShouldContain("data-testid=\"sample-data\"", customMessage: path);
        }

        var rows = await CountRowsAsync();
        (await SeedAsync()).ShouldBe(0);
        (await CountRowsAsync()).ShouldBe(rows);
    }

    private async Task<int> SeedAsync()
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<ClubDemoSeeder>().Single().SeedAsync(_ct);
    }

    private async Task<(int, int, int, int)> CountRowsAsync()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        return (await db.Set<Angler>().CountAsync(_ct), await db.Set<Tournament>().CountAsync(_ct), await db.Set<TournamentResult>().CountAsync(_ct), await db.Set<PollVote>().CountAsync(_ct));
    }
}

public sealed class SqliteClubDemoDataTests(SqliteAppFixture fixture) : ClubDemoDataTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClubDemoDataTests(PostgresAppFixture fixture) : ClubDemoDataTests(fixture), IClassFixture<PostgresAppFixture>;
