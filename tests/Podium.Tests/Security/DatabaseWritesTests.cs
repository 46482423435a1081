using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Settings;
using Podium.Tests.Security.Fuzzing;

namespace Podium.Tests.Security;

/// <summary>
/// The fuzzer's write detector: it must see every committed row, whoever wrote it, and nothing rolled back. In the
/// fuzzer's app (no background jobs), so every write seen is the test's.
/// </summary>
public abstract class DatabaseWritesTests(FuzzAppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Snapshot_CountsCommittedRowsByTableAndOperation_AndNothingRolledBack()
    {
        await using var writes = await DatabaseWrites.InstallAsync(fixture.App, _ct);
        var key = $"fuzz.{Guid.NewGuid():N}";
        var before = await writes.SnapshotAsync(_ct);

        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(_ct);
                db.Add(new PlatformSetting { Key = $"{key}.rolled-back", Value = "never", UpdatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync(_ct);
                await transaction.RollbackAsync(_ct);
            });

            db.ChangeTracker.Clear();
            db.Add(new PlatformSetting { Key = key, Value = "a", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(_ct);
            await db.Set<PlatformSetting>().Where(s => s.Key == key).ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, "b"), _ct);
            await db.Set<PlatformSetting>().Where(s => s.Key == key).ExecuteDeleteAsync(_ct);
        }

        DatabaseWrites.Difference(before, await writes.SnapshotAsync(_ct))
            .ShouldBe(new Dictionary<string, long> { ["platform_settings:insert"] = 1, ["platform_settings:update"] = 1, ["platform_settings:delete"] = 1 }, ignoreOrder: true);
    }

    [Fact]
    public async Task OnlyRefusalsAudited_AllowsAuditEventsOfRefusals_ButNotOfSuccessesOrOtherTables()
    {
        await using var writes = await DatabaseWrites.InstallAsync(fixture.App, _ct);
        await using var scope = fixture.CreateScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();

        // Each is judged right after it was written, as the fuzzer judges a request right after its answer.
        var before = await writes.SnapshotAsync(_ct);
        await audit.RecordAsync("fuzz.refused", AuditOutcome.Denied, null, cancellationToken: _ct);
        await audit.RecordAsync("fuzz.failed", AuditOutcome.Failure, null, cancellationToken: _ct);
        var refusals = DatabaseWrites.Difference(before, await writes.SnapshotAsync(_ct));
        refusals.ShouldBe(new Dictionary<string, long> { ["platform_audit_events:insert"] = 2 });
        (await writes.OnlyRefusalsAuditedAsync(refusals, _ct)).ShouldBeTrue();
        (await writes.OnlyRefusalsAuditedAsync(new Dictionary<string, long>(refusals) { ["platform_settings:insert"] = 1 }, _ct)).ShouldBeFalse();

        before = await writes.SnapshotAsync(_ct);
        await audit.RecordAsync("fuzz.done", AuditOutcome.Success, null, cancellationToken: _ct);
        var success = DatabaseWrites.Difference(before, await writes.SnapshotAsync(_ct));
        (await writes.OnlyRefusalsAuditedAsync(success, _ct)).ShouldBeFalse();
    }
}

public sealed class SqliteDatabaseWritesTests(SqliteFuzzAppFixture fixture) : DatabaseWritesTests(fixture), IClassFixture<SqliteFuzzAppFixture>;

public sealed class PostgresDatabaseWritesTests(PostgresFuzzAppFixture fixture) : DatabaseWritesTests(fixture), IClassFixture<PostgresFuzzAppFixture>;
