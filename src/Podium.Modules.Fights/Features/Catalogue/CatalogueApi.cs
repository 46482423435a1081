using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Podium.Modules.Fights.Features.Fighters;
using Podium.Platform.Api;
using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Features.Catalogue;

/// <summary>A fighter as lists and cards name them, with where the record came from.</summary>
internal sealed record FighterRefDto(Guid Id, string Name, string Slug, string Source, string Provenance);

internal sealed record RecordDto(int Wins, int Losses, int Draws, int NoContests, string Text)
{
    public static RecordDto Of(FightRecord r) => new(r.Wins, r.Losses, r.Draws, r.NoContests, r.ToString());
}

/// <summary>A result: <c>outcome</c> winA/winB/draw/noContest, <c>winner</c> a/b, the method (koTko, unanimousDecision…), round and seconds into it when known.</summary>
internal sealed record ResultDto(string Outcome, string? Winner, string? Method, int? Round, int? TimeSeconds, string Text)
{
    public static ResultDto Of(BoutResult r, string text) => new(
        r.Outcome.ToApiName(), r.Winner?.ToApiName(), r.Method?.ToApiName(), r.Round, r.Time is { } t ? (int)t.TotalSeconds : null, text);
}

internal sealed record StatsDto(
    double? StrikesLandedPerMinute, double? StrikesAbsorbedPerMinute, double? StrikingAccuracy, double? StrikingDefence,
    double? TakedownAverage, double? TakedownAccuracy, double? TakedownDefence, double? SubmissionAverage)
{
    public static StatsDto Of(CareerStats s) => new(
        s.StrikesLandedPerMinute, s.StrikesAbsorbedPerMinute, s.StrikingAccuracy, s.StrikingDefence,
        s.TakedownAverage, s.TakedownAccuracy, s.TakedownDefence, s.SubmissionAverage);
}

/// <summary>What the catalogue's endpoints share: their refusals, worded once.</summary>
internal static class CatalogueApi
{
    public static string ProvenanceOf(Origin origin) => origin.Provenance.ToValue();

    public static ValidationProblem BadSlug() => TypedResults.ValidationProblem(new Dictionary<string, string[]>
    {
        ["slug"] = ["A slug is lower-case letters and digits with single hyphens between, as the lists give them."],
    });

    public static ProblemHttpResult NotFound(string what, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found", detail: detail);
}
