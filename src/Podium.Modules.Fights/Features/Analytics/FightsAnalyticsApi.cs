using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Podium.Platform.Api;

namespace Podium.Modules.Fights.Features.Analytics;

/// <summary>One weight class's completed bouts; rates are 0–1, null when nothing counts towards them.</summary>
internal sealed record ClassAnalyticsDto(
    string WeightClass, int Bouts, int TitleFights, int KoTko, int Submissions, int Decisions, int Disqualifications, int DrawsAndNoContests,
    double? KoTkoRate, double? SubmissionRate, double? DecisionRate, double? FinishRate, double? AverageFightSeconds,
    int BoutsWithFavourite, int Upsets, double? UpsetRate);

internal sealed record AnalyticsDto(IReadOnlyList<ClassAnalyticsDto> WeightClasses);

/// <summary><c>/api/v1/fights/analytics</c>: the weight-class figures the analytics page charts.</summary>
internal static class FightsAnalyticsApi
{
    public static RouteGroupBuilder MapFightsAnalyticsApi(this RouteGroupBuilder fights)
    {
        fights.MapGet("/analytics", GetAsync)
            .WithName("GetFightsAnalytics")
            .WithSummary("Per weight class, of completed bouts: wins by method and finish rate, average fight time, upsets against the closing line, title fights.");
        return fights;
    }

    internal static async Task<Ok<AnalyticsDto>> GetAsync(WeightClassAnalytics analytics, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AnalyticsDto([.. (await analytics.GetAsync(cancellationToken)).Select(c => new ClassAnalyticsDto(
            c.WeightClass.ToApiName(), c.Bouts, c.TitleFights, c.KoTko, c.Submissions, c.Decisions, c.Disqualifications, c.DrawsAndNoContests,
            c.KoTkoRate, c.SubmissionRate, c.DecisionRate, c.FinishRate, c.AverageFightSeconds, c.WithFavourite, c.Upsets, c.UpsetRate))]));
}
