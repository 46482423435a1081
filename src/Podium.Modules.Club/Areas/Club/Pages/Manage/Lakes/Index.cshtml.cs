using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Lakes;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Lakes;

/// <summary>Officers' list of lakes and the form to add one.</summary>
// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class IndexModel(PodiumDbContext db, LakeEditor editor) : PageModel
{
    [BindProperty]
    public PlaceInput Input { get; set; } = new();

    public List<Lake> Lakes { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await editor.SaveLakeAsync(null, Input, User.UserId(), cancellationToken);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, nameof(Input));
            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = $"Added {result.Value!.Name}. Add its ramps below.";
        return RedirectToPage("/Manage/Lakes/Edit", new { id = result.Value.Id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        Message = await editor.DeleteLakeAsync(id, User.UserId(), cancellationToken) ?? "The lake is deleted.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Lakes = await db.Set<Lake>().AsNoTracking().Include(l => l.Ramps).OrderBy(l => l.Name).ToListAsync(cancellationToken);
}
