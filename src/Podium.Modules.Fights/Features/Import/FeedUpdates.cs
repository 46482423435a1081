using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;
using Podium.Platform.Email;
using Podium.Platform.Feeds;
using Podium.Platform.Jobs;

namespace Podium.Modules.Fights.Features.Import;

/// <summary>The feed this site imports from (<c>Podium:Fights:Feed</c>), as registered at start.</summary>
internal sealed record FightsFeed(string SourceKey);

/// <summary>
/// One update from the configured feed: fetch through the chain (the source, else its last good data), import, record
/// the run, and tell the administrators when it went wrong: a failed run or one served from the last good data (each
/// once, when it follows a good run, so a feed down all day sends one e-mail), and records held back for the first time.
/// </summary>
internal sealed class FeedUpdates(
    FightsFeed feed,
    IFeedChain<MmaScheduleRequest, MmaSchedule> chain,
    IFeedRuns runs,
    FeedImporter importer,
    FeedAdministration sources,
    IAdminNotices notices,
    PodiumDbContext db,
    TimeProvider time)
{
    /// <summary>How far ahead the upcoming-events update looks, and how far back (late results, a card moved).</summary>
    public const int DaysAhead = 90;
    public const int DaysBack = 7;

    /// <summary>An event starting within this is "about to start": its results are wanted every few minutes.</summary>
    public static readonly TimeSpan AboutToStart = TimeSpan.FromMinutes(30);

    /// <summary>The longest card: an event that started this long ago and is not marked completed is still followed.</summary>
    public static readonly TimeSpan LongestCard = TimeSpan.FromHours(8);

    public string SourceKey => feed.SourceKey;

    /// <summary>The hourly update (the source's schedule on <c>/admin/feeds</c>, or "Update now"); null when not due.</summary>
    public async Task<FeedRunProgress?> UpdateUpcomingAsync(CancellationToken cancellationToken)
    {
        if (!await runs.IsDueAsync(feed.SourceKey, cancellationToken))
        {
            return null;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return await ImportAsync(new MmaScheduleRequest(today.AddDays(-DaysBack), today.AddDays(DaysAhead)), cancellationToken);
    }

    /// <summary>The live update: only while an event is live or about to start, and the source is switched on; else null.</summary>
    public async Task<FeedRunProgress?> UpdateResultsAsync(CancellationToken cancellationToken)
    {
        if (!await IsEventLiveAsync(cancellationToken))
        {
            return null;
        }

        var source = (await sources.ListAsync(cancellationToken)).FirstOrDefault(s => s.Key == feed.SourceKey);
        if (source is not { Enabled: true })
        {
            return null;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return await ImportAsync(new MmaScheduleRequest(today.AddDays(-1), today.AddDays(1)), cancellationToken);
    }

    public async Task<bool> IsEventLiveAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var soon = now + AboutToStart;
        var started = now - LongestCard;
        return await db.Set<FightEvent>().AsNoTracking().AnyAsync(
            e => e.Status == EventStatus.Live || (e.Status == EventStatus.Scheduled && e.StartsAt <= soon && e.StartsAt >= started), cancellationToken);
    }

    public async Task<FeedRunProgress> ImportAsync(MmaScheduleRequest request, CancellationToken cancellationToken)
    {
        ImportOutcome? outcome = null;
        FeedProvenance? provenance = null;
        FeedRunProgress run;
        try
        {
            run = await runs.RunAsync(feed.SourceKey, async (progress, ct) =>
            {
                var result = await chain.FetchAsync(request, ct);
                if (!result.HasData)
                {
                    throw new FeedDataException("No source answered and there is no last good data: "
                        + string.Join("; ", result.Failures.Select(f => $"{f.SourceKey}: {f.Reason}")));
                }

                progress.Provenance = provenance = result.Provenance;
                outcome = await importer.ImportAsync(result.SourceKey!, result.Provenance!.Value, result.Data!, progress, ct);
            }, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await NotifyTroubleAsync(null, $"The update from {feed.SourceKey} failed: {ex.Message}", CancellationToken.None);
            throw;
        }

        if (provenance == FeedProvenance.Cached)
        {
            await NotifyTroubleAsync(run.Id, $"{feed.SourceKey} did not answer; the last good data was imported instead.", cancellationToken);
        }

        if (outcome is { NewlyQuarantined: > 0 } held)
        {
            await notices.SendAsync(new AdminNotice(
                $"{held.NewlyQuarantined} feed record(s) held back",
                $"The update from {feed.SourceKey} held back {held.NewlyQuarantined} new record(s) that failed the data checks ({held.Quarantined} in all this run). "
                + "They are listed, with the reasons, on the Fights Data quality page: /fights/manage/quality"), cancellationToken);
        }

        return run;
    }

    // Once per spell of trouble: only when the run before was a good one (or there was none).
    private async Task NotifyTroubleAsync(long? runId, string text, CancellationToken cancellationToken)
    {
        var source = (await sources.ListAsync(cancellationToken)).FirstOrDefault(s => s.Key == feed.SourceKey);
        var runsBefore = source?.RecentRuns.Where(r => r.Outcome != FeedRunOutcome.Running).ToList() ?? [];
        // The failed run is recorded by now: the one before it is the second listed; a cached run is this run itself.
        var previous = runId is { } id ? runsBefore.FirstOrDefault(r => r.Id != id) : runsBefore.Skip(1).FirstOrDefault();
        if (previous is not null && (previous.Outcome == FeedRunOutcome.Failed || previous.Provenance == FeedProvenance.Cached))
        {
            return;
        }

        await notices.SendAsync(new AdminNotice($"Fights feed update from {feed.SourceKey} went wrong", text + " Runs are listed on /admin/feeds and /fights/manage/quality."), cancellationToken);
    }
}

/// <summary>Fires every few minutes; imports when the source's schedule says it is due (hourly unless set otherwise) or an admin pressed "Update now".</summary>
internal sealed class UpcomingEventsJob(PodiumJobServices services, FeedUpdates updates) : PodiumJob(services)
{
    public const string Key = "fights-feed-upcoming";

    protected override async Task<long> RunAsync(PodiumJobContext context, CancellationToken cancellationToken) =>
        (await updates.UpdateUpcomingAsync(cancellationToken))?.Read ?? 0;
}

/// <summary>Every five minutes while an event is live or about to start; otherwise it returns at once.</summary>
internal sealed class LiveResultsJob(PodiumJobServices services, FeedUpdates updates) : PodiumJob(services)
{
    public const string Key = "fights-feed-results";

    protected override async Task<long> RunAsync(PodiumJobContext context, CancellationToken cancellationToken) =>
        (await updates.UpdateResultsAsync(cancellationToken))?.Read ?? 0;
}
