using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Members;

/// <summary>Officers' list of anglers, searchable by name or e-mail, a page at a time.</summary>
// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class IndexModel(PodiumDbContext db, ClubSettings settings, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int PageCount { get; private set; } = 1;

    public int Total { get; private set; }

    public DateOnly Today { get; private set; }

    public int DuesCents { get; private set; }

    public List<Angler> Anglers { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var club = await settings.GetAsync(cancellationToken);
        (Today, DuesCents) = (club.Zone.Today(time), club.DuesCents);
        var query = db.Set<Angler>().AsNoTracking();
        var q = Q?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(q) && q.Length <= 100)
        {
            // Lower-cased on both sides: PostgreSQL compares case-sensitively, SQLite's LIKE does not.
            query = query.Where(a => a.Name.ToLower().Contains(q) || a.Email.Contains(q));
        }

        Total = await query.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Anglers = await query.OrderBy(a => a.Name).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }

    public string Link(int page) => $"/club/manage/members?q={Uri.EscapeDataString(Q ?? "")}&p={page}";
}
