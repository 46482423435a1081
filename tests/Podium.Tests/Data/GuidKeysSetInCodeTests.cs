using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club.Domain;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Outbox;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Data;

/// <summary>Guid keys are made in code, so EF never takes a new entity for an existing one because its key is set.</summary>
public abstract class GuidKeysSetInCodeTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static List<IEntityType> GuidKeyed(PodiumDbContext db) =>
        [.. db.Model.GetEntityTypes().Where(e => e.FindPrimaryKey() is { Properties: [{ ClrType: var type }] } && type == typeof(Guid))];

    [Fact]
    public async Task Model_WhenAnEntityHasAGuidKey_NeverGeneratesItUnlessIdentityDeclaresIt()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();

        var keys = GuidKeyed(db).ToDictionary(e => e.ClrType, e => e.FindPrimaryKey()!.Properties[0].ValueGenerated);

        keys[typeof(OutboxMessage)].ShouldBe(ValueGenerated.Never);
        keys[typeof(TournamentResult)].ShouldBe(ValueGenerated.Never);
        keys[typeof(PollOption)].ShouldBe(ValueGenerated.Never);
        keys[typeof(PodiumUser)].ShouldBe(ValueGenerated.OnAdd);
        keys.Where(k => k.Value != ValueGenerated.Never).Select(k => k.Key).ShouldBe([typeof(PodiumRole), typeof(PodiumUser)], ignoreOrder: true);
    }

    [Fact]
    public async Task NewEntity_WhenItsGuidKeyIsNeverGenerated_CarriesAnIdFromItsInitializer()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();

        // Keys that are also a foreign key (a tournament shares its event's id) are given by the relationship instead.
        var made = GuidKeyed(db)
            .Where(e => e.FindPrimaryKey()!.Properties[0] is { ValueGenerated: ValueGenerated.Never } key && !key.IsForeignKey())
            .Select(e => (e.ClrType, Id: (Guid)e.FindPrimaryKey()!.Properties[0].PropertyInfo!.GetValue(Activator.CreateInstance(e.ClrType, nonPublic: true))!))
            .ToList();

        made.Count.ShouldBeGreaterThan(10);
        made.Where(m => m.Id == Guid.Empty).Select(m => m.ClrType.Name).ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveChanges_WhenANewEntityIsReachedOnlyThroughATrackedParentsCollection_InsertsIt()
    {
        var poll = new Poll { Title = "Where next?", OpensAt = DateTime.UtcNow, ClosesAt = DateTime.UtcNow.AddDays(1), Options = { new PollOption { Text = "Lake Travis" } } };
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.Add(poll);
            await db.SaveChangesAsync(_ct);
        }

        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var tracked = await db.Set<Poll>().Include(p => p.Options).SingleAsync(p => p.Id == poll.Id, _ct);
            tracked.Options.Add(new PollOption { PollId = poll.Id, Text = "Lake Buchanan", SortOrder = 1 });

            await db.SaveChangesAsync(_ct);
        }

        await using var check = fixture.CreateScope();
        (await check.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<PollOption>().Where(o => o.PollId == poll.Id).OrderBy(o => o.SortOrder).Select(o => o.Text).ToListAsync(_ct))
            .ShouldBe(["Lake Travis", "Lake Buchanan"]);
    }
}

public sealed class GuidKeysSetInCodeTests_Sqlite(SqliteAppFixture fixture) : GuidKeysSetInCodeTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class GuidKeysSetInCodeTests_Postgres(PostgresAppFixture fixture) : GuidKeysSetInCodeTests(fixture), IClassFixture<PostgresAppFixture>;
