using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Lakes;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Lakes;

/// <summary>One lake: its details and its ramps, each in its own small form.</summary>
// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class EditModel(PodiumDbContext db, LakeEditor editor) : PageModel
{
    [BindProperty]
    public PlaceInput Input { get; set; } = new();

    public Lake Lake { get; private set; } = null!;

    /// <summary>Which form the errors belong to: "lake", "new-ramp" or "ramp-{id}".</summary>
    public string? Posted { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public ModelStateDictionary StateFor(string form) => form == Posted ? ModelState : new ModelStateDictionary();

    public PlaceInput InputFor(string form, string? name, double? latitude, double? longitude, string? notes = null) =>
        form == Posted ? Input : new PlaceInput { Name = name, Latitude = Text(latitude), Longitude = Text(longitude), Notes = notes };

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostLakeAsync(int id, CancellationToken cancellationToken) =>
        HandleAsync(id, "lake", () => editor.SaveLakeAsync(id, Input, User.UserId(), cancellationToken), "Lake saved.", cancellationToken);

    public Task<IActionResult> OnPostRampAsync(int id, int? rampId, CancellationToken cancellationToken) =>
        HandleAsync(id, rampId is null ? "new-ramp" : $"ramp-{rampId}",
            () => editor.SaveRampAsync(id, rampId, Input, User.UserId(), cancellationToken), "Ramp saved.", cancellationToken);

    public async Task<IActionResult> OnPostDeleteRampAsync(int id, int rampId, CancellationToken cancellationToken)
    {
        Message = await editor.DeleteRampAsync(id, rampId, User.UserId(), cancellationToken) ?? "The ramp is deleted.";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> HandleAsync<T>(int id, string form, Func<Task<CommandResult<T>>> save, string done, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await save();
        if (result.Succeeded)
        {
            Message = done;
            return RedirectToPage(new { id });
        }

        Posted = form;
        result.AddTo(ModelState, nameof(Input));
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var lake = await db.Set<Lake>().AsNoTracking().Include(l => l.Ramps.OrderBy(r => r.Name)).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        Lake = lake!;
        return lake is not null;
    }

    private static string? Text(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture);
}
