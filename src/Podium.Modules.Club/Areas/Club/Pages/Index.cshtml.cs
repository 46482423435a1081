using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Polls;
using Podium.Modules.Club.Features.Standings;
using Podium.Platform.Api;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Areas.Club.Pages;

internal sealed class IndexModel(PodiumDbContext db, ClubSettings settings, ClubStandings standings, ClubPolls polls, TimeProvider time) : PageModel
{
    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public UpcomingTournament? Next { get; private set; }

    public LatestTournament? Latest { get; private set; }

    public SeasonBoard? Season { get; private set; }

    public DateTime Now { get; private set; }

    public List<NewsPost> News { get; private set; } = [];
    public IReadOnlyList<PollSummary> OpenPolls { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        Next = await db.Set<Tournament>().AsNoTracking()
            .Where(t => t.Event.EndsAt > now && t.Status != TournamentStatus.Cancelled && t.Status != TournamentStatus.Completed)
            .OrderBy(t => t.Event.StartsAt)
            .Select(t => new UpcomingTournament(t.Id, t.Event.Title, t.Event.StartsAt, t.Event.EndsAt, t.Lake != null ? t.Lake.Name : null, t.Lake != null ? t.Lake.Slug : null, t.Ramp != null ? t.Ramp.Name : null))
            .FirstOrDefaultAsync(cancellationToken);
        // Two queries rather than one: a top-N per parent needs SQL APPLY, which SQLite lacks.
        var latest = await db.Set<Tournament>().AsNoTracking()
            .Where(t => t.Status == TournamentStatus.Completed)
            .OrderByDescending(t => t.Event.StartsAt)
            .Select(t => new { t.Id, t.Event.Title, t.Event.StartsAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is not null)
        {
            var top = await db.Set<TournamentResult>().AsNoTracking()
                .Where(r => r.TournamentId == latest.Id && r.Place != null)
                .OrderBy(r => r.Place).ThenBy(r => r.Angler.Name).Take(5)
                .Select(r => new LatestResult(r.Place!.Value, r.Angler.Name, r.Member, r.Fish, Math.Max(0, r.TotalWeight - r.DeadFishPenalty), r.Points))
                .ToListAsync(cancellationToken);
            Latest = new LatestTournament(latest.Id, latest.Title, latest.StartsAt, top);
        }

        var seasons = await standings.GetSeasonsAsync(cancellationToken);
        var current = Club.Zone.SeasonOf(now);
        var shown = seasons.Contains(current) ? current : seasons.Where(s => s < current).DefaultIfEmpty().Max();
        Season = shown == 0 ? null : await standings.GetSeasonAsync(shown, cancellationToken);
        OpenPolls = (await polls.ListAsync(PollStatus.Open, new PageRequest(1, 5), cancellationToken)).Items;
        Now = now;
        News = await db.Set<NewsPost>().AsNoTracking()
            .Where(p => p.Status == NewsStatus.Published)
            .OrderByDescending(p => p.Pinned).ThenByDescending(p => p.PublishedAt)
            .Take(3)
            .ToListAsync(cancellationToken);
    }
}

internal sealed record UpcomingTournament(Guid Id, string Title, DateTime StartsAt, DateTime EndsAt, string? Lake, string? LakeSlug, string? Ramp);

/// <param name="Member">A member on the day: a guest places on weight but earns no points, so their 0 is no mistake.</param>
internal sealed record LatestResult(int Place, string Angler, bool Member, int Fish, int NetWeight, int Points);

internal sealed record LatestTournament(Guid Id, string Title, DateTime StartsAt, List<LatestResult> Top);
