using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Podium.Platform.Jobs;

/// <summary>The agreed job instruments (docs: podium_jobs_runs_total, podium_jobs_duration_seconds_*).</summary>
internal sealed class JobMetrics
{
    public const string MeterName = "Podium.Jobs";

    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;

    public JobMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _runs = meter.CreateCounter<long>("podium.jobs.runs", "{run}", "Job executions, by job and outcome.");
        _duration = meter.CreateHistogram<double>("podium.jobs.duration", "s", "How long job executions took.");
    }

    public void Record(string job, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "job_name", job }, { "outcome", outcome } };
        _runs.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }
}
