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
    public async Task Seed_IntoAnEmptyClub_WritesAMarkedSampleClubOnce()
    {
        var first = await SeedAsync();

        first.ShouldBeGreaterThan(1000);
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await scope.ServiceProvider.GetRequiredService<ClubSettings>().GetAsync(_ct)).Name.ShouldBe("Sample Bass Club (demo data)");
        (await db.Set<Angler>().CountAsync(_ct)).ShouldBe(60);
        (await db.Set<Angler>().CountAsync(a => a.Kind == MembershipKind.Guest, _ct)).ShouldBe(5);
        (await db.Set<Angler>().AllAsync(a => a.Email.EndsWith("@example.org"), _ct)).ShouldBeTrue();
        (await db.Set<Lake>().Select(l => l.Name).ToListAsync(_ct)).ShouldContain("Lake Travis");
        (await db.Set<Ramp>().AnyAsync(r => r.Name == "Mansfield Dam Park", _ct)).ShouldBeTrue();
        (await db.Set<NewsPost>().SingleAsync(p => p.Pinned, _ct)).Html.ShouldContain("sample data");

        var poll = await db.Set<Poll>().Include(p => p.Options).Include(p => p.Tournament).SingleAsync(_ct);
        poll.Kind.ShouldBe(PollKind.Location);
        poll.ClosedAt.ShouldBeNull();
        poll.ClosesAt.ShouldBeGreaterThan(DateTime.UtcNow);
        poll.Options.Count.ShouldBe(3);
        poll.Tournament!.Status.ShouldBe(TournamentStatus.Scheduled);
        poll.Tournament.LakeId.ShouldBeNull();

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
