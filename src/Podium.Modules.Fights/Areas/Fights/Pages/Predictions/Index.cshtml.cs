using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Areas.Fights.Pages.Shared;
using Podium.Modules.Fights.Features.Predictions;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Commands;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Predictions;

/// <summary>
/// "My predictions": picks still open (editable), the next card to pick, past picks with their points and accuracy over
/// time. Every pick form on the site (event and bout pages too) posts here, and comes back where it was sent from.
/// </summary>
[Authorize]
internal sealed class MyPredictionsModel(BoutPredictions predictions, PodiumDbContext db, TimeProvider time) : PageModel
{
    public const string Path = "/fights/predictions";

    /// <summary>The picks the page lists; a fan with more sees the newest (the API pages through all).</summary>
    private const int Shown = 200;

    [BindProperty]
    public Guid BoutId { get; set; }

    [BindProperty]
    public PickFormValues Pick { get; set; } = new();

    [BindProperty]
    public string? ReturnUrl { get; set; }

    public DateTime Now { get; private set; }

    public IReadOnlyList<PredictionFormModel> Open { get; private set; } = [];

    /// <summary>The next card's bouts the fan has not picked yet.</summary>
    public IReadOnlyList<PredictionFormModel> ToPick { get; private set; } = [];

    public string? NextEvent { get; private set; }

    public IReadOnlyList<MyPrediction> Past { get; private set; } = [];

    public IReadOnlyList<AccuracyPoint> Accuracy { get; private set; } = [];

    /// <summary>A refused pick, shown again at the top with why.</summary>
    public PredictionFormModel? Refused { get; private set; }

    public int TotalPoints => Accuracy.Count == 0 ? 0 : Accuracy[^1].Points;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var userId = User.UserId()!.Value;
        int? round = null;
        var badRound = false;
        if (!string.IsNullOrWhiteSpace(Pick.Round))
        {
            if (int.TryParse(Pick.Round, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                round = parsed;
            }
            else
            {
                badRound = true;
            }
        }

        var result = badRound
            ? CommandResult<SavedPrediction>.Invalid("round", "The round is a number from 1 to the bout's scheduled rounds.")
            : await predictions.SaveAsync(userId, BoutId, new PickInput(Pick.Winner, Pick.Method, round), cancellationToken);
        return result.Succeeded ? Back() : await RefusedAsync(result.Errors, result.Problem, cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken)
    {
        var result = await predictions.WithdrawAsync(User.UserId()!.Value, BoutId, cancellationToken);
        return result.Succeeded ? Back() : await RefusedAsync(result.Errors, result.Problem, cancellationToken);
    }

    private IActionResult Back() =>
        LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? $"{ReturnUrl}#predict-{BoutId:N}" : $"{Path}#predict-{BoutId:N}");

    private async Task<IActionResult> RefusedAsync(IReadOnlyDictionary<string, string[]> errors, CommandProblem? problem, CancellationToken cancellationToken)
    {
        if (problem?.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        List<string> messages = problem is not null ? [problem.Detail] : [.. errors.SelectMany(e => e.Value)];
        foreach (var message in messages)
        {
            ModelState.AddModelError("", message);
        }

        if (await predictions.ForBoutAsync(BoutId, User.UserId(), cancellationToken) is { } view)
        {
            Refused = new PredictionFormModel(view, Now, true, SafeReturnUrl, Pick, messages);
        }

        Response.StatusCode = problem?.Status ?? StatusCodes.Status400BadRequest;
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Path;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = User.UserId()!.Value;
        Now = time.GetUtcNow().UtcDateTime;
        var mine = (await predictions.MineAsync(userId, new PageRequest(1, Shown), cancellationToken)).Items;
        var open = mine.Where(p => !p.Locked && p.Bout.Takes).OrderBy(p => p.LocksAt).Select(p => p.Bout.Id).ToList();
        Past = [.. mine.Where(p => p.Locked || !p.Bout.Takes)];

        // The next card still taking picks, for a fan who has not picked it yet.
        var next = await db.Set<FightEvent>().AsNoTracking()
            .Where(e => e.Status == EventStatus.Scheduled && e.StartsAt > Now)
            .OrderBy(e => e.StartsAt)
            .Select(e => new { e.Name, Bouts = e.Bouts.Where(b => b.Status == BoutStatus.Scheduled).OrderBy(b => b.Order).Select(b => b.Id).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        NextEvent = next?.Name;
        var toPick = (next?.Bouts ?? []).Except(open).ToList();
        var views = await predictions.ForBoutsAsync([.. open, .. toPick], userId, cancellationToken);
        Open = [.. open.Where(views.ContainsKey).Select(id => new PredictionFormModel(views[id], Now, true, Path))];
        ToPick = [.. toPick.Where(id => views.TryGetValue(id, out var v) && !v.Locked).Select(id => new PredictionFormModel(views[id], Now, true, Path))];
        Accuracy = await predictions.AccuracyAsync(userId, cancellationToken);
    }

    /// <summary>The accuracy chart's data, for the canvas's data attribute (the content security policy forbids inline script).</summary>
    public string ChartJson() => JsonSerializer.Serialize(new
    {
        labels = Accuracy.Select(a => a.Event).ToList(),
        accuracy = Accuracy.Select(a => a.AccuracyPercent).ToList(),
        points = Accuracy.Select(a => a.Points).ToList(),
    });

    public static string When(DateTime utc) => utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
