using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;
using Podium.Platform.Jobs;

namespace Podium.Platform.Feeds;

/// <summary>
/// The counts of one import, kept by the module while it imports (<c>run.Read++</c>, …), so a run that throws halfway
/// is still recorded with what it had done.
/// </summary>
public sealed class FeedRunProgress
{
    internal FeedRunProgress(long id, string sourceKey, DateTime startedAtUtc)
    {
        Id = id;
        SourceKey = sourceKey;
        StartedAtUtc = startedAtUtc;
    }

    public long Id { get; }

    public string SourceKey { get; }

    public DateTime StartedAtUtc { get; }

    public int Read { get; set; }

    public int Inserted { get; set; }

    public int Updated { get; set; }

    public int Rejected { get; set; }

    /// <summary>What the imported data was (the chain's result says): shown beside the run.</summary>
    public FeedProvenance? Provenance { get; set; }

    internal bool Finished { get; set; }
}

/// <summary>Records every import from a source in <c>platform_feed_runs</c>, for the admin page and the operator.</summary>
public interface IFeedRuns
{
    /// <summary>Starts a run (a <c>running</c> row); end it with <see cref="CompleteAsync"/> or <see cref="FailAsync"/>.</summary>
    Task<FeedRunProgress> StartAsync(string sourceKey, CancellationToken cancellationToken);

    Task CompleteAsync(FeedRunProgress run, CancellationToken cancellationToken);

    Task FailAsync(FeedRunProgress run, Exception error, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a run, imports, and records how it ended: succeeded with the counts, or failed with the counts so far and
    /// the error (which is then rethrown, so the job sees it too).
    /// </summary>
    Task<FeedRunProgress> RunAsync(string sourceKey, Func<FeedRunProgress, CancellationToken, Task> import, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the source's schedule wants an import now: enabled, and its last run started a schedule's interval ago
    /// (or never), or an administrator pressed "Update now" since. A module's job fires often and asks this.
    /// </summary>
    Task<bool> IsDueAsync(string sourceKey, CancellationToken cancellationToken);
}

internal sealed partial class FeedRuns(IServiceScopeFactory scopes, FeedSources sources, TimeProvider time) : IFeedRuns
{
    public async Task<FeedRunProgress> StartAsync(string sourceKey, CancellationToken cancellationToken)
    {
        sources.Get(sourceKey);
        var started = time.GetUtcNow().UtcDateTime;
        var row = new FeedRun { SourceKey = sourceKey, StartedAt = started, Outcome = FeedRunOutcome.Running };
        await WriteAsync(async db =>
        {
            db.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        });
        return new FeedRunProgress(row.Id, sourceKey, started);
    }

    public Task CompleteAsync(FeedRunProgress run, CancellationToken cancellationToken) => FinishAsync(run, FeedRunOutcome.Succeeded, null);

    public Task FailAsync(FeedRunProgress run, Exception error, CancellationToken cancellationToken) => FinishAsync(run, FeedRunOutcome.Failed, error);

    public async Task<FeedRunProgress> RunAsync(string sourceKey, Func<FeedRunProgress, CancellationToken, Task> import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        var run = await StartAsync(sourceKey, cancellationToken);
        try
        {
            await import(run, cancellationToken);
        }
        catch (Exception ex)
        {
            await FailAsync(run, ex, CancellationToken.None);
            throw;
        }

        await CompleteAsync(run, CancellationToken.None);
        return run;
    }

    public async Task<bool> IsDueAsync(string sourceKey, CancellationToken cancellationToken)
    {
        var source = await sources.GetAsync(sourceKey, cancellationToken);
        if (!source.Enabled)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var last = await db.Set<FeedRun>().AsNoTracking().Where(r => r.SourceKey == sourceKey)
            .OrderByDescending(r => r.StartedAt).Select(r => (DateTime?)r.StartedAt).FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return true;
        }

        // The admin's own read: a request made on another instance is seen without waiting for the settings refresh.
        var requested = await db.Set<FeedSourceSetting>().AsNoTracking().Where(s => s.SourceKey == sourceKey)
            .Select(s => s.UpdateRequestedAt).FirstOrDefaultAsync(cancellationToken);
        return requested > last || time.GetUtcNow().UtcDateTime - last.Value >= source.Schedule;
    }

    private async Task FinishAsync(FeedRunProgress run, string outcome, Exception? error)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Finished)
        {
            return;
        }

        var finished = time.GetUtcNow().UtcDateTime;
        // Not the import's token: a run cancelled by shutdown is still worth its row.
        await WriteAsync(db => db.Set<FeedRun>().Where(r => r.Id == run.Id).ExecuteUpdateAsync(
            set => set
                .SetProperty(r => r.FinishedAt, finished)
                .SetProperty(r => r.Outcome, outcome)
                .SetProperty(r => r.Provenance, run.Provenance)
                .SetProperty(r => r.RecordsRead, run.Read)
                .SetProperty(r => r.RecordsInserted, run.Inserted)
                .SetProperty(r => r.RecordsUpdated, run.Updated)
                .SetProperty(r => r.RecordsRejected, run.Rejected)
                .SetProperty(r => r.DurationMilliseconds, (long)(finished - run.StartedAtUtc).TotalMilliseconds)
                .SetProperty(r => r.Error, error == null ? null : Describe(error)),
            CancellationToken.None));
        run.Finished = true;
    }

    // Its own scope: the import's unit of work may be broken (that may be why it failed); the record must still land.
    private async Task WriteAsync(Func<PodiumDbContext, Task> write)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(() => write(db));
    }

    internal static string Describe(Exception error)
    {
        var text = PodiumJobServices.DescribeError(error);
        text = Urls().Replace(text, "${url}");
        return text.Length <= FeedRunConfiguration.ErrorLength ? text : text[..(FeedRunConfiguration.ErrorLength - 1)] + "…";
    }

    // A query string may carry a key: errors keep the address without it.
    [GeneratedRegex(@"(?<url>https?://[^\s?#'""]+)\?[^\s'""]*", RegexOptions.IgnoreCase)]
    private static partial Regex Urls();
}

/// <summary>Feed runs older than <see cref="FeedsOptions.RunsRetentionDays"/>.</summary>
internal sealed class FeedRunsRetentionRule(PodiumDbContext db, IOptions<FeedsOptions> options) : IRetentionRule
{
    private int Days => options.Value.RunsRetentionDays;

    public string Name => $"feed runs older than {Days} days";

    public Task<int> DeleteExpiredBatchAsync(DateTime nowUtc, int batchSize, CancellationToken cancellationToken)
    {
        var cutoff = nowUtc.AddDays(-Days);
        return db.Set<FeedRun>().DeleteBatchAsync(r => r.StartedAt < cutoff, r => r.Id, batchSize, cancellationToken);
    }
}
