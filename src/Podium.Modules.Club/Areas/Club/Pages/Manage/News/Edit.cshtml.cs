using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.News;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.News;

// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class EditModel(PodiumDbContext db, ClubNews news, ClubAccess access) : PageModel
{
    [BindProperty]
    public NewsInput Input { get; set; } = new();

    public NewsPost? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            Existing = await db.Set<NewsPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (Existing is null)
            {
                return NotFound();
            }

            Input = new NewsInput { Title = Existing.Title, Markdown = Existing.Markdown, Pinned = Existing.Pinned };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, string? action, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var viewer = await access.GetViewerAsync(User, cancellationToken);
        var author = viewer.Angler?.Name
            ?? await db.Users.Where(u => u.Id == viewer.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
            ?? "An officer";
        var what = action switch
        {
            "publish" => NewsAction.Publish,
            "unpublish" => NewsAction.Unpublish,
            _ => NewsAction.SaveDraft,
        };
        var result = await news.SaveAsync(id, Input, what, User.UserId() ?? Guid.Empty, author, cancellationToken);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, nameof(Input));

            Existing = id is null ? null : await db.Set<NewsPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            return Page();
        }

        TempData["Message"] = what switch
        {
            NewsAction.Publish => $"Published “{result.Value!.Title}”.",
            NewsAction.Unpublish => $"“{result.Value!.Title}” is a draft again.",
            _ => $"Saved “{result.Value!.Title}”.",
        };
        return RedirectToPage("/Manage/News/Index");
    }
}
