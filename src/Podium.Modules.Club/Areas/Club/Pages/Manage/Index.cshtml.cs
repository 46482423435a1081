using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage;

/// <summary>A tournament an officer is likely to act on today: under way, or the next one to come.</summary>
internal sealed record HubTournament(Guid Id, string Title, DateTime StartsAt, TournamentStatus Status);

/// <summary>
/// The officers' start page: every club task one tap away, with what needs doing (the weigh-in at hand, open polls,
/// drafts, members behind on dues) so an officer on a phone doesn't have to know the addresses.
/// </summary>
// Explicit as well as by folder convention: the area-folder convention did not reach these pages in tests.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class IndexModel(PodiumDbContext db, ClubSettings settings, TimeProvider time) : PageModel
{
    public ClubSettingsSnapshot Club { get; private set; } = null!;

    /// <summary>Every weigh-in still open (normally none or one), then the next scheduled tournament.</summary>
    public IReadOnlyList<HubTournament> AtHand { get; private set; } = [];

    public int OpenPolls { get; private set; }

    public int DraftPosts { get; private set; }

    public int Members { get; private set; }

    public int DuesOverdue { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var today = Club.Zone.Today(time);
        var startOfToday = Club.Zone.DayBounds(today).Start;

        var open = await db.Set<Tournament>().AsNoTracking()
            .Where(t => t.Status == TournamentStatus.InProgress)
            .OrderBy(t => t.Event.StartsAt)
            .Select(t => new HubTournament(t.Id, t.Event.Title, t.Event.StartsAt, t.Status))
            .ToListAsync(cancellationToken);
        var next = await db.Set<Tournament>().AsNoTracking()
            .Where(t => t.Status == TournamentStatus.Scheduled && t.Event.EndsAt >= startOfToday)
            .OrderBy(t => t.Event.StartsAt)
            .Select(t => new HubTournament(t.Id, t.Event.Title, t.Event.StartsAt, t.Status))
            .FirstOrDefaultAsync(cancellationToken);
        AtHand = next is null ? open : [.. open, next];
        OpenPolls = await db.Set<Poll>().CountAsync(p => p.ClosedAt == null && p.OpensAt <= now && p.ClosesAt > now, cancellationToken);
        DraftPosts = await db.Set<NewsPost>().CountAsync(p => p.Status == NewsStatus.Draft, cancellationToken);
        Members = await db.Set<Angler>().CountAsync(a => a.Kind == MembershipKind.Member, cancellationToken);
        DuesOverdue = Club.DuesCents == 0 ? 0
            : await db.Set<Angler>().CountAsync(a => a.Kind == MembershipKind.Member && (a.DuesPaidThrough == null || a.DuesPaidThrough < today), cancellationToken);
    }
}
