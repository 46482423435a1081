using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Areas.Club.Pages.Lakes;

internal sealed record LakeSummary(string Name, string Slug, int Ramps, int Tournaments);

internal sealed class IndexModel(PodiumDbContext db) : PageModel
{
    public List<LakeSummary> Lakes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Lakes = await db.Set<Lake>().AsNoTracking()
            .OrderBy(l => l.Name)
            .Select(l => new LakeSummary(l.Name, l.Slug, l.Ramps.Count, db.Set<Tournament>().Count(t => t.LakeId == l.Id)))
            .ToListAsync(cancellationToken);
}
