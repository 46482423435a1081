using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Platform.Jobs;

public static class JobOutcome
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>One execution of a job on one instance: what the admin page lists and what proves "exactly once".</summary>
internal sealed class JobRun
{
    public long Id { get; set; }

    public string JobKey { get; set; } = "";

    /// <summary>The scheduler instance (cluster node) that ran it.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime FinishedAt { get; set; }

    /// <summary>Kept as an integer so it can be sorted and summed on SQLite too.</summary>
    public long DurationMilliseconds { get; set; }

    public string Outcome { get; set; } = JobOutcome.Succeeded;

    /// <summary>0 for a scheduled or manual run, n for the n-th retry after a transient failure.</summary>
    public int Attempt { get; set; }

    public long ItemsProcessed { get; set; }

    /// <summary>Exception type and message, truncated and with secret-looking values masked; never a stack trace.</summary>
    public string? Error { get; set; }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public const int ErrorLength = 1000;

    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("platform_job_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.JobKey).HasMaxLength(150);
        builder.Property(r => r.InstanceId).HasMaxLength(200);
        builder.Property(r => r.Outcome).HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(ErrorLength);
        builder.HasIndex(r => new { r.JobKey, r.StartedAt });
        builder.HasIndex(r => r.FinishedAt);
    }
}
