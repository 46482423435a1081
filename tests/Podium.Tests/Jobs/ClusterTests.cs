using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Jobs;
using Podium.Tests.Infrastructure;
using Quartz;

namespace Podium.Tests.Jobs;

/// <summary>Two instances on one PostgreSQL database form one Quartz cluster: a trigger fires on exactly one of them.</summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private const string Job = "test-cluster";
    private const string Hourly = "test-cluster-hourly";
    private const int Triggers = 12;
    private TestDatabase _database = null!;
    private PodiumAppFactory _nodeA = null!;
    private PodiumAppFactory _nodeB = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        _nodeA = Node("node-a");
        _nodeB = Node("node-b");
        // One after the other: the first migrates the shared database, the second finds it up to date.
        _ = _nodeA.Services;
        _ = _nodeB.Services;
    }

    public async ValueTask DisposeAsync()
    {
        if (_nodeA is not null)
        {
            await _nodeA.DisposeAsync();
        }

        if (_nodeB is not null)
        {
            await _nodeB.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Triggers_OnATwoNodeCluster_EachFireOnExactlyOneNode()
    {
        await WaitForBothNodesToCheckInAsync();
        _nodeA.Script().Set(Job, _ => 1);
        _nodeB.Script().Set(Job, _ => 1);

        // Scheduled on node A only, a little ahead, so both nodes are polling when they come due.
        var scheduler = await _nodeA.SchedulerAsync();
        var at = DateTimeOffset.UtcNow.AddSeconds(2);
        for (var i = 0; i < Triggers; i++)
        {
            await scheduler.ScheduleJob(
                TriggerBuilder.Create(TimeProvider.System).WithIdentity($"once-{i}", "test").ForJob(new JobKey(Job, JobsExtensions.JobGroup)).StartAt(at).Build(),
                new ScheduleJobOptions(),
                Ct);
        }

        await _nodeA.WaitForRunsAsync(Job, Triggers);
        await WaitUntilNothingIsFiringAsync();

        var runs = await _nodeA.RunsAsync(Job);
        runs.Count.ShouldBe(Triggers);
        runs.ShouldAllBe(r => r.Outcome == JobOutcome.Succeeded);
        runs.Select(r => r.InstanceId).ShouldAllBe(id => id == "node-a" || id == "node-b");
    }

    [Fact]
    public async Task RegisteredSchedule_WhenEveryNodeStartsWithIt_IsStoredOnceAndFiresOnce()
    {
        await WaitForBothNodesToCheckInAsync();

        // Its first occurrence is at start: a node that re-added the trigger on its own start would fire it again.
        await _nodeA.WaitForRunsAsync(Hourly, 1);
        await WaitUntilNothingIsFiringAsync();

        (await _nodeA.RunsAsync(Hourly)).Count.ShouldBe(1);
        (await QueryAsync($"SELECT trigger_name AS \"Value\" FROM platform_qrtz_triggers WHERE job_name = '{Hourly}'")).ShouldBe([Hourly]);
    }

    private PodiumAppFactory Node(string instanceId) =>
        new PodiumAppFactory(_database, ownsDatabase: false)
            .WithScriptedJobs(Job)
            .WithServices(services => services.AddPodiumJob<ScriptedJob>(Hourly, JobSchedule.Every(TimeSpan.FromHours(1)), "Hourly test job"))
            .WithSetting("Podium:Jobs:InstanceId", instanceId)
            .WithSetting("Podium:Jobs:ClusterCheckinIntervalSeconds", "1")
            .WithSetting("Podium:Jobs:ClusterCheckinMisfireThresholdSeconds", "5")
            .WithSetting("Podium:Jobs:IdleWaitSeconds", "1");

    private async Task WaitForBothNodesToCheckInAsync()
    {
        List<string> nodes = [];
        for (var i = 0; i < 300; i++)
        {
            nodes = await QueryAsync("SELECT instance_name AS \"Value\" FROM platform_qrtz_scheduler_state WHERE sched_name = 'Podium'");
            if (nodes.Count == 2)
            {
                break;
            }

            await Task.Delay(100, Ct);
        }

        nodes.ShouldBe(["node-a", "node-b"], ignoreOrder: true);
    }

    /// <summary>Until no trigger of the test is left and no firing is in flight anywhere in the cluster.</summary>
    private Task WaitUntilNothingIsFiringAsync() =>
        Eventually.HoldsAsync(
            async () => (await QueryAsync(
                "SELECT trigger_name AS \"Value\" FROM platform_qrtz_triggers WHERE trigger_group = 'test' " +
                "UNION ALL SELECT entry_id FROM platform_qrtz_fired_triggers")).Count == 0,
            TimeSpan.FromSeconds(30),
            "the cluster to have no test triggers or firings in flight");

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var scope = _nodeA.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Database.SqlQueryRaw<string>(sql).ToListAsync(Ct);
    }
}
