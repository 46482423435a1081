using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Platform.Api;

namespace Podium.Modules.Fights.Features.Bouts;

/// <summary>One side of the tale of the tape; <c>age</c> at the bout for one done, today for one to come.</summary>
internal sealed record TapeDto(
    Guid Id, string Name, string? Nickname, string Slug, int? Age, string? Country, string? Stance, int? HeightCm, int? ReachCm,
    string? Team, string? Style, RecordDto Record, StatsDto Stats, string Source, string Provenance);

internal sealed record TrendPointDto(DateTime TakenAt, int MoneylineA, int MoneylineB, double ImpliedProbabilityA, double ImpliedProbabilityB, string Source, string Provenance);

internal sealed record BoutDto(
    Guid Id, Guid EventId, string EventName, string EventSlug, DateTime StartsAt, DateTime LocksAt, int Order, string WeightClass, int ScheduledRounds,
    bool TitleFight, string Status, TapeDto FighterA, TapeDto FighterB, IReadOnlyList<TrendPointDto> OddsTrend, ResultDto? Result, string Source, string Provenance);

/// <summary><c>/api/v1/fights/bouts/{id}</c>: a bout's preview.</summary>
internal static class FightsBoutsApi
{
    public static RouteGroupBuilder MapFightsBoutsApi(this RouteGroupBuilder fights)
    {
        fights.MapGet("/bouts/{id:guid}", GetAsync).ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("GetFightsBout")
            .WithSummary("A bout's preview: the tale of the tape of both fighters, the moneyline trend with implied chances, the result once in.");
        return fights;
    }

    internal static async Task<Results<Ok<BoutDto>, ProblemHttpResult>> GetAsync(Guid id, BoutPreviews previews, CancellationToken cancellationToken)
    {
        if (await previews.GetAsync(id, cancellationToken) is not { } b)
        {
            return CatalogueApi.NotFound("Bout", "No bout has this id.");
        }

        return TypedResults.Ok(new BoutDto(
            b.Id, b.EventId, b.EventName, b.EventSlug, b.StartsAt, b.Lock.At, b.Order, b.WeightClass.ToApiName(), b.ScheduledRounds, b.TitleFight, b.Status.ToApiName(),
            TapeOf(b.A), TapeOf(b.B),
            [.. b.Trend.Select(p => new TrendPointDto(p.TakenAt, p.MoneylineA, p.MoneylineB, p.ImpliedA, p.ImpliedB, p.Origin.Source, CatalogueApi.ProvenanceOf(p.Origin)))],
            b.Result is { } r ? ResultDto.Of(r, b.ResultText!) : null, b.Origin.Source, CatalogueApi.ProvenanceOf(b.Origin)));
    }

    private static TapeDto TapeOf(TapeCorner c) => new(
        c.Id, c.Name, c.Nickname, c.Slug, c.Age, c.Country, c.Stance?.ToApiName(), c.HeightCm, c.ReachCm, c.Team, c.Style,
        RecordDto.Of(c.Record), StatsDto.Of(c.Stats), c.Origin.Source, CatalogueApi.ProvenanceOf(c.Origin));
}
