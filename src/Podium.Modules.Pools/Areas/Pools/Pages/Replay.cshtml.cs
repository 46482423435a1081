using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Pools.Features.Replay;
using Podium.Platform.Modules.Formats;

namespace Podium.Modules.Pools.Areas.Pools.Pages;

/// <summary>
/// The season replay for commissioners: the files and the rules in, the standings (or every bad row) out. It reads only
/// what the member uploads and writes nothing, so any signed-in member may use it.
/// </summary>
[Authorize]
internal sealed class ReplayModel : PageModel
{
    public const string Path = "/pools/replay";

    [BindProperty]
    [Display(Name = "Rules (JSON)")]
    [StringLength(20_000)]
    public string? RulesText { get; set; }

    [BindProperty]
    [Display(Name = "or a rules file")]
    public IFormFile? RulesFile { get; set; }

    [BindProperty]
    [Display(Name = "games.csv")]
    public IFormFile? Games { get; set; }

    [BindProperty]
    [Display(Name = "picks.csv")]
    public IFormFile? Picks { get; set; }

    [BindProperty]
    [Display(Name = "buybacks.csv (survivor, optional)")]
    public IFormFile? Buybacks { get; set; }

    public ReplayOutcome? Outcome { get; private set; }

    public void OnGet() => RulesText = RulesJson.Write(new SurvivorRules());

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Games is null)
        {
            ModelState.AddModelError(nameof(Games), "Choose the season's games.csv.");
        }

        if (Picks is null)
        {
            ModelState.AddModelError(nameof(Picks), "Choose the entries' picks.csv.");
        }

        if (RulesFile is null && string.IsNullOrWhiteSpace(RulesText))
        {
            ModelState.AddModelError(nameof(RulesText), "Paste the rules or choose a rules file.");
        }

        foreach (var (name, file) in new[] { (nameof(RulesFile), RulesFile), (nameof(Games), Games), (nameof(Picks), Picks), (nameof(Buybacks), Buybacks) })
        {
            if (file is { Length: > UploadedText.MaxBytes })
            {
                ModelState.AddModelError(name, $"{UploadedText.NameOf(file, name)} is larger than 1 MB.");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var rules = RulesFile is null ? RulesText! : await UploadedText.ReadAsync(RulesFile, cancellationToken);
        Outcome = SeasonReplay.Run(new ReplayInput(
            rules,
            await UploadedText.ReadAsync(Games!, cancellationToken),
            await UploadedText.ReadAsync(Picks!, cancellationToken),
            Buybacks is null ? null : await UploadedText.ReadAsync(Buybacks, cancellationToken)));
        return Page();
    }
}
