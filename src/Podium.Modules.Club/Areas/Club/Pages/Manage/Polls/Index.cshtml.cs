using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Polls;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Polls;

internal sealed record ManagedPoll(Guid Id, PollKind Kind, string Title, DateTime OpensAt, DateTime ClosesAt, DateTime? ClosedAt, PollStatus Status, int Votes);

/// <summary>Officers' list of every poll, with what may still be done to each.</summary>
// Said on the page itself as well: the area-folder convention in AddClub does not reach these pages (seen in tests).
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class IndexModel(PodiumDbContext db, PollEditor editor, PollCloser closer, ClubSettings settings, TimeProvider time) : PageModel
{
    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public IReadOnlyList<ManagedPoll> Polls { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task OnPostCloseAsync(Guid id, CancellationToken cancellationToken)
    {
        var winner = await closer.CloseAsync(id, User.UserId(), cancellationToken);
        (Message, Failed) = winner is null ? ("That poll was already closed (or no longer exists).", true) : ("The poll is closed.", false);
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await editor.DeleteAsync(id, User.UserId()!.Value, cancellationToken);
        (Message, Failed) = result.Succeeded ? ("The poll is deleted.", false) : (result.Problem!.Detail, true);
        await LoadAsync(cancellationToken);
    }

    public string Local(DateTime utc) => PollFormat.Local(Club.Zone, utc);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Set<Poll>().AsNoTracking()
            .OrderByDescending(p => p.ClosesAt)
            .Select(p => new { p.Id, p.Kind, p.Title, p.OpensAt, p.ClosesAt, p.ClosedAt, Votes = db.Set<PollVote>().Count(v => v.PollId == p.Id) })
            .ToListAsync(cancellationToken);
        Polls = [.. rows.Select(p => new ManagedPoll(p.Id, p.Kind, p.Title, p.OpensAt, p.ClosesAt, p.ClosedAt, ClubPolls.StatusOf(p.OpensAt, p.ClosesAt, p.ClosedAt, now), p.Votes))];
    }
}
