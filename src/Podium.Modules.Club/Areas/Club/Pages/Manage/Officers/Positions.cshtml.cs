using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Domain;
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

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await editor.AddPositionAsync(Name, Actor, cancellationToken);
        if (!result.Succeeded)
        {
            Show(result.Errors, nameof(Name));
            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = $"Added {result.Value!.Name}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await editor.RenamePositionAsync(id, NewName, Actor, cancellationToken);
        if (!result.Succeeded)
        {
            Show(result.Errors, nameof(NewName));
            Renaming = id;
            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = $"Renamed to {result.Value!.Name}.";
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostUpAsync(int id, CancellationToken cancellationToken) => MoveAsync(id, -1, cancellationToken);

    public Task<IActionResult> OnPostDownAsync(int id, CancellationToken cancellationToken) => MoveAsync(id, 1, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await editor.DeletePositionAsync(id, Actor, cancellationToken);
        if (!result.Succeeded)
        {
            Show(result.Errors, "");
            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = $"Deleted {result.Value!.Name}.";
        return RedirectToPage();
    }

    /// <summary>The editor names the field "Name"; on this page it is whichever form was posted.</summary>
    private void Show(IReadOnlyDictionary<string, string> errors, string field)
    {
        foreach (var (key, message) in errors)
        {
            ModelState.AddModelError(key.Length == 0 ? "" : field, message);
        }
    }

    private OfficerActor Actor => new(User.UserId(), User.IsInRole(Roles.Admin));

    private async Task<IActionResult> MoveAsync(int id, int by, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await editor.MovePositionAsync(id, by, Actor, cancellationToken);
        if (!result.Succeeded)
        {
            Show(result.Errors, "");
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage();
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
