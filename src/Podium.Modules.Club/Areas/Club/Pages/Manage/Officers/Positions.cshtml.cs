using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Members;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Officers;

internal sealed record PositionRow(int Id, string Name, int Terms);

/// <summary>The club's list of offices, in the order the roster shows them: add, rename, move, delete an unused one.</summary>
// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class PositionsModel(PodiumDbContext db, OfficerEditor editor) : PageModel
{
    /// <summary>The new office's name (the add form).</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>A renamed office's new name (each row's rename form).</summary>
    [BindProperty]
    public string? NewName { get; set; }

    /// <summary>The office whose rename failed, so its row shows the error and what was typed.</summary>
    public int? Renaming { get; private set; }

    public List<PositionRow> Positions { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        ChangeAsync(() => editor.AddPositionAsync(Name, Actor, cancellationToken), p => $"Added {p.Name}.", nameof(Name), cancellationToken);

    public Task<IActionResult> OnPostRenameAsync(int id, CancellationToken cancellationToken)
    {
        Renaming = id;
        return ChangeAsync(() => editor.RenamePositionAsync(id, NewName, Actor, cancellationToken), p => $"Renamed to {p.Name}.", nameof(NewName), cancellationToken);
    }

    public Task<IActionResult> OnPostUpAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(() => editor.MovePositionAsync(id, -1, Actor, cancellationToken), _ => null, "", cancellationToken);

    public Task<IActionResult> OnPostDownAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(() => editor.MovePositionAsync(id, 1, Actor, cancellationToken), _ => null, "", cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(() => editor.DeletePositionAsync(id, Actor, cancellationToken), p => $"Deleted {p.Name}.", "", cancellationToken);

    private OfficerActor Actor => new(User.UserId(), User.IsInRole(Roles.Admin));

    /// <summary>
    /// Makes one change: back to the list with a note, or the page with the reasons. The editor calls the name field
    /// "Name"; here it is whichever form was posted (<paramref name="field"/>).
    /// </summary>
    private async Task<IActionResult> ChangeAsync(
        Func<Task<CommandResult<OfficerPosition>>> change, Func<OfficerPosition, string?> done, string field, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await change();
        if (result.Succeeded)
        {
            Message = done(result.Value!);
            return RedirectToPage();
        }

        result.AddTo(ModelState, _ => field);

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var terms = await db.Set<OfficerTerm>().AsNoTracking()
            .GroupBy(t => t.PositionId)
            .Select(g => new { PositionId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.PositionId, g => g.Count, cancellationToken);
        Positions = [.. (await db.Set<OfficerPosition>().AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Name).ToListAsync(cancellationToken))
            .Select(p => new PositionRow(p.Id, p.Name, terms.GetValueOrDefault(p.Id)))];
    }
}
