using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Areas.Club.Pages.News;

/// <summary>Published club news, pinned posts first, newest next, a page at a time.</summary>
internal sealed class IndexModel(PodiumDbContext db, ClubSettings settings) : PageModel
{
    public const int PageSize = 10;

    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public List<NewsPost> Posts { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public async Task OnGetAsync(int? p, CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        var published = db.Set<NewsPost>().AsNoTracking().Where(x => x.Status == NewsStatus.Published);
        var total = await published.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(p ?? 1, 1, PageCount);
        Posts = await published
            .OrderByDescending(x => x.Pinned).ThenByDescending(x => x.PublishedAt)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
    }
}
