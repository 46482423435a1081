using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Members;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Areas.Club.Pages;

/// <summary>An angler's own club details: the name on results, the phone members see, and whether news is e-mailed.</summary>
[Authorize]
internal sealed class MeModel(PodiumDbContext db, ClubAccess access, MemberEditor members) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public bool NewsEmails { get; set; }

    public Angler? Angler { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var viewer = await access.GetViewerAsync(User, cancellationToken);
        Angler = await LoadAsync(viewer, cancellationToken);
        if (Angler is not null)
        {
            (Name, Phone, NewsEmails) = (Angler.Name, Angler.Phone, Angler.NewsEmails);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var viewer = await access.GetViewerAsync(User, cancellationToken);
        Angler = await LoadAsync(viewer, cancellationToken);
        if (Angler is null)
        {
            return Page();
        }

        var result = await members.SaveOwnDetailsAsync(Angler.Id, Name, Phone, NewsEmails, viewer.UserId, cancellationToken);
        if (result.Problem is not null)
        {
            Angler = null;
            return Page();
        }

        // The page binds Name and Phone without a prefix, as the handler names them.
        result.AddTo(ModelState, "");
        (Angler, Saved) = result.Succeeded ? (result.Value, true) : (Angler, false);
        return Page();
    }

    private async Task<Angler?> LoadAsync(ClubViewer viewer, CancellationToken cancellationToken) =>
        viewer.Angler is null ? null : await db.Set<Angler>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == viewer.Angler.Id, cancellationToken);
}
