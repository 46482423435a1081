using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Features.Results;
using Podium.Platform.Api;
using Podium.Platform.Identity;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Manage;

/// <summary>
/// <c>/fights/manage/results</c>: bouts already fought, those without a result first by default, each with a form that
/// records or corrects its result through <see cref="ResultRecorder"/> (so it is checked, audited and scored as a feed's).
/// </summary>
// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = FightsPolicies.Manage)]
internal sealed class ResultsModel(ResultsAdmin admin, ResultRecorder recorder) : PageModel
{
    public const int PageSize = 25;

    public PagedList<ResultRow> Bouts { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public ResultInput? Input { get; set; }

    /// <summary>The bout whose form failed, to show its errors beside it.</summary>
    public Guid? Failed { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid boutId, CancellationToken cancellationToken)
    {
        // A round or time that is not a number (binding failed) must not be recorded as "unknown".
        if (!ModelState.IsValid)
        {
            Failed = boutId;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var parsed = (Input ?? new ResultInput(null, null, null, null)).Parse();
        if (parsed.Succeeded)
        {
            var recorded = await recorder.RecordAsync(boutId, parsed.Value, ResultRecorder.AdminSource, User.UserId(), cancellationToken);
            if (recorded.Succeeded)
            {
                Message = recorded.Value!.Changed
                    ? $"Result saved; {recorded.Value.MembersRescored} board lines moved."
                    : "The bout already had this result; nothing changed.";
                return RedirectToPage(new { all = All, p = PageNumber });
            }

            recorded.Show(ModelState, field => field);
        }
        else
        {
            parsed.Show(ModelState, field => field);
        }

        Failed = boutId;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Bouts = await admin.ListAsync(!All, new PageRequest(Math.Max(1, PageNumber), PageSize), cancellationToken);
}
