using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Pools.Features.Replay;

namespace Podium.Modules.Pools.Areas.Pools.Pages;

/// <summary>
/// The season replay for commissioners: the files and the rules in, the standings (or every bad row) out. It reads only
/// what the member uploads and writes nothing, so any signed-in member may use it.
/// </summary>
[Authorize]
internal sealed class ReplayModel : PageModel
{
    public const string Path = "/pools/replay";

    /// <summary>Per file; the site's request limit (1 MB by default) caps the whole upload before the page sees it.</summary>
    public const long MaxFileBytes = 1024 * 1024;

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
            if (file is { Length: > MaxFileBytes })
            {
                ModelState.AddModelError(name, $"{System.IO.Path.GetFileName(file.FileName)} is larger than 1 MB.");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var rules = RulesFile is null ? RulesText! : await ReadAsync(RulesFile, cancellationToken);
        Outcome = SeasonReplay.Run(new ReplayInput(
            rules,
            await ReadAsync(Games!, cancellationToken),
            await ReadAsync(Picks!, cancellationToken),
            Buybacks is null ? null : await ReadAsync(Buybacks, cancellationToken)));
        return Page();
    }

    private static async Task<string> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
