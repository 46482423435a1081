using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Podium.Platform.Jobs;

/// <summary>
/// Brings the stored jobs and triggers in line with the registrations and the configured schedules before the
/// scheduler starts. A trigger already on the right schedule is left alone (its pause and its next fire time
/// survive restarts); a changed schedule replaces it; several nodes starting at once add each trigger once.
/// </summary>
internal sealed partial class JobScheduleSync(
    ISchedulerFactory schedulers,
    IEnumerable<PodiumJobRegistration> registrations,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<JobScheduleSync> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var registration in registrations)
        {
            var jobKey = new JobKey(registration.Key, JobsExtensions.JobGroup);
            var triggerKey = new TriggerKey(registration.Key, JobsExtensions.JobGroup);
            var schedule = registration.ScheduleFrom(options.Value);
            var job = JobBuilder.Create().OfType(registration.JobType).WithIdentity(jobKey)
                .WithDescription(registration.Description).StoreDurably().Build();
            await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);

            var trigger = TriggerBuilder.Create(time).WithIdentity(triggerKey).ForJob(jobKey).WithSchedule(schedule.ToQuartz()).StartNow().Build();
            var existing = await scheduler.GetTrigger(triggerKey, cancellationToken);
            if (existing is null)
            {
                await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
                LogScheduled(logger, registration.Key, schedule.Describe());
            }
            else if (!schedule.Matches(existing))
            {
                var paused = await scheduler.GetTriggerState(triggerKey, cancellationToken) == TriggerState.Paused;
                await scheduler.RescheduleJob(triggerKey, trigger, cancellationToken);
                if (paused)
                {
                    await scheduler.PauseTrigger(triggerKey, cancellationToken);
                }

                LogScheduled(logger, registration.Key, schedule.Describe());
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} scheduled {Schedule}")]
    private static partial void LogScheduled(ILogger logger, string job, string schedule);
}
