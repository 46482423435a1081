using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Members;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Members;

// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class EditModel(PodiumDbContext db, MemberEditor editor) : PageModel
{
    [BindProperty]
    public MemberInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    /// <summary>The Podium account the angler is linked to, if any: display name and e-mail.</summary>
    public string? Account { get; private set; }

    public List<string> Terms { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is null)
        {
            return Page();
        }

        var angler = await db.Set<Angler>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (angler is null)
        {
            return NotFound();
        }

        Input = MemberInput.From(angler);
        await LoadLinksAsync(angler, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        ModelState.Clear();
        var result = await editor.SaveAsync(id, Input, User.UserId(), cancellationToken);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, nameof(Input));
            if (id is not null && await db.Set<Angler>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } angler)
            {
                await LoadLinksAsync(angler, cancellationToken);
            }

            return Page();
        }

        TempData["Message"] = $"Saved {result.Value!.Name}.";
        return RedirectToPage("/Manage/Members/Index");
    }

    private async Task LoadLinksAsync(Angler angler, CancellationToken cancellationToken)
    {
        Account = angler.UserId is null ? null : await db.Users.AsNoTracking()
            .Where(u => u.Id == angler.UserId)
            .Select(u => u.DisplayName + " <" + u.Email + ">")
            .FirstOrDefaultAsync(cancellationToken);
        Terms = await db.Set<OfficerTerm>().AsNoTracking()
            .Where(t => t.AnglerId == angler.Id)
            .OrderByDescending(t => t.Season).ThenBy(t => t.Position.SortOrder)
            .Select(t => t.Season + ": " + t.Position.Name)
            .ToListAsync(cancellationToken);
    }
}
