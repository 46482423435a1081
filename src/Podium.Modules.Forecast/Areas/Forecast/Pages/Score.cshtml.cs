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
        var prices = await UploadedText.ReadAsync(Prices, ModelState, nameof(Prices), "Choose the prices file.", cancellationToken);
        var forecasts = await UploadedText.ReadAsync(Forecasts, ModelState, nameof(Forecasts), "Choose the forecasts file.", cancellationToken);
        return prices is null || forecasts is null
            ? null
            : ScoreFiles.Score(prices, forecasts, UploadedText.NameOf(Prices!, ScoreFiles.Prices), UploadedText.NameOf(Forecasts!, ScoreFiles.Forecasts));
    }
}
