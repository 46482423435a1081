using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Jobs;
using Podium.Tests.Infrastructure;
using Quartz;

namespace Podium.Tests.Jobs;

/// <summary>What each test job does when it runs, by job key; set by the test before triggering it.</summary>
public sealed class JobScript
{
    private readonly ConcurrentDictionary<string, Func<PodiumJobContext, long>> _behaviours = new(StringComparer.Ordinal);

    public void Set(string jobKey, Func<PodiumJobContext, long> behaviour) => _behaviours[jobKey] = behaviour;

    internal long Run(PodiumJobContext context) =>
        _behaviours.TryGetValue(context.JobKey, out var behaviour) ? behaviour(context) : 0;
}

public sealed class ScriptedJob(PodiumJobServices services, JobScript script) : PodiumJob(services)
{
    protected override Task<long> RunAsync(PodiumJobContext context, CancellationToken cancellationToken) =>
        Task.FromResult(script.Run(context));
}

internal static class JobTestSupport
{
    /// <summary>Never fires by itself within any test's lifetime: tests fire jobs explicitly.</summary>
    public static readonly JobSchedule Never = JobSchedule.CronUtc("0 0 0 1 1 ? 2099");

    /// <summary>Registers scripted jobs under these keys (and the script) in the app.</summary>
    public static PodiumAppFactory WithScriptedJobs(this PodiumAppFactory app, params string[] keys) =>
        app.WithServices(services =>
        {
            services.AddSingleton<JobScript>();
            foreach (var key in keys)
            {
                services.AddPodiumJob<ScriptedJob>(key, Never, $"Test job {key}");
            }
        });

    public static JobScript Script(this PodiumAppFactory app) => app.Services.GetRequiredService<JobScript>();

    public static async Task<IScheduler> SchedulerAsync(this PodiumAppFactory app) =>
        await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);

    public static async Task TriggerAsync(this PodiumAppFactory app, string jobKey) =>
        await (await app.SchedulerAsync()).TriggerJob(new JobKey(jobKey, JobsExtensions.JobGroup), new JobDataMap(), TestContext.Current.CancellationToken);

    internal static async Task<List<JobRun>> RunsAsync(this PodiumAppFactory app, string? jobKey = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<JobRun>().AsNoTracking()
            .Where(r => jobKey == null || r.JobKey == jobKey).OrderBy(r => r.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits (up to a minute, polling) until the job has at least <paramref name="count"/> recorded runs.</summary>
    internal static async Task<List<JobRun>> WaitForRunsAsync(this PodiumAppFactory app, string jobKey, int count)
    {
        for (var i = 0; i < 600; i++)
        {
            var runs = await app.RunsAsync(jobKey);
            if (runs.Count >= count)
            {
                return runs;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Job {jobKey} did not record {count} run(s) within a minute; it has {(await app.RunsAsync(jobKey)).Count}.");
    }
}
