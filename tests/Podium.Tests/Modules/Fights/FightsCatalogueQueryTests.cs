using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>Counts the SQL commands the app sends, so a test can see a page's reads do not grow with its rows.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public abstract class CountingAppFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public CommandCounter Commands { get; } = new();

    protected override void Configure(PodiumAppFactory app) => app.WithServices(s => s.AddSingleton<IInterceptor>(Commands));
}

public sealed class SqliteCountingAppFixture() : CountingAppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresCountingAppFixture() : CountingAppFixture(DatabaseProvider.Postgres);

/// <summary>
/// The catalogue's pages read a fixed number of queries however many bouts a fighter or card has: no query per bout,
/// fighter or line (an N+1 would make the busiest fighter's page cost more than a newcomer's).
/// </summary>
public abstract class FightsCatalogueQueryTests(CountingAppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task FighterPage_ReadsAsManyQueriesForAFighterOfManyBoutsAsForOneOfFew()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        var (busiest, quietest) = await FightersByBoutsAsync();

        await CountAsync($"/fights/fighters/{quietest}"); // the first render of the page compiles it
        var few = await CountAsync($"/fights/fighters/{quietest}");
        var many = await CountAsync($"/fights/fighters/{busiest}");

        many.ShouldBe(few);
        many.ShouldBeLessThanOrEqualTo(8);
    }

    [Fact]
    public async Task EventAndBoutAndAnalyticsPages_ReadAFewQueries_NotOnePerBout()
    {
        await FightsSeed.SeedAsync(fixture, _ct);
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var e = await db.Set<FightEvent>().Where(x => x.Status == EventStatus.Completed).OrderBy(x => x.StartsAt).Select(x => new { x.Slug, Bouts = x.Bouts.Count }).FirstAsync(_ct);
        var bout = await db.Set<Bout>().Select(b => b.Id).FirstAsync(_ct);
        e.Bouts.ShouldBeGreaterThan(8);

        foreach (var path in new[] { $"/fights/events/{e.Slug}", $"/fights/bouts/{bout}", "/fights/analytics", "/fights/events?when=past", "/fights/fighters" })
        {
            await CountAsync(path);
            (await CountAsync(path)).ShouldBeLessThanOrEqualTo(6, path);
        }
    }

    private async Task<int> CountAsync(string path)
    {
        var client = fixture.CreateClient();
        var before = fixture.Commands.Count;
        (await client.GetAsync(path, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        var count = fixture.Commands.Count - before;
        TestContext.Current.TestOutputHelper?.WriteLine($"{path}: {count} queries");
        return count;
    }

    private async Task<(string Busiest, string Quietest)> FightersByBoutsAsync()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var counts = await db.Set<Fighter>()
            .Select(f => new { f.Slug, Bouts = db.Set<Bout>().Count(b => b.FighterAId == f.Id || b.FighterBId == f.Id) })
            .Where(f => f.Bouts > 0)
            .OrderBy(f => f.Bouts).ThenBy(f => f.Slug)
            .ToListAsync(_ct);
        counts[^1].Bouts.ShouldBeGreaterThan(counts[0].Bouts);
        return (counts[^1].Slug, counts[0].Slug);
    }
}

public sealed class SqliteFightsCatalogueQueryTests(SqliteCountingAppFixture fixture) : FightsCatalogueQueryTests(fixture), IClassFixture<SqliteCountingAppFixture>;

public sealed class PostgresFightsCatalogueQueryTests(PostgresCountingAppFixture fixture) : FightsCatalogueQueryTests(fixture), IClassFixture<PostgresCountingAppFixture>;
