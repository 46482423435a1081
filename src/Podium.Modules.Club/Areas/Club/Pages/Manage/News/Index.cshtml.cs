using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.News;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.News;

// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class IndexModel(PodiumDbContext db, ClubNews news) : PageModel
{
    public List<NewsPost> Posts { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Posts = await db.Set<NewsPost>().AsNoTracking()
            .OrderBy(p => p.Status).ThenByDescending(p => p.UpdatedAt)
            .Take(200)
            .ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        Message = await news.DeleteAsync(id, User.UserId() ?? Guid.Empty, cancellationToken) ? "The post is deleted." : "That post was already gone.";
        return RedirectToPage();
    }
}
