using Podium.Platform.Data;
using Podium.Platform.Jobs;
using Podium.Tests.Infrastructure;
using Quartz;

namespace Podium.Tests.Jobs;

/// <summary>A <see cref="PodiumJob"/> run through the real scheduler: what is recorded, measured and retried.</summary>
public sealed class JobRunTests : IAsyncLifetime
{
    private PodiumAppFactory _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithScriptedJobs("test-succeeds", "test-fails", "test-flaky", "test-always-transient")
            .WithSetting("Podium:Jobs:RetryMaxAttempts", "2")
            .WithSetting("Podium:Jobs:RetryInitialDelaySeconds", "1")
            .WithSetting("Podium:Jobs:RetryMaxDelaySeconds", "1");
        _ = _app.Services;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Execute_WhenJobSucceeds_RecordsTheRunItsItemsAndMetrics()
    {
        using var metrics = new MetricRecorder(_app.Services, "Podium.Jobs");
        _app.Script().Set("test-succeeds", _ => 7);

        await _app.TriggerAsync("test-succeeds");
        var run = (await _app.WaitForRunsAsync("test-succeeds", 1)).Single();

        run.Outcome.ShouldBe(JobOutcome.Succeeded);
        run.ItemsProcessed.ShouldBe(7);
        run.Attempt.ShouldBe(0);
        run.Error.ShouldBeNull();
        run.InstanceId.ShouldBe((await _app.SchedulerAsync()).SchedulerInstanceId);
        run.FinishedAt.ShouldBeGreaterThanOrEqualTo(run.StartedAt);
        metrics.Measurements.Where(m => Equals(m.Tag("job_name"), "test-succeeds")).Select(m => (m.Instrument, m.Tag("outcome") as string))
            .ShouldBe([("podium.jobs.runs", JobOutcome.Succeeded), ("podium.jobs.duration", JobOutcome.Succeeded)], ignoreOrder: true);
    }

    [Fact]
    public async Task Execute_WhenJobThrows_RecordsAFailureWithATruncatedErrorWithoutSecretsAndDoesNotRetry()
    {
        _app.Script().Set("test-fails", _ => throw new InvalidOperationException("Feed refused us: password=hunter2; " + new string('x', 5000)));

        await _app.TriggerAsync("test-fails");
        var run = (await _app.WaitForRunsAsync("test-fails", 1)).Single();

        run.Outcome.ShouldBe(JobOutcome.Failed);
        run.ItemsProcessed.ShouldBe(0);
        run.Error.ShouldNotBeNull();
        run.Error.ShouldStartWith("InvalidOperationException: Feed refused us: password=***");
        run.Error.ShouldNotContain("hunter2");
        run.Error.Length.ShouldBeLessThanOrEqualTo(1000);
        (await RetryAttemptsAsync("test-fails")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Execute_WhenFailureIsTransient_IsRetriedByAStoredTriggerUntilItSucceeds()
    {
        _app.Script().Set("test-flaky", context => context.Attempt < 2 ? throw new TransientJobException("feed answered 503") : 3);

        await _app.TriggerAsync("test-flaky");
        var runs = await _app.WaitForRunsAsync("test-flaky", 3);

        runs.Select(r => (r.Attempt, r.Outcome)).ShouldBe([(0, JobOutcome.Failed), (1, JobOutcome.Failed), (2, JobOutcome.Succeeded)]);
        runs[0].Error!.ShouldContain("feed answered 503");
        runs[2].ItemsProcessed.ShouldBe(3);
    }

    [Fact]
    public async Task Execute_WhenTransientFailuresOutlastTheAttempts_StopsAfterTheLastRetry()
    {
        _app.Script().Set("test-always-transient", _ => throw new TransientJobException("still down"));

        await _app.TriggerAsync("test-always-transient");
        var runs = await _app.WaitForRunsAsync("test-always-transient", 3);

        runs.Select(r => r.Attempt).ShouldBe([0, 1, 2]);
        runs.ShouldAllBe(r => r.Outcome == JobOutcome.Failed);
        // A retry is stored before its run is recorded: none beyond the maximum was ever stored.
        (await RetryAttemptsAsync("test-always-transient")).ShouldAllBe(attempt => attempt <= 2);
    }

    [Fact]
    public void RetryDelay_GrowsExponentiallyUpToTheMaximum()
    {
        var options = new JobsOptions { RetryInitialDelaySeconds = 30, RetryMaxDelaySeconds = 100 };

        Enumerable.Range(1, 4).Select(options.RetryDelay).ShouldBe(
            [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(100)]);
    }

    private async Task<List<int>> RetryAttemptsAsync(string jobKey)
    {
        var scheduler = await _app.SchedulerAsync();
        var attempts = new List<int>();
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals("podium-retries"), Ct))
        {
            if (await scheduler.GetTrigger(key, Ct) is { } trigger && trigger.JobKey.Name == jobKey)
            {
                attempts.Add(trigger.JobDataMap.GetInt("podium.attempt"));
            }
        }

        return attempts;
    }
}
