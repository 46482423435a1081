using Podium.Modules.Fights.Features.Predictions;
using Podium.Platform.Api;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Shared;

/// <summary>
/// What <c>_PredictionForm</c> shows for one bout: the viewer's pick form and lock countdown while it is open, their pick
/// and the community split once it locked. Pages build it with <see cref="BoutPredictions.ForBoutsAsync"/>.
/// </summary>
/// <param name="ReturnUrl">Where the form sends the viewer back to after saving (a local path).</param>
/// <param name="Submitted">What the viewer sent, shown again with <paramref name="Errors"/> when it was refused.</param>
internal sealed record PredictionFormModel(
    BoutPredictionsView View, DateTime Now, bool SignedIn, string ReturnUrl, PickFormValues? Submitted = null, IReadOnlyList<string>? Errors = null)
{
    public bool Open => View.Bout.Takes && !View.Locked;

    public string? Winner => Submitted?.Winner ?? (View.Mine is { } mine ? mine.Winner.ToApiName() : null);

    public string? Method => Submitted is not null ? Submitted.Method : View.Mine?.Method?.ToApiName();

    public string? Round => Submitted is not null ? Submitted.Round : View.Mine?.Round?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The viewer's pick in words: "Vellek by KO/TKO in round 2".</summary>
    public static string Describe(PickedBout bout, PredictionView pick) =>
        bout.NameOf(pick.Winner)
        + (pick.Method is { } method ? $" by {PickInput.TitleOf(method)}" : "")
        + (pick.Round is { } round ? $" in round {round}" : "");
}

/// <summary>The pick form's fields as posted (all text, so a bad value comes back to the form rather than failing to bind).</summary>
internal sealed class PickFormValues
{
    public string? Winner { get; set; }

    public string? Method { get; set; }

    public string? Round { get; set; }
}
