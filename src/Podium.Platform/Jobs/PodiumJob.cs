using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;
using Quartz;

namespace Podium.Platform.Jobs;

/// <summary>
/// Thrown by a job (or wrapping what it caught) to say the failure is passing: a dependency timed out, a feed
/// answered 503, the database was busy. The run is recorded as failed and retried later, with exponential
/// backoff, by a trigger Quartz stores (so the retry survives a restart and runs on any node); any other
/// exception is a failure that waits for the next scheduled run.
/// </summary>
public sealed class TransientJobException : Exception
{
    public TransientJobException(string message)
        : base(message)
    {
    }

    public TransientJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>What a run of a <see cref="PodiumJob"/> is told.</summary>
public sealed record PodiumJobContext(string JobKey, string InstanceId, int Attempt, DateTime StartedAtUtc);

/// <summary>
/// The base of every Podium job. Derive, implement <see cref="RunAsync"/> returning how many items were processed,
/// and register with <c>builder.AddPodiumJob&lt;TJob&gt;(key, schedule, description)</c>. Each run is recorded
/// in <c>platform_job_runs</c> and in the <c>podium.jobs.*</c> metrics.
/// </summary>
[DisallowConcurrentExecution]
public abstract partial class PodiumJob(PodiumJobServices services) : IJob
{
    internal const string AttemptKey = "podium.attempt";
    internal const string RetryGroup = "podium-retries";

    /// <summary>Does the work; returns how many items it processed (rows deleted, messages sent, …).</summary>
    protected abstract Task<long> RunAsync(PodiumJobContext context, CancellationToken cancellationToken);

    /// <summary>Whether a failure is worth retrying. By default only <see cref="TransientJobException"/> and timeouts.</summary>
    protected virtual bool IsTransient(Exception exception) => exception is TransientJobException or TimeoutException;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.JobDetail.Key.Name;
        var attempt = context.MergedJobDataMap.TryGetValue(AttemptKey, out var value) && value is not null
            ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        var started = services.Time.GetUtcNow().UtcDateTime;
        var run = new PodiumJobContext(key, context.Scheduler.SchedulerInstanceId, attempt, started);
        var clock = Stopwatch.StartNew();
        try
        {
            var items = await RunAsync(run, cancellationToken);
            await services.RecordAsync(run, clock.Elapsed, JobOutcome.Succeeded, items, null);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted by shutdown or by Interrupt(): recorded, never retried here (Quartz owns recovery).
            await services.RecordAsync(run, clock.Elapsed, JobOutcome.Failed, 0, ex);
            throw;
        }
        catch (Exception ex)
        {
            // The retry is stored before the run is recorded, so whoever reads a failed run also sees its retry.
            var retry = IsTransient(ex) && attempt < services.Options.RetryMaxAttempts;
            if (retry)
            {
                await ScheduleRetryAsync(context, attempt + 1, cancellationToken);
            }

            await services.RecordAsync(run, clock.Elapsed, JobOutcome.Failed, 0, ex);
            LogFailed(services.Logger, key, attempt, retry, ex);

            // Quartz hears of the failure too (its own logs and listeners), but is never asked to re-fire: retrying
            // is decided above, for transient failures only.
            throw new JobExecutionException(ex);
        }
    }

    private async Task ScheduleRetryAsync(IJobExecutionContext context, int attempt, CancellationToken cancellationToken)
    {
        var at = services.Time.GetUtcNow() + services.Options.RetryDelay(attempt);
        var trigger = TriggerBuilder.Create(services.Time)
            .WithIdentity($"{context.JobDetail.Key.Name}.retry.{Guid.CreateVersion7():N}", RetryGroup)
            .ForJob(context.JobDetail.Key)
            .UsingJobData(AttemptKey, attempt)
            .StartAt(at)
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await context.Scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job} failed (attempt {Attempt}); retry scheduled: {Retry}")]
    private static partial void LogFailed(ILogger logger, string job, int attempt, bool retry, Exception exception);
}

/// <summary>What <see cref="PodiumJob"/> needs from the platform; take it in your job's constructor and pass it on.</summary>
public sealed partial class PodiumJobServices
{
    private readonly IServiceScopeFactory _scopes;
    private readonly JobMetrics _metrics;

    internal PodiumJobServices(IServiceScopeFactory scopes, TimeProvider time, JobMetrics metrics, IOptions<JobsOptions> options, ILogger<PodiumJob> logger)
    {
        _scopes = scopes;
        _metrics = metrics;
        Time = time;
        Options = options.Value;
        Logger = logger;
    }

    internal TimeProvider Time { get; }

    internal JobsOptions Options { get; }

    internal ILogger Logger { get; }

    internal async Task RecordAsync(PodiumJobContext run, TimeSpan duration, string outcome, long items, Exception? error)
    {
        _metrics.Record(run.JobKey, outcome, duration);

        // Its own scope: the job's unit of work may be broken (that may be why it failed), the record must still land.
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        db.Add(new JobRun
        {
            JobKey = run.JobKey,
            InstanceId = run.InstanceId,
            StartedAt = run.StartedAtUtc,
            FinishedAt = run.StartedAtUtc + duration,
            DurationMilliseconds = (long)duration.TotalMilliseconds,
            Outcome = outcome,
            Attempt = run.Attempt,
            ItemsProcessed = items,
            Error = error is null ? null : DescribeError(error),
        });

        // Not the job's token: a run cancelled by shutdown is still worth its row.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Type and message of the exception (and of its innermost cause), with secret-looking values masked.</summary>
    internal static string DescribeError(Exception error)
    {
        var root = error.GetBaseException();
        var text = $"{error.GetType().Name}: {error.Message}";
        if (!ReferenceEquals(root, error))
        {
            text += $" ← {root.GetType().Name}: {root.Message}";
        }

        text = Secrets().Replace(text, "${name}=***");
        return text.Length <= JobRunConfiguration.ErrorLength ? text : text[..(JobRunConfiguration.ErrorLength - 1)] + "…";
    }

    [GeneratedRegex(@"(?<name>password|pwd|secret|token|api[_-]?key|authorization)\s*[=:]\s*[^;\s,]+", RegexOptions.IgnoreCase)]
    private static partial Regex Secrets();
}
