using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Areas.Fights.Pages.Shared;
using Podium.Modules.Fights.Features.Bouts;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Modules.Fights.Features.Fighters;
using Podium.Modules.Fights.Features.Predictions;
using Podium.Platform.Identity;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Bouts;

/// <summary>A bout's preview: the tale of the tape, both records, the odds trend and the result once in.</summary>
internal sealed class DetailsModel(BoutPreviews previews, BoutPredictions predictions, TimeProvider time) : PageModel
{
    public BoutPreview Bout { get; private set; } = null!;

    public DateTime Now { get; private set; }

    /// <summary>The viewer's pick form, or once locked their pick and the community split.</summary>
    public PredictionFormModel? Prediction { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await previews.GetAsync(id, cancellationToken) is not { } bout)
        {
            return NotFound();
        }

        Bout = bout;
        Now = time.GetUtcNow().UtcDateTime;
        if (await predictions.ForBoutAsync(id, User.UserId(), cancellationToken) is { } view)
        {
            Prediction = new PredictionFormModel(view, Now, User.Identity?.IsAuthenticated == true, $"/fights/bouts/{id}");
        }

        return Page();
    }

    /// <summary>The tape's rows: what people compare before a fight.</summary>
    public IEnumerable<(string Label, string A, string B)> Tape()
    {
        var a = Bout.A;
        var b = Bout.B;
        yield return ("Record", a.Record.ToString(), b.Record.ToString());
        yield return ("Age", a.Age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–", b.Age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–");
        yield return ("Height", Fighters.DetailsModel.Length(a.HeightCm), Fighters.DetailsModel.Length(b.HeightCm));
        yield return ("Reach", Fighters.DetailsModel.Length(a.ReachCm), Fighters.DetailsModel.Length(b.ReachCm));
        yield return ("Stance", a.Stance?.ToString() ?? "–", b.Stance?.ToString() ?? "–");
        yield return ("Country", a.Country ?? "–", b.Country ?? "–");
        yield return ("Team", a.Team ?? "–", b.Team ?? "–");
        foreach (var (sa, sb) in a.Stats.Axes.Zip(b.Stats.Axes))
        {
            yield return (sa.Label, Fighters.DetailsModel.Stat(sa.Value, sa.Ratio), Fighters.DetailsModel.Stat(sb.Value, sb.Ratio));
        }
    }

    /// <summary>Both corners' implied chances at each snapshot, oldest first.</summary>
    public string TrendJson() => new ChartSpec("line",
        [.. Bout.Trend.Select(p => p.TakenAt.ToString("d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture))],
        [
            new ChartSeries(Bout.A.Name, [.. Bout.Trend.Select(p => (double?)Math.Round(p.ImpliedA, 3))]),
            new ChartSeries(Bout.B.Name, [.. Bout.Trend.Select(p => (double?)Math.Round(p.ImpliedB, 3))]),
        ],
        new ChartAxis("Implied chance of winning", 0, 1, Percent: true)).ToJson();
}
