using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;
using Podium.Platform.Jobs;
using Podium.Platform.Modules.Commands;
using Quartz;

namespace Podium.Platform.Feeds;

public sealed record FeedRunRow(long Id, string SourceKey, DateTime StartedAt, DateTime? FinishedAt, string Outcome, FeedProvenance? Provenance,
    int Read, int Inserted, int Updated, int Rejected, long? DurationMilliseconds, string? Error);

/// <summary>A source as <c>/admin/feeds</c> shows it: never its key, only whether one is set.</summary>
public sealed record FeedSourceSummary(
    string Key, string DisplayName, string? BaseUrl, string? DefaultBaseUrl, bool Enabled, string Schedule, bool RequiresApiKey, bool HasApiKey,
    bool ApiKeyStored, bool IsSample, string? SkipReason, bool CanUpdateNow, IReadOnlyList<FeedRunRow> RecentRuns);

public enum FeedUpdateResult
{
    Started,
    UnknownSource,
    NoUpdateJob,
    JobsDisabled,
}

/// <summary>What administrators see of, and do to, the feed sources; every change is audited with the administrator as actor.</summary>
public sealed class FeedAdministration
{
    private readonly PodiumDbContext _db;
    private readonly FeedSources _sources;
    private readonly FeedSettingsStore _settings;
    private readonly ISchedulerFactory _schedulers;
    private readonly IOptions<FeedsOptions> _options;
    private readonly IOptions<JobsOptions> _jobs;

    internal FeedAdministration(
        PodiumDbContext db, FeedSources sources, FeedSettingsStore settings, ISchedulerFactory schedulers, IOptions<FeedsOptions> options, IOptions<JobsOptions> jobs)
    {
        _db = db;
        _sources = sources;
        _settings = settings;
        _schedulers = schedulers;
        _options = options;
        _jobs = jobs;
    }

    public async Task<IReadOnlyList<FeedSourceSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var shown = _options.Value.RecentRunsShown;
        var list = new List<FeedSourceSummary>();
        foreach (var source in await _sources.ListAsync(cancellationToken))
        {
            var runs = await _db.Set<FeedRun>().AsNoTracking().Where(r => r.SourceKey == source.Key)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(shown)
                .Select(r => new FeedRunRow(r.Id, r.SourceKey, r.StartedAt, r.FinishedAt, r.Outcome, r.Provenance,
                    r.RecordsRead, r.RecordsInserted, r.RecordsUpdated, r.RecordsRejected, r.DurationMilliseconds, r.Error))
                .ToListAsync(cancellationToken);
            var definition = source.Definition;
            list.Add(new FeedSourceSummary(
                source.Key, definition.DisplayName, source.BaseUrl?.ToString(), definition.DefaultBaseUrl?.ToString(), source.Enabled,
                FeedSchedule.Format(source.Schedule), definition.RequiresApiKey, source.HasApiKey, source.ApiKeyStored, definition.IsSample,
                source.SkipReason, definition.UpdateJobKey is not null, runs));
        }

        return list;
    }

    public Task<CommandResult<bool>> SaveAsync(Guid adminId, string? sourceKey, FeedSourceEdit edit, CancellationToken cancellationToken) =>
        _settings.SaveAsync(adminId, sourceKey, edit, cancellationToken);

    /// <summary>Makes the source due and fires the job its module registered for it, now, on any instance that runs jobs.</summary>
    public async Task<FeedUpdateResult> UpdateNowAsync(Guid adminId, string? sourceKey, CancellationToken cancellationToken)
    {
        // Only registered sources reach the database or Quartz: the form field is whatever the browser (or anyone) sent.
        var source = _sources.Find(sourceKey);
        if (source is null)
        {
            return FeedUpdateResult.UnknownSource;
        }

        if (source.UpdateJobKey is null)
        {
            return FeedUpdateResult.NoUpdateJob;
        }

        if (!_jobs.Value.Enabled)
        {
            return FeedUpdateResult.JobsDisabled;
        }

        var scheduler = await _schedulers.GetScheduler(cancellationToken);
        var job = new JobKey(source.UpdateJobKey, JobsExtensions.JobGroup);
        if (!await scheduler.Exists(job, cancellationToken))
        {
            return FeedUpdateResult.NoUpdateJob;
        }

        await _settings.RequestUpdateAsync(adminId, source.Key, cancellationToken);
        await scheduler.TriggerJob(job, cancellationToken);
        return FeedUpdateResult.Started;
    }
}
