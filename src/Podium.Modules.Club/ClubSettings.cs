using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club;

/// <summary>What every club page needs to know about the club, read from the cache.</summary>
internal sealed record ClubSettingsSnapshot(string Name, string TimeZone, int FishLimit, string SizeRules, int DuesCents)
{
    [JsonIgnore]
    public LocalZone Zone => LocalZone.TryFind(TimeZone, out var zone) ? zone : ClubProfile.DefaultZone;

    /// <summary>The club is the demo seeder's made-up data (<see cref="ClubProfile.IsSampleData"/>); not something the settings page edits.</summary>
    public bool IsSampleData { get; init; }

    public static ClubSettingsSnapshot From(ClubProfile profile) =>
        new(profile.Name, profile.TimeZone, profile.FishLimit, profile.SizeRules, profile.DuesCents) { IsSampleData = profile.IsSampleData };
}

internal sealed class ClubSettings(PodiumDbContext db, IPodiumCache cache, TimeProvider time)
{
    public const string CacheTag = "club:settings";

    public async ValueTask<ClubSettingsSnapshot> GetAsync(CancellationToken cancellationToken = default) =>
        await cache.GetOrCreateAsync(
            "club:settings",
            async ct => ClubSettingsSnapshot.From(await db.Set<ClubProfile>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new ClubProfile()),
            [CacheTag],
            cancellationToken: cancellationToken);

    /// <summary>Saves the club's settings and drops every cached copy (the time zone moves seasons and calendars).</summary>
    public async Task SaveAsync(ClubSettingsSnapshot settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var zone = LocalZone.Find(settings.TimeZone);
        var profile = await db.Set<ClubProfile>().FirstOrDefaultAsync(cancellationToken);
        if (profile is null)
        {
            profile = new ClubProfile();
            db.Add(profile);
        }

        var zoneChanged = profile.TimeZone != zone.Id;
        profile.Name = settings.Name.Trim();
        profile.TimeZone = zone.Id;
        profile.FishLimit = settings.FishLimit;
        profile.SizeRules = settings.SizeRules.Trim();
        profile.DuesCents = settings.DuesCents;
        profile.UpdatedAt = time.GetUtcNow().UtcDateTime;

        if (zoneChanged)
        {
            // A tournament's season is the local year of its start; a new zone can move a New Year's Eve event.
            var tournaments = await db.Set<Tournament>().Include(t => t.Event).ToListAsync(cancellationToken);
            foreach (var tournament in tournaments)
            {
                tournament.Season = zone.SeasonOf(tournament.Event.StartsAt);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateTagAsync(CacheTag, cancellationToken);

        // Dues decide good standing, and the zone decides the club's date and so the season a viewer's office is for.
        await cache.InvalidateTagAsync(ClubCacheTags.Access, cancellationToken);
        if (zoneChanged)
        {
            await cache.InvalidateTagAsync(ClubCacheTags.Results, cancellationToken);
        }
    }
}

/// <summary>Cache tags shared by the club's features.</summary>
internal static class ClubCacheTags
{
    /// <summary>Anything derived from results, tournaments or anglers: standings, awards, tournament boards.</summary>
    public const string Results = "club:results";

    /// <summary>The calendar feed and pages: dropped by every event change (tournaments also drop <see cref="Results"/>).</summary>
    public const string Calendar = "club:calendar";

    /// <summary>Each signed-in user's club facts (angler, office, standing): dropped by every change to anglers, officer
    /// terms or positions, and club settings.</summary>
    public const string Access = "club:access";

    /// <summary>Published news, as the club's landing page lists it: dropped by every news write.</summary>
    public const string News = "club:news";

    /// <summary>Polls, as the club's landing page lists the open ones: dropped by every poll written or closed.</summary>
    public const string Polls = "club:polls";

    /// <summary>What the club's landing page (<c>/club</c>) shows: its stored page and its data are dropped by any of these.</summary>
    public static readonly IReadOnlyList<string> Landing = [Results, Calendar, News, Polls, ClubSettings.CacheTag];

    /// <summary>Anglers' names and kinds show in standings and boards, and decide what each user may do in the club.</summary>
    public static async Task AnglersChangedAsync(this IPodiumCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        await cache.InvalidateTagAsync(Results, cancellationToken);
        await cache.InvalidateTagAsync(Access, cancellationToken);
    }
}
