using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Calendar;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Events;

/// <summary>Officers' list of meetings, holidays and other events (tournaments are managed on their own pages).</summary>
// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class IndexModel(PodiumDbContext db, ClubSettings settings, ClubEventEditor editor, TimeProvider time) : PageModel
{
    public LocalZone Zone { get; private set; } = ClubProfile.DefaultZone;

    public List<ClubEvent> Upcoming { get; private set; } = [];

    public List<ClubEvent> Past { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Zone = (await settings.GetAsync(cancellationToken)).Zone;
        var now = time.GetUtcNow().UtcDateTime;
        var events = db.Set<ClubEvent>().AsNoTracking().Where(e => e.Kind != EventKind.Tournament);
        Upcoming = await events.Where(e => e.EndsAt > now).OrderBy(e => e.StartsAt).Take(200).ToListAsync(cancellationToken);
        Past = await events.Where(e => e.EndsAt <= now).OrderByDescending(e => e.StartsAt).Take(50).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        Message = await editor.DeleteAsync(id, User.UserId(), cancellationToken) ? "The event is deleted." : "That event was already gone.";
        return RedirectToPage();
    }
}
