using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Calendar;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Events;

// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class EditModel(PodiumDbContext db, ClubSettings settings, ClubEventEditor editor) : PageModel
{
    [BindProperty]
    public EventInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public LocalZone Zone { get; private set; } = ClubProfile.DefaultZone;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        Zone = (await settings.GetAsync(cancellationToken)).Zone;
        Id = id;
        if (id is null)
        {
            return Page();
        }

        var e = await db.Set<ClubEvent>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Kind != EventKind.Tournament, cancellationToken);
        if (e is null)
        {
            return NotFound();
        }

        Input = EventInput.From(e, Zone);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Zone = (await settings.GetAsync(cancellationToken)).Zone;
        Id = id;
        // The editor checks every field itself, with messages about club events; binding errors would only repeat them.
        ModelState.Clear();
        var result = await editor.SaveAsync(id, Input, User.UserId(), cancellationToken);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, nameof(Input));

            return Page();
        }

        TempData["Message"] = $"Saved “{result.Value!.Title}”.";
        return RedirectToPage("/Manage/Events/Index");
    }
}
