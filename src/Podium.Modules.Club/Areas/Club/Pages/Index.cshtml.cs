using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Polls;
using Podium.Modules.Club.Features.Standings;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Platform.Modules;

namespace Podium.Modules.Club.Areas.Club.Pages;

/// <summary>
/// The club's landing page. Visitors get it from the output cache (the club's <c>LandingPageTags</c>); signed-in people
/// get a render of <see cref="ClubLanding"/>, cached under the same tags, so their only extra cost is the HTML and
/// what is theirs (the menu, the account links).
/// </summary>
internal sealed class IndexModel(PodiumDbContext db, ClubSettings settings, ClubStandings standings, ClubPolls polls, LandingPageCache landing, TimeProvider time) : PageModel
{
    /// <summary>How many of the season's leaders the page lists.</summary>
    internal const int Leaders = 10;

    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public ClubLanding Landing { get; private set; } = null!;

    /// <summary>The render's own clock: countdowns are worked out per render, not stored with the data.</summary>
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        Landing = await landing.GetOrCreateAsync(ClubModule.Name, LoadAsync, cancellationToken);
        Now = time.GetUtcNow().UtcDateTime;
    }

    // Reads the settings OnGetAsync already holds (Club), rather than asking for them again on every miss.
    private async ValueTask<ClubLanding> LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var next = await db.Set<Tournament>().AsNoTracking()
            .Where(t => t.Event.EndsAt > now && t.Status != TournamentStatus.Cancelled && t.Status != TournamentStatus.Completed)
            .OrderBy(t => t.Event.StartsAt)
            .Select(t => new UpcomingTournament(t.Id, t.Event.Title, t.Event.StartsAt, t.Event.EndsAt, t.Lake != null ? t.Lake.Name : null, t.Lake != null ? t.Lake.Slug : null, t.Ramp != null ? t.Ramp.Name : null))
            .FirstOrDefaultAsync(cancellationToken);
        // Two queries rather than one: a top-N per parent needs SQL APPLY, which SQLite lacks.
        LatestTournament? latest = null;
        var completed = await db.Set<Tournament>().AsNoTracking()
            .Where(t => t.Status == TournamentStatus.Completed)
            .OrderByDescending(t => t.Event.StartsAt)
            .Select(t => new { t.Id, t.Event.Title, t.Event.StartsAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (completed is not null)
        {
            var top = await db.Set<TournamentResult>().AsNoTracking()
                .Where(r => r.TournamentId == completed.Id && r.Place != null)
                .OrderBy(r => r.Place).ThenBy(r => r.Angler.Name).Take(5)
                .Select(r => new LatestResult(r.Place!.Value, r.Angler.Name, r.Member, r.Fish, Math.Max(0, r.TotalWeight - r.DeadFishPenalty), r.Points))
                .ToListAsync(cancellationToken);
            latest = new LatestTournament(completed.Id, completed.Title, completed.StartsAt, top);
        }

        var seasons = await standings.GetSeasonsAsync(cancellationToken);
        var current = Club.Zone.SeasonOf(now);
        var shown = seasons.Contains(current) ? current : seasons.Where(s => s < current).DefaultIfEmpty().Max();
        // The leaders only: the whole board (a line per angler) stays in the standings' own cache entry.
        var season = shown == 0 ? null : await standings.GetSeasonAsync(shown, cancellationToken);
        var openPolls = (await polls.ListAsync(PollStatus.Open, new PageRequest(1, 5), cancellationToken)).Items;
        var news = await db.Set<NewsPost>().AsNoTracking()
            .Where(p => p.Status == NewsStatus.Published)
            .OrderByDescending(p => p.Pinned).ThenByDescending(p => p.PublishedAt)
            .Take(3)
            .Select(p => new NewsHeadline(p.Id, p.Title, p.Pinned, p.PublishedAt ?? p.CreatedAt))
            .ToListAsync(cancellationToken);
        return new ClubLanding(next, latest, season?.Season, season is null ? [] : [.. season.Lines.Take(Leaders)], openPolls, news);
    }
}

/// <summary>What the club's landing page shows, the same for every viewer.</summary>
/// <param name="Season">The season whose leaders are listed (the current one, else the last with points); null before any.</param>
[ImmutableObject(true)]
internal sealed record ClubLanding(
    UpcomingTournament? Next,
    LatestTournament? Latest,
    int? Season,
    IReadOnlyList<BoardLine> Leaders,
    IReadOnlyList<PollSummary> OpenPolls,
    IReadOnlyList<NewsHeadline> News);

internal sealed record UpcomingTournament(Guid Id, string Title, DateTime StartsAt, DateTime EndsAt, string? Lake, string? LakeSlug, string? Ramp);

/// <param name="Member">A member on the day: a guest places on weight but earns no points, so their 0 is no mistake.</param>
internal sealed record LatestResult(int Place, string Angler, bool Member, int Fish, int NetWeight, int Points);

internal sealed record LatestTournament(Guid Id, string Title, DateTime StartsAt, IReadOnlyList<LatestResult> Top);

internal sealed record NewsHeadline(Guid Id, string Title, bool Pinned, DateTime PublishedAt);
