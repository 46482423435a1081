using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Areas.Club.Pages.Tournaments;
using Podium.Modules.Club.Features.Tournaments;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Tournaments;

/// <summary>Officers' list of tournaments: create, edit, open the weigh-in, cancel (and restore), delete (only without results).</summary>
// Explicit as well as by folder convention: the area-folder convention did not reach these pages in tests.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class IndexModel(PodiumDbContext db, ClubSettings settings, TournamentEditor editor) : PageModel
{
    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public IReadOnlyList<TournamentRow> Tournaments { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message switch
        {
            "deleted" => "The tournament was deleted.",
            "cancelled" => "The tournament was cancelled. Restore brings it back with its results.",
            "restored" => "The tournament was restored.",
            "saved" => "The tournament was saved.",
            _ => null,
        };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken) =>
        await editor.SetStatusAsync(id, TournamentStatus.Cancelled, User.UserId(), cancellationToken)
            ? RedirectToPage(new { message = "cancelled" })
            : NotFound();

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken cancellationToken) =>
        await editor.RestoreAsync(id, User.UserId(), cancellationToken)
            ? RedirectToPage(new { message = "restored" })
            : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await editor.DeleteAsync(id, User.UserId(), cancellationToken) is { } problem)
        {
            Message = problem;
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage(new { message = "deleted" });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        Tournaments = await db.Set<Tournament>().AsNoTracking()
            .OrderByDescending(t => t.Event.StartsAt)
            .Select(t => new TournamentRow(t.Id, t.Event.Title, t.Event.StartsAt, t.Status, t.Lake != null ? t.Lake.Name : null, t.Ramp != null ? t.Ramp.Name : null, t.Results.Count, t.CountsForAnglerOfTheYear))
            .ToListAsync(cancellationToken);
    }

    public string Local(DateTime utc) => Club.Zone.Format(utc, "yyyy-MM-dd h:mm tt");
}
