using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Areas.Fights.Pages.Shared;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Modules.Fights.Features.Favourites;
using Podium.Modules.Fights.Features.Fighters;
using Podium.Platform.Identity;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Fighters;

/// <summary>A fighter's profile, record, history, and charts of their stats, career and lines.</summary>
internal sealed class DetailsModel(FighterCatalogue catalogue, FightFavourites favourites) : PageModel
{
    /// <summary>A stat far above the class's average would flatten every other axis of the radar: it is drawn at this cap.</summary>
    public const double RadarCap = 300;

    public FighterProfile Fighter { get; private set; } = null!;

    /// <summary>The follow button as the viewer sees it.</summary>
    public FavouriteButtonModel? Favourite { get; private set; }

    /// <summary>The fighter the page is about (the follow button's subject).</summary>
    public Guid FighterId => Fighter.Id;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!CatalogueText.IsSlug(slug) || await catalogue.GetAsync(slug, cancellationToken) is not { } fighter)
        {
            return NotFound();
        }

        Fighter = fighter;
        Favourite = await favourites.ButtonAsync(User.UserId(), slug, $"/fights/fighters/{slug}", cancellationToken);
        return Page();
    }

    public bool HasStats => Fighter.Stats.Axes.Any(a => a.Value is not null);

    /// <summary>
    /// Each stat as a share of the class's average (100 = average), so per-minute rates and percentages share one radar.
    /// Strikes absorbed are better low: that axis is the fighter's defence against the average's absorption, so further
    /// out is better on every axis.
    /// </summary>
    public string RadarJson()
    {
        var own = Fighter.Stats.Axes;
        var average = Fighter.ClassAverage.Axes;
        var index = own.Zip(average, (o, a) => o.Value is { } v && a.Value is { } m && m > 0 && v >= 0
            ? (double?)Math.Round(Math.Min(RadarCap, o.Label.StartsWith("Strikes absorbed", StringComparison.Ordinal) ? (v == 0 ? RadarCap : m / v * 100) : v / m * 100), 1)
            : null).ToList();
        return new ChartSpec("radar", [.. own.Select(a => a.Label)],
        [
            new ChartSeries(Fighter.Name, index),
            new ChartSeries($"{Fighter.WeightClass.Title()} average", [.. own.Select(_ => (double?)100)]),
        ]).ToJson();
    }

    /// <summary>Cumulative wins and losses on the left scale, finish rate on the right, after each bout.</summary>
    public string TrajectoryJson() => new ChartSpec("line",
        [.. Fighter.Trajectory.Select(p => CatalogueText.Date(p.Date))],
        [
            new ChartSeries("Wins", [.. Fighter.Trajectory.Select(p => (double?)p.Record.Wins)]),
            new ChartSeries("Losses", [.. Fighter.Trajectory.Select(p => (double?)p.Record.Losses)]),
            new ChartSeries("Finish rate", [.. Fighter.Trajectory.Select(p => p.FinishRate)], "y1"),
        ],
        new ChartAxis("Bouts", Min: 0),
        new ChartAxis("Finish rate", 0, 1, Percent: true)).ToJson();

    /// <summary>The chance each recent bout's lines gave the fighter, opening and closing, oldest bout first.</summary>
    public string OddsJson()
    {
        var bouts = Fighter.RecentOdds.Where(b => b.Lines.Count > 0).Reverse().ToList();
        return new ChartSpec("line",
            [.. bouts.Select(b => $"{CatalogueText.Date(b.Date)} vs. {b.OpponentName}")],
            [
                new ChartSeries("Opening line", [.. bouts.Select(b => b.Opening!.ImpliedProbability)]),
                new ChartSeries("Closing line", [.. bouts.Select(b => b.Closing!.ImpliedProbability)]),
            ],
            new ChartAxis("Implied chance of winning", 0, 1, Percent: true)).ToJson();
    }

    public static string Stat(double? value, bool ratio) => ratio ? CatalogueText.Percent(value) : CatalogueText.Number(value);

    public static string Length(int? cm) => cm is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c} cm ({c / 2.54:0.#} in)") : "–";

    public static string Outcome(FighterOutcome? outcome) => outcome switch
    {
        FighterOutcome.Win => "Win",
        FighterOutcome.Loss => "Loss",
        FighterOutcome.Draw => "Draw",
        FighterOutcome.NoContest => "NC",
        _ => "Upcoming",
    };
}
