using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Features.Analytics;
using Podium.Modules.Fights.Features.Catalogue;

namespace Podium.Modules.Fights.Areas.Fights.Pages;

/// <summary>Per weight class: how bouts end, how long they last, how often the favourite loses, title fights.</summary>
internal sealed class AnalyticsModel(WeightClassAnalytics analytics) : PageModel
{
    public IReadOnlyList<ClassAnalytics> Classes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Classes = await analytics.GetAsync(cancellationToken);

    /// <summary>Each class's share of KO/TKO, submission and decision wins.</summary>
    public string MethodsJson() => new ChartSpec("bar",
        [.. Classes.Select(c => c.WeightClass.Title())],
        [
            new ChartSeries("KO/TKO", [.. Classes.Select(c => c.KoTkoRate)]),
            new ChartSeries("Submission", [.. Classes.Select(c => c.SubmissionRate)]),
            new ChartSeries("Decision", [.. Classes.Select(c => c.DecisionRate)]),
        ],
        new ChartAxis("Share of wins", 0, 1, Percent: true)).ToJson();

    /// <summary>Each class's upset rate, with its average fight time in minutes on the right-hand scale.</summary>
    public string UpsetsJson() => new ChartSpec("bar",
        [.. Classes.Select(c => c.WeightClass.Title())],
        [
            new ChartSeries("Upset rate", [.. Classes.Select(c => c.UpsetRate)]),
            new ChartSeries("Average fight time (min)", [.. Classes.Select(c => c.AverageFightSeconds is { } s ? (double?)Math.Round(s / 60, 1) : null)], "y1"),
        ],
        new ChartAxis("Upset rate", 0, 1, Percent: true),
        new ChartAxis("Minutes", Min: 0)).ToJson();
}
