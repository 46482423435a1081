using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Tournaments;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Tournaments;

internal sealed record LakeChoice(int Id, string Name, IReadOnlyList<(int Id, string Name)> Ramps);

/// <summary>Create (no id) or edit a tournament. Dates and times are the club's local wall clock.</summary>
// Explicit as well as by folder convention: the area-folder convention did not reach these pages in tests.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class EditModel(PodiumDbContext db, ClubSettings settings, TournamentEditor editor) : PageModel
{
    [BindProperty]
    public TournamentForm Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public string ZoneId { get; private set; } = "";

    public IReadOnlyList<LakeChoice> Lakes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        var zone = (await settings.GetAsync(cancellationToken)).Zone;
        if (id is { } existing)
        {
            var tournament = await db.Set<Tournament>().AsNoTracking().Include(t => t.Event).FirstOrDefaultAsync(t => t.Id == existing, cancellationToken);
            if (tournament is null)
            {
                return NotFound();
            }

            Input = TournamentEditor.FormOf(tournament, zone);
        }
        else
        {
            Input = await editor.NewFormAsync(cancellationToken);
        }

        Id = id;
        await LoadAsync(zone, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        // The editor checks everything (and says it in the club's words); binding errors of empty inputs would only repeat it.
        foreach (var key in ModelState.Keys.ToList())
        {
            ModelState.Remove(key);
        }

        var edit = await editor.SaveAsync(id, Input, User.UserId(), cancellationToken);
        if (edit.Succeeded)
        {
            return RedirectToPage("/Manage/Tournaments/Index", new { message = "saved" });
        }

        if (edit.Problem is not null)
        {
            return NotFound();
        }

        edit.AddTo(ModelState, nameof(Input));

        await LoadAsync((await settings.GetAsync(cancellationToken)).Zone, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(LocalZone zone, CancellationToken cancellationToken)
    {
        ZoneId = zone.Id;
        var lakes = await db.Set<Lake>().AsNoTracking().Include(l => l.Ramps).OrderBy(l => l.Name).ToListAsync(cancellationToken);
        Lakes = [.. lakes.Select(l => new LakeChoice(l.Id, l.Name, [.. l.Ramps.OrderBy(r => r.Name).Select(r => (r.Id, r.Name))]))];
    }
}
