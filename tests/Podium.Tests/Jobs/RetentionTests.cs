using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Jobs;
using Podium.Tests.Infrastructure;
using Quartz;

namespace Podium.Tests.Jobs;

/// <summary>The purge job and the Quartz schema, on each provider.</summary>
public abstract class RetentionTests(DatabaseProvider provider) : IAsyncLifetime
{
    private PodiumAppFactory _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = (await PodiumAppFactory.CreateAsync(provider))
            .WithSetting("Podium:Jobs:Retention:JobRunsDays", "30")
            .WithSetting("Podium:Jobs:Retention:EndedSessionsDays", "7")
            .WithSetting("Podium:Jobs:Retention:BatchSize", "10");
        _ = _app.Services;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PurgeJob_WhenRun_DeletesExactlyTheExpiredRowsInBatches()
    {
        var now = DateTime.UtcNow;
        var user = (await TestUsers.CreateAsync(_app, "angler@example.org")).User;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            // 25 old runs need three batches of 10; the ones inside the 30 days stay.
            for (var i = 0; i < 25; i++)
            {
                db.Add(Run($"old-{i}", now.AddDays(-31 - i)));
            }

            db.Add(Run("kept-29-days", now.AddDays(-29)));
            db.Add(Run("kept-today", now.AddHours(-1)));
            db.AddRange(
                Session(user.Id, "expired-long-ago", expires: now.AddDays(-8), revoked: null),
                Session(user.Id, "revoked-long-ago", expires: now.AddDays(20), revoked: now.AddDays(-8)),
                Session(user.Id, "expired-recently", expires: now.AddDays(-6), revoked: null),
                Session(user.Id, "revoked-recently", expires: now.AddDays(20), revoked: now.AddDays(-1)),
                Session(user.Id, "active", expires: now.AddDays(1), revoked: null));
            await db.SaveChangesAsync(Ct);
        }

        await _app.TriggerAsync(PurgeExpiredDataJob.Key);
        var purge = (await _app.WaitForRunsAsync(PurgeExpiredDataJob.Key, 1)).Single();

        purge.Outcome.ShouldBe(JobOutcome.Succeeded, purge.Error);
        purge.ItemsProcessed.ShouldBe(27);
        await using var check = _app.Services.CreateAsyncScope();
        var after = check.ServiceProvider.GetRequiredService<PodiumDbContext>();
        // Only this test's rows: modules' own jobs (the club closes polls every minute) record runs meanwhile.
        (await after.Set<JobRun>().Where(r => r.JobKey.StartsWith("kept-") || r.JobKey.StartsWith("old-")).Select(r => r.JobKey).ToListAsync(Ct))
            .ShouldBe(["kept-29-days", "kept-today"], ignoreOrder: true);
        (await after.Set<UserSession>().Select(s => s.UserAgent).ToListAsync(Ct))
            .ShouldBe(["expired-recently", "revoked-recently", "active"], ignoreOrder: true);
    }

    [Fact]
    public async Task DeleteBatchAsync_DeletesAtMostOneBatchOldestKeysFirst()
    {
        var now = DateTime.UtcNow;
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        for (var i = 0; i < 5; i++)
        {
            db.Add(Run($"batch-{i}", now.AddDays(-40)));
        }

        db.Add(Run("batch-fresh", now));
        await db.SaveChangesAsync(Ct);
        var cutoff = now.AddDays(-30);

        (await db.Set<JobRun>().DeleteBatchAsync(r => r.FinishedAt < cutoff, r => r.Id, 3, Ct)).ShouldBe(3);

        (await db.Set<JobRun>().Where(r => r.JobKey.StartsWith("batch-")).OrderBy(r => r.Id).Select(r => r.JobKey).ToListAsync(Ct)).ShouldBe(["batch-3", "batch-4", "batch-fresh"]);
        (await db.Set<JobRun>().DeleteBatchAsync(r => r.FinishedAt < cutoff, r => r.Id, 3, Ct)).ShouldBe(2);
        (await db.Set<JobRun>().DeleteBatchAsync(r => r.FinishedAt < cutoff, r => r.Id, 3, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Schema_AfterMigrations_HasEveryQuartzTableAndTheSchedulerStartedOnIt()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var sql = provider == DatabaseProvider.Sqlite
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name LIKE 'platform_qrtz_%'"
            : "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'platform_qrtz_%'";

        var tables = await db.Database.SqlQueryRaw<string>(sql).ToListAsync(Ct);

        tables.ShouldBe(
            [.. new[]
            {
                "job_details", "triggers", "simple_triggers", "cron_triggers", "simprop_triggers", "blob_triggers", "calendars",
                "paused_trigger_grps", "paused_job_grps", "fired_triggers", "scheduler_state", "locks", "execution_history",
                "misfire_history", "job_status",
            }.Select(t => "platform_qrtz_" + t)],
            ignoreOrder: true);

        var scheduler = await _app.SchedulerAsync();
        for (var i = 0; i < 300 && scheduler.Status != SchedulerStatus.Running; i++)
        {
            await Task.Delay(100, Ct);
        }

        scheduler.Status.ShouldBe(SchedulerStatus.Running);
        (await scheduler.GetTrigger(new TriggerKey(PurgeExpiredDataJob.Key, JobsExtensions.JobGroup), Ct))!.NextFireTimeUtc.ShouldNotBeNull();
        var stored = await db.Database.SqlQueryRaw<string>("SELECT job_name AS \"Value\" FROM platform_qrtz_job_details").ToListAsync(Ct);
        stored.ShouldContain(PurgeExpiredDataJob.Key);
    }

    private static JobRun Run(string key, DateTime finished) => new()
    {
        JobKey = key,
        InstanceId = "test",
        StartedAt = finished.AddSeconds(-1),
        FinishedAt = finished,
        Outcome = JobOutcome.Succeeded,
    };

    // The user agent names the case, so the surviving rows say which cases survived.
    private static UserSession Session(Guid userId, string name, DateTime expires, DateTime? revoked) => new()
    {
        UserId = userId,
        CreatedAt = expires.AddDays(-1),
        LastSeenAt = expires.AddDays(-1),
        ExpiresAt = expires,
        RevokedAt = revoked,
        UserAgent = name,
    };
}

public sealed class RetentionTests_Sqlite() : RetentionTests(DatabaseProvider.Sqlite);

public sealed class RetentionTests_Postgres() : RetentionTests(DatabaseProvider.Postgres);
