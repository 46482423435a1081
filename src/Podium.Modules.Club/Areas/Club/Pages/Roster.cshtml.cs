using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Areas.Club.Pages;

internal sealed record RosterAngler(string Name, string? Phone);

internal sealed record RosterOfficer(string Position, string Name);

/// <summary>Who is in the club: this season's officers, members and guests. Phone numbers are for members' eyes only.</summary>
internal sealed class RosterModel(PodiumDbContext db, ClubSettings settings, ClubAccess access, TimeProvider time) : PageModel
{
    public int Season { get; private set; }

    public bool ShowPhones { get; private set; }

    public List<RosterOfficer> Officers { get; private set; } = [];

    public List<RosterAngler> Members { get; private set; } = [];

    public List<RosterAngler> Guests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var club = await settings.GetAsync(cancellationToken);
        Season = club.Zone.Today(time).Year;
        ShowPhones = (await access.GetViewerAsync(User, cancellationToken)).IsMember;
        Officers = await db.Set<OfficerTerm>().AsNoTracking()
            .Where(t => t.Season == Season)
            .OrderBy(t => t.Position.SortOrder).ThenBy(t => t.Angler.Name)
            .Select(t => new RosterOfficer(t.Position.Name, t.Angler.Name))
            .ToListAsync(cancellationToken);
        var anglers = await db.Set<Angler>().AsNoTracking()
            .OrderBy(a => a.Name)
            .Select(a => new { a.Kind, a.Name, a.Phone })
            .ToListAsync(cancellationToken);
        // The phone never reaches the page unless the viewer may see it.
        Members = anglers.Where(a => a.Kind == MembershipKind.Member).Select(a => new RosterAngler(a.Name, ShowPhones ? a.Phone : null)).ToList();
        Guests = anglers.Where(a => a.Kind == MembershipKind.Guest).Select(a => new RosterAngler(a.Name, null)).ToList();
    }
}
