using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Areas.Club.Pages.News;

/// <summary>One post. Drafts exist only for officers (a preview); anyone else gets a plain 404.</summary>
internal sealed class PostModel(PodiumDbContext db, ClubSettings settings, ClubAccess access) : PageModel
{
    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public NewsPost Post { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        var post = await db.Set<NewsPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null || (post.Status != NewsStatus.Published && !(await access.GetViewerAsync(User, cancellationToken)).IsOfficer))
        {
            return NotFound();
        }

        Post = post;
        return Page();
    }
}
