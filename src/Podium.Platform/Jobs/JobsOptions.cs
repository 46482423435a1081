using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Jobs;

/// <summary>Background jobs (<c>Podium:Jobs</c>): the scheduler, its cluster, retries and schedules.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Podium:Jobs";

    /// <summary>Whether this instance runs scheduled jobs at all. Off: nothing fires here, other instances are unaffected.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This node's name in the cluster; <c>AUTO</c> derives a unique one (host name and start time).</summary>
    [Required]
    [StringLength(100)]
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>How often a PostgreSQL node records that it is alive.</summary>
    [Range(1, 600)]
    public int ClusterCheckinIntervalSeconds { get; set; } = 15;

    /// <summary>How late a check-in may be before the other nodes take over the node's work.</summary>
    [Range(1, 600)]
    public int ClusterCheckinMisfireThresholdSeconds { get; set; } = 20;

    /// <summary>How often an idle scheduler looks for triggers another node added.</summary>
    [Range(1, 300)]
    public int IdleWaitSeconds { get; set; } = 30;

    /// <summary>Jobs running at once on this instance.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Retries after a transient failure (<see cref="TransientJobException"/>); 0 turns retrying off.</summary>
    [Range(0, 20)]
    public int RetryMaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; each following wait doubles, up to <see cref="RetryMaxDelaySeconds"/>.</summary>
    [Range(1, 86_400)]
    public int RetryInitialDelaySeconds { get; set; } = 30;

    [Range(1, 86_400)]
    public int RetryMaxDelaySeconds { get; set; } = 1_800;

    /// <summary>Runs listed per page of the admin history.</summary>
    [Range(5, 500)]
    public int HistoryPageSize { get; set; } = 25;

    /// <summary>
    /// Schedules by job key, replacing the defaults the code registers: a Quartz cron expression (seconds first,
    /// UTC, e.g. <c>0 30 3 * * ?</c>) or an interval (<c>00:15:00</c>).
    /// </summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);

    public RetentionOptions Retention { get; set; } = new();

    internal TimeSpan RetryDelay(int attempt)
    {
        var seconds = RetryInitialDelaySeconds * Math.Pow(2, Math.Max(0, attempt - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, RetryMaxDelaySeconds));
    }
}

/// <summary>How long rows that have served their purpose are kept before the purge job deletes them.</summary>
public sealed class RetentionOptions
{
    [Range(1, 3_650)]
    public int JobRunsDays { get; set; } = 30;

    /// <summary>Sessions that ended (expired or signed out) longer ago than this are deleted.</summary>
    [Range(1, 3_650)]
    public int EndedSessionsDays { get; set; } = 30;

    /// <summary>Rows deleted per statement, so a large backlog never holds the write lock for long.</summary>
    [Range(10, 100_000)]
    public int BatchSize { get; set; } = 1_000;
}

/// <summary>Refuses to start on a schedule nobody could mean, naming the job.</summary>
internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, schedule) in options.Schedules)
        {
            if (!JobSchedule.TryParse(schedule, out _))
            {
                failures.Add($"Podium:Jobs:Schedules:{key} '{schedule}' is neither a Quartz cron expression nor an interval such as 00:15:00.");
            }
        }

        if (options.RetryMaxDelaySeconds < options.RetryInitialDelaySeconds)
        {
            failures.Add("Podium:Jobs:RetryMaxDelaySeconds must not be shorter than RetryInitialDelaySeconds.");
        }

        // Data annotations on a nested object are not validated by ValidateDataAnnotations.
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options.Retention, new ValidationContext(options.Retention), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"Podium:Jobs:Retention: {r.ErrorMessage}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
