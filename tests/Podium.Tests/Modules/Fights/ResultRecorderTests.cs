using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Features.Demo;
using Podium.Modules.Fights.Features.Results;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>The one way a result is recorded: checked, committed with its audit row, unchanged when sent twice.</summary>
public abstract class ResultRecorderTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Record_ACorrection_ChangesTheBoutOnce_AndTheSameResultAgainChangesNothing()
    {
        var bout = await BoutAsync(past: true);
        var corrected = BoutResult.WinFor(bout.Outcome == BoutOutcome.WinA ? Corner.B : Corner.A, FinishMethod.Submission, 2, TimeSpan.FromSeconds(95));

        var first = await RecordAsync(bout.Id, corrected);
        var again = await RecordAsync(bout.Id, corrected);

        first.Succeeded.ShouldBeTrue();
        first.Value!.Changed.ShouldBeTrue();
        again.Value!.Changed.ShouldBeFalse();
        var saved = await BoutAsync(bout.Id);
        saved.Result.ShouldBe(corrected);
        saved.Status.ShouldBe(BoutStatus.Completed);
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<Podium.Platform.Audit.AuditEvent>().CountAsync(a => a.Target == $"bout:{bout.Id:N}" && a.Action == "fights.result.corrected", _ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Record_ForABoutNotYetFought_IsRefusedAndNothingChanges()
    {
        var bout = await BoutAsync(past: false);

        var outcome = await RecordAsync(bout.Id, BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1));

        outcome.Succeeded.ShouldBeFalse();
        outcome.Errors.Keys.ShouldContain("result");
        (await BoutAsync(bout.Id)).Outcome.ShouldBeNull();
    }

    [Fact]
    public async Task Record_ARoundBeyondTheScheduledRounds_IsRefused()
    {
        var bout = await BoutAsync(past: true);

        var outcome = await RecordAsync(bout.Id, BoutResult.WinFor(Corner.A, FinishMethod.KoTko, bout.ScheduledRounds + 1));

        outcome.Errors.Keys.ShouldContain("round");
        (await BoutAsync(bout.Id)).Result.ShouldBe(bout.Result);
    }

    [Fact]
    public async Task Record_AnUnknownBout_IsNotFound()
    {
        var outcome = await RecordAsync(Guid.NewGuid(), new BoutResult(BoutOutcome.Draw));

        outcome.Problem.ShouldBe(ResultRecorder.NoBout);
    }

    private async Task<Podium.Platform.Modules.Commands.CommandResult<RecordedResult>> RecordAsync(Guid boutId, BoutResult? result)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ResultRecorder>().RecordAsync(boutId, result, "admin", null, _ct);
    }

    private async Task<Bout> BoutAsync(bool past)
    {
        await using var scope = fixture.CreateScope();
        await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<FightsDemoSeeder>().Single().SeedAsync(_ct);
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var now = DateTime.UtcNow;
        return await db.Set<Bout>().AsNoTracking().Include(b => b.Event)
            .Where(b => past ? b.Event.StartsAt < now && b.Outcome == BoutOutcome.WinA : b.Event.StartsAt > now.AddDays(1))
            .OrderBy(b => b.Id).Skip(past ? 3 : 0).FirstAsync(_ct);
    }

    private async Task<Bout> BoutAsync(Guid id)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Bout>().AsNoTracking().Include(b => b.Event).SingleAsync(b => b.Id == id, _ct);
    }
}

public sealed class SqliteResultRecorderTests(SqliteAppFixture fixture) : ResultRecorderTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresResultRecorderTests(PostgresAppFixture fixture) : ResultRecorderTests(fixture), IClassFixture<PostgresAppFixture>;
