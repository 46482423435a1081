using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Forecast.Features.Scoring;
using Podium.Platform.Modules.Formats;

namespace Podium.Modules.Forecast.Areas.Forecast.Pages;

/// <summary>
/// <c>podium forecast score</c> for people without a terminal: upload closes and forecasts, see each model's scores
/// next to the random walk, or download them as the command's JSON. Nothing is stored.
/// </summary>
[Authorize]
internal sealed class ScoreModel : PageModel
{
    /// <summary>The site's request limit is 1 MB for both files together; each file is held to it on its own too.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    [BindProperty]
    [Display(Name = "Prices (prices.csv)")]
    public IFormFile? Prices { get; set; }

    [BindProperty]
    [Display(Name = "Forecasts (forecasts.csv)")]
    public IFormFile? Forecasts { get; set; }

    public ScoreOutcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Outcome = await ScoreAsync(cancellationToken);
        return Page();
    }

    /// <summary>The same files scored, as the JSON file the command writes.</summary>
    public async Task<IActionResult> OnPostJsonAsync(CancellationToken cancellationToken)
    {
        Outcome = await ScoreAsync(cancellationToken);
        return Outcome is { Succeeded: true } scored
            ? File(Encoding.UTF8.GetBytes(ScoresJson.Write(scored.Scores)), "application/json", "scores.json")
            : Page();
    }

    private async Task<ScoreOutcome?> ScoreAsync(CancellationToken cancellationToken)
    {
        var prices = await ReadAsync(Prices, nameof(Prices), cancellationToken);
        var forecasts = await ReadAsync(Forecasts, nameof(Forecasts), cancellationToken);
        return prices is null || forecasts is null
            ? null
            : ScoreFiles.Score(prices, forecasts, FileName(Prices!, ScoreFiles.Prices), FileName(Forecasts!, ScoreFiles.Forecasts));
    }

    private async Task<string?> ReadAsync(IFormFile? file, string field, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(field, $"Choose the {(field == nameof(Prices) ? "prices" : "forecasts")} file.");
            return null;
        }

        if (file.Length > MaxFileBytes)
        {
            ModelState.AddModelError(field, $"{FileName(file, field)} is larger than 1 MB.");
            return null;
        }

        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>The name the user knows the file by; never a path, and never text that is not printable.</summary>
    private static string FileName(IFormFile file, string fallback)
    {
        var name = Path.GetFileName(file.FileName);
        return name.Length is > 0 and <= 100 && name.All(c => !char.IsControl(c)) ? name : fallback;
    }
}
