using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Competitions;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Competitions;

/// <summary>Scoring an item again: the same result changes nothing, a corrected one replaces the old scores, and none is lost under concurrency.</summary>
public abstract class ScoreLedgerTests(AppFixture fixture)
{
    private static readonly DateTime Entered = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Ann = Guid.CreateVersion7();
    private static readonly Guid Ben = Guid.CreateVersion7();
    private static readonly Guid Cal = Guid.CreateVersion7();

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static string NewCompetition() => $"test.season-{Guid.NewGuid():N}";

    private async Task<IReadOnlyList<MemberTotals>> ScoreAsync(string competition, string item, params ItemScore[] scores)
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<IScoreLedger>();
        return await db.InTransactionAsync(ct => ledger.ScoreItemAsync(db, competition, item, scores, ct), cancellationToken: _ct);
    }

    private async Task<IReadOnlyList<MemberTotals>> TotalsAsync(string competition, params Guid[] members)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IScoreLedger>()
            .TotalsAsync(scope.ServiceProvider.GetRequiredService<PodiumDbContext>(), competition, members, _ct);
    }

    private async Task<List<(Guid Member, int Points, DateTime ScoredAt)>> RowsAsync(string competition)
    {
        await using var scope = fixture.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<CompetitionScore>().AsNoTracking()
            .Where(s => s.Competition == competition).ToListAsync(_ct);
        return rows.OrderBy(r => r.Item, StringComparer.Ordinal).ThenBy(r => r.MemberId).Select(r => (r.MemberId, r.Points, r.ScoredAt)).ToList();
    }

    [Fact]
    public async Task ScoreItem_TheFirstTime_ReturnsEachMembersTotals()
    {
        var competition = NewCompetition();
        await ScoreAsync(competition, "bout-1", new ItemScore(Ann, 10, ScoreOutcome.Correct, Entered.AddHours(1)), new ItemScore(Ben, 0, ScoreOutcome.Wrong, Entered));

        var totals = await ScoreAsync(competition, "bout-2", new ItemScore(Ann, 25, ScoreOutcome.Correct, Entered), new ItemScore(Ben, 5, ScoreOutcome.Wrong, Entered.AddHours(2)));

        totals.OrderBy(t => t.MemberId == Ben).ShouldBe([
            new MemberTotals(Ann, 35, 2, 2, Entered),
            new MemberTotals(Ben, 5, 2, 0, Entered),
        ]);
        totals.Single(t => t.MemberId == Ann).Accuracy.ShouldBe(1.0);
        totals.Single(t => t.MemberId == Ben).Accuracy.ShouldBe(0.0);
        totals.Single(t => t.MemberId == Ann).FirstEntryAt!.Value.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Fact]
    public async Task ScoreItem_AgainWithTheSameScores_ChangesNothingAndReportsNoOne()
    {
        var competition = NewCompetition();
        ItemScore[] scores = [new ItemScore(Ann, 10, ScoreOutcome.Correct, Entered), new ItemScore(Ben, 0, ScoreOutcome.Wrong, Entered)];
        await ScoreAsync(competition, "bout-1", scores);
        var before = await RowsAsync(competition);

        var again = await ScoreAsync(competition, "bout-1", [.. scores.Reverse()]);

        again.ShouldBeEmpty();
        (await RowsAsync(competition)).ShouldBe(before);
        (await TotalsAsync(competition, Ann, Ben)).ShouldBe([new MemberTotals(Ann, 10, 1, 1, Entered), new MemberTotals(Ben, 0, 1, 0, Entered)]);
    }

    [Fact]
    public async Task ScoreItem_AgainWithEntryTimesFinerThanTheDatabaseKeeps_ChangesNothing()
    {
        var competition = NewCompetition();
        var entered = Entered.AddTicks(1234567);
        await ScoreAsync(competition, "bout-1", new ItemScore(Ann, 10, ScoreOutcome.Correct, entered));
        var before = await RowsAsync(competition);

        (await ScoreAsync(competition, "bout-1", new ItemScore(Ann, 10, ScoreOutcome.Correct, entered))).ShouldBeEmpty();

        (await RowsAsync(competition)).ShouldBe(before);
        (await TotalsAsync(competition, Ann)).ShouldHaveSingleItem().FirstEntryAt.ShouldBe(Entered.AddTicks(1234560));
    }

    [Fact]
    public async Task ScoreItem_WithACorrectedResult_ReplacesTheItemsScoresAndReportsWhoChanged()
    {
        var competition = NewCompetition();
        await ScoreAsync(competition, "bout-0", new ItemScore(Ann, 7, ScoreOutcome.Correct, Entered));
        await ScoreAsync(competition, "bout-1",
            new ItemScore(Ann, 10, ScoreOutcome.Correct, Entered), new ItemScore(Ben, 0, ScoreOutcome.Wrong, Entered), new ItemScore(Cal, 3, ScoreOutcome.Wrong, Entered));

        // The winner was the other fighter: Ben was right, Ann wrong; Cal's entry was withdrawn; Dee's had been missed.
        var dee = Guid.CreateVersion7();
        var corrected = await ScoreAsync(competition, "bout-1",
            new ItemScore(Ann, 0, ScoreOutcome.Wrong, Entered), new ItemScore(Ben, 10, ScoreOutcome.Correct, Entered), new ItemScore(dee, 0, ScoreOutcome.Wrong, Entered));

        corrected.OrderBy(t => t.MemberId).ShouldBe(new[]
        {
            new MemberTotals(Ann, 7, 2, 1, Entered),
            new MemberTotals(Ben, 10, 1, 1, Entered),
            new MemberTotals(Cal, 0, 0, 0, null),
            new MemberTotals(dee, 0, 1, 0, Entered),
        }.OrderBy(t => t.MemberId));
        (await RowsAsync(competition)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task ScoreItem_WhenOneMembersScoreChanges_ReportsOnlyThatMember()
    {
        var competition = NewCompetition();
        await ScoreAsync(competition, "bout-1", new ItemScore(Ann, 10, ScoreOutcome.Correct, Entered), new ItemScore(Ben, 0, ScoreOutcome.Wrong, Entered));

        var changed = await ScoreAsync(competition, "bout-1", new ItemScore(Ann, 15, ScoreOutcome.Correct, Entered), new ItemScore(Ben, 0, ScoreOutcome.Wrong, Entered));

        changed.ShouldBe([new MemberTotals(Ann, 15, 1, 1, Entered)]);
    }

    [Fact]
    public async Task ScoreItem_Void_HoldsNoPointsAndDoesNotCount()
    {
        var competition = NewCompetition();
        await ScoreAsync(competition, "bout-1", new ItemScore(Ann, 10, ScoreOutcome.Correct, Entered));

        var totals = await ScoreAsync(competition, "bout-2", new ItemScore(Ann, 0, ScoreOutcome.Void, Entered.AddHours(-1)));

        totals.ShouldBe([new MemberTotals(Ann, 10, 1, 1, Entered.AddHours(-1))]);
        totals[0].Accuracy.ShouldBe(1.0);
    }

    [Fact]
    public async Task ScoreItem_WithNoScores_RemovesTheItem()
    {
        var competition = NewCompetition();
        await ScoreAsync(competition, "bout-1", new ItemScore(Ann, 10, ScoreOutcome.Correct, Entered));

        (await ScoreAsync(competition, "bout-1")).ShouldBe([new MemberTotals(Ann, 0, 0, 0, null)]);
        (await RowsAsync(competition)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ScoreItem_WithBadArguments_ThrowsAndWritesNothing()
    {
        var competition = NewCompetition();
        await Should.ThrowAsync<ArgumentException>(() => ScoreAsync(competition, "bout-1", new ItemScore(Ann, 3, ScoreOutcome.Void, Entered)));
        await Should.ThrowAsync<ArgumentException>(() => ScoreAsync(competition, "bout-1", new ItemScore(Ann, 3, ScoreOutcome.Correct, Entered), new ItemScore(Ann, 0, ScoreOutcome.Wrong, Entered)));
        await Should.ThrowAsync<ArgumentException>(() => ScoreAsync(competition, "bout-1", new ItemScore(Ann, 3, (ScoreOutcome)7, Entered)));
        await Should.ThrowAsync<ArgumentException>(() => ScoreAsync(competition, "bout-1", new ItemScore(Ann, 3, ScoreOutcome.Correct, DateTime.SpecifyKind(Entered, DateTimeKind.Unspecified))));
        await Should.ThrowAsync<ArgumentException>(() => ScoreAsync(competition, "", new ItemScore(Ann, 3, ScoreOutcome.Correct, Entered)));
        await Should.ThrowAsync<ArgumentException>(() => ScoreAsync(new string('c', 129), "bout-1", new ItemScore(Ann, 3, ScoreOutcome.Correct, Entered)));

        (await RowsAsync(competition)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ScoreItem_OutsideATransaction_Throws()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();

        await Should.ThrowAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<IScoreLedger>()
            .ScoreItemAsync(db, NewCompetition(), "bout-1", [new ItemScore(Ann, 1, ScoreOutcome.Correct, Entered)], _ct));
    }

    [Fact]
    public async Task ScoreItem_ItemsOfOneCompetitionScoredAtOnce_LoseNothingAndTheLastTotalsAreWhole()
    {
        var competition = NewCompetition();
        const int items = 8;
        var reported = new ConcurrentBag<MemberTotals>();

        await Task.WhenAll(Enumerable.Range(1, items).Select(async i =>
        {
            await Task.Yield();
            foreach (var totals in await ScoreAsync(competition, $"bout-{i}",
                new ItemScore(Ann, i, ScoreOutcome.Correct, Entered), new ItemScore(Ben, 1, ScoreOutcome.Wrong, Entered), new ItemScore(Cal, 0, ScoreOutcome.Void, Entered)))
            {
                reported.Add(totals);
            }
        }));

        var expectedAnn = new MemberTotals(Ann, Enumerable.Range(1, items).Sum(), items, items, Entered);
        var expectedBen = new MemberTotals(Ben, items, items, 0, Entered);
        (await TotalsAsync(competition, Ann, Ben)).ShouldBe([expectedAnn, expectedBen]);

        // Scorers took turns, so whichever committed last saw every other item: its totals, pushed last, are complete.
        reported.ShouldContain(expectedAnn);
        reported.ShouldContain(expectedBen);
        reported.Where(t => t.MemberId == Ann).Select(t => t.Scored).Order().ShouldBe(Enumerable.Range(1, items));
    }
}

public sealed class SqliteScoreLedgerTests(SqliteAppFixture fixture) : ScoreLedgerTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresScoreLedgerTests(PostgresAppFixture fixture) : ScoreLedgerTests(fixture), IClassFixture<PostgresAppFixture>;
