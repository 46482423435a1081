using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Features.Import;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;
using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Features.Quality;

internal sealed record QuarantineRow(long Id, string Source, string Kind, string ExternalId, IReadOnlyList<QualityIssue> Issues, string Payload, DateTime FirstSeenAt, DateTime LastSeenAt, int Count);

internal sealed record DuplicateRow(Guid KeepId, string KeepName, string KeepSlug, Guid RemoveId, string RemoveName, string RemoveSlug, string Reason);

internal sealed record FighterAlert(string Name, string Slug);

internal sealed record EventAlert(string Name, string Slug, DateTime StartsAt);

/// <summary>What the Data quality page lists: records held back, duplicate fighters, missing data, the latest feed runs.</summary>
internal sealed record QualityOverview(
    int QuarantinedCount,
    IReadOnlyDictionary<string, int> QuarantinedByKind,
    IReadOnlyList<QuarantineRow> Quarantined,
    IReadOnlyList<DuplicateRow> Duplicates,
    int FightersWithoutStatsCount,
    IReadOnlyList<FighterAlert> FightersWithoutStats,
    IReadOnlyList<EventAlert> EventsWithoutCard,
    FeedSourceSummary? Feed);

internal sealed class QualityReport(PodiumDbContext db, FeedAdministration feeds, IServiceProvider services, TimeProvider time)
{
    public const int Listed = 100;

    /// <summary>An event this close with no bouts on file wants a look: the card is usually known weeks ahead.</summary>
    public static readonly TimeSpan CardDueWithin = TimeSpan.FromDays(7);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<QualityOverview> LoadAsync(CancellationToken cancellationToken)
    {
        var quarantine = db.Set<QuarantinedRecord>().AsNoTracking();
        var byKind = await quarantine.GroupBy(q => q.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var rows = await quarantine.OrderByDescending(q => q.LastSeenAt).ThenByDescending(q => q.Id).Take(Listed).ToListAsync(cancellationToken);

        var fighters = await db.Set<Fighter>().AsNoTracking()
            .Select(f => new { f.Id, f.Name, f.Slug, f.DateOfBirth, f.CreatedAt, Ids = f.ExternalIds.Select(x => new { x.Source, x.ExternalId }).ToList() })
            .ToListAsync(cancellationToken);
        var byId = fighters.ToDictionary(f => f.Id);
        // The older record first, so the merge offered keeps the fighter people have linked to longest.
        var pairs = Duplicates.Find(fighters.OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).Select(f => new FighterIdentity(f.Id, f.Name, f.DateOfBirth, [.. f.Ids.Select(x => new ExternalId(x.Source, x.ExternalId))])));
        var duplicates = pairs.Take(Listed).Select(p => new DuplicateRow(
            p.First, byId[p.First].Name, byId[p.First].Slug, p.Second, byId[p.Second].Name, byId[p.Second].Slug, p.Reason)).ToList();

        var withoutStats = db.Set<Fighter>().AsNoTracking().Where(f => f.StrikesLandedPerMinute == null && f.TakedownAverage == null && f.StrikingAccuracy == null);
        var now = time.GetUtcNow().UtcDateTime;
        var due = now + CardDueWithin;
        var events = await db.Set<FightEvent>().AsNoTracking()
            .Where(e => e.Status == EventStatus.Scheduled && e.StartsAt >= now && e.StartsAt <= due && !e.Bouts.Any())
            .OrderBy(e => e.StartsAt).Take(Listed).Select(e => new EventAlert(e.Name, e.Slug, e.StartsAt)).ToListAsync(cancellationToken);

        FeedSourceSummary? feed = null;
        if (services.GetService<FightsFeed>() is { } configured)
        {
            feed = (await feeds.ListAsync(cancellationToken)).FirstOrDefault(s => s.Key == configured.SourceKey);
        }

        return new QualityOverview(
            byKind.Values.Sum(),
            byKind,
            [.. rows.Select(q => new QuarantineRow(q.Id, q.Source, q.Kind, q.ExternalId, Issues(q.Issues), q.Payload, q.FirstSeenAt, q.LastSeenAt, q.Count))],
            duplicates,
            await withoutStats.CountAsync(cancellationToken),
            await withoutStats.OrderBy(f => f.Name).Take(Listed).Select(f => new FighterAlert(f.Name, f.Slug)).ToListAsync(cancellationToken),
            events,
            feed);
    }

    private static List<QualityIssue> Issues(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<QualityIssue>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [new QualityIssue("record", json)];
        }
    }
}
