using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Podium.Platform.Admin;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Quartz;

namespace Podium.Platform.Jobs;

public sealed record JobRunRow(long Id, string JobKey, string InstanceId, DateTime StartedAt, long DurationMilliseconds, string Outcome, int Attempt, long ItemsProcessed, string? Error);

/// <summary>One job as the admin page shows it. <see cref="State"/> is normal, paused, error, not scheduled or disabled.</summary>
public sealed record JobSummary(string Key, string Description, string Schedule, string State, DateTime? NextFireUtc, JobRunRow? LastRun);

public enum JobActionResult
{
    Done,
    UnknownJob,
    Disabled,
}

/// <summary>What administrators see of, and do to, background jobs. Every action is audited with the administrator as actor.</summary>
public sealed class JobAdministration(
    PodiumDbContext db,
    ISchedulerFactory schedulers,
    IEnumerable<PodiumJobRegistration> registrations,
    IOptions<JobsOptions> options,
    IAuditLog audit)
{
    public const string StateNormal = "normal";
    public const string StatePaused = "paused";

    public bool Enabled => options.Value.Enabled;

    public async Task<IReadOnlyList<JobSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = Enabled ? await schedulers.GetScheduler(cancellationToken) : null;
        var jobs = new List<JobSummary>();
        foreach (var registration in registrations.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var lastRun = await Runs(registration.Key).FirstOrDefaultAsync(cancellationToken);
            var state = "disabled";
            DateTime? next = null;
            if (scheduler is not null)
            {
                var triggerKey = new TriggerKey(registration.Key, JobsExtensions.JobGroup);
                var trigger = await scheduler.GetTrigger(triggerKey, cancellationToken);
                state = trigger is null ? "not scheduled" : Describe(await scheduler.GetTriggerState(triggerKey, cancellationToken));
                next = trigger?.NextFireTimeUtc?.UtcDateTime;
            }

            jobs.Add(new JobSummary(registration.Key, registration.Description, registration.ScheduleFrom(options.Value).Describe(), state, next, lastRun));
        }

        return jobs;
    }

    /// <summary>Runs newest first, of one job or of all; an unknown job simply has none.</summary>
    public async Task<Page<JobRunRow>> HistoryAsync(string? jobKey, int page, CancellationToken cancellationToken)
    {
        var size = options.Value.HistoryPageSize;
        var query = Runs(string.IsNullOrWhiteSpace(jobKey) ? null : jobKey);
        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + size - 1) / size));
        var rows = await query.Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<JobRunRow>(rows, page, size, total);
    }

    public Task<JobActionResult> RunNowAsync(Guid adminId, string? jobKey, CancellationToken cancellationToken) =>
        ActAsync(adminId, jobKey, "admin.job-run-now", (scheduler, key) => scheduler.TriggerJob(key, null!, cancellationToken).AsTask(), cancellationToken);

    public Task<JobActionResult> PauseAsync(Guid adminId, string? jobKey, CancellationToken cancellationToken) =>
        ActAsync(adminId, jobKey, "admin.job-pause", (scheduler, key) => scheduler.PauseJob(key, cancellationToken).AsTask(), cancellationToken);

    public Task<JobActionResult> ResumeAsync(Guid adminId, string? jobKey, CancellationToken cancellationToken) =>
        ActAsync(adminId, jobKey, "admin.job-resume", (scheduler, key) => scheduler.ResumeJob(key, cancellationToken).AsTask(), cancellationToken);

    private async Task<JobActionResult> ActAsync(Guid adminId, string? jobKey, string action, Func<IScheduler, JobKey, Task> act, CancellationToken cancellationToken)
    {
        // Only registered keys reach Quartz: the form field is whatever the browser (or anyone) sent.
        if (registrations.All(r => !string.Equals(r.Key, jobKey, StringComparison.Ordinal)))
        {
            return JobActionResult.UnknownJob;
        }

        if (!Enabled)
        {
            return JobActionResult.Disabled;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new JobKey(jobKey!, JobsExtensions.JobGroup);
        if (!await scheduler.Exists(key, cancellationToken))
        {
            return JobActionResult.UnknownJob;
        }

        await act(scheduler, key);
        await audit.RecordAsync(action, AuditOutcome.Success, adminId, jobKey, cancellationToken: cancellationToken);
        return JobActionResult.Done;
    }

    private IQueryable<JobRunRow> Runs(string? jobKey) =>
        db.Set<JobRun>().AsNoTracking()
            .Where(r => jobKey == null || r.JobKey == jobKey)
            .OrderByDescending(r => r.Id)
            .Select(r => new JobRunRow(r.Id, r.JobKey, r.InstanceId, r.StartedAt, r.DurationMilliseconds, r.Outcome, r.Attempt, r.ItemsProcessed, r.Error));

    private static string Describe(TriggerState state) => state switch
    {
        TriggerState.Paused => StatePaused,
        TriggerState.Error => "error",
        TriggerState.Complete or TriggerState.None => "not scheduled",
        _ => StateNormal,
    };
}
