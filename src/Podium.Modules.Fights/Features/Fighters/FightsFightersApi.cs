using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Platform.Api;

namespace Podium.Modules.Fights.Features.Fighters;

internal sealed record FighterSummaryDto(
    Guid Id, string Name, string? Nickname, string Slug, string? Country, string WeightClass, string? Stance, bool Active, RecordDto Record, string Source, string Provenance);

internal sealed record HistoryBoutDto(
    Guid BoutId, string EventName, string EventSlug, DateTime Date, string WeightClass, bool TitleFight, int ScheduledRounds, string Status, string Corner,
    Guid OpponentId, string OpponentName, string OpponentSlug, string? Outcome, ResultDto? Result, int? ClosingMoneyline, string Source, string Provenance);

internal sealed record TrajectoryPointDto(DateTime Date, RecordDto Record, double? FinishRate);

internal sealed record FighterDto(
    Guid Id, string Name, string? Nickname, string Slug, DateOnly? DateOfBirth, int? Age, string? Country, string WeightClass, string? Stance,
    int? HeightCm, int? ReachCm, string? Team, string? Style, bool Active, RecordDto Record, RecordDto FeedRecord, double? FinishRate,
    StatsDto Stats, StatsDto WeightClassAverage, IReadOnlyList<HistoryBoutDto> History, IReadOnlyList<TrajectoryPointDto> Trajectory, string Source, string Provenance);

internal sealed record OddsPointDto(DateTime TakenAt, int Moneyline, int OpponentMoneyline, double? ImpliedProbability, string Source, string Provenance);

internal sealed record BoutOddsDto(Guid BoutId, string EventName, string EventSlug, DateTime Date, string OpponentName, string OpponentSlug, string? Outcome, IReadOnlyList<OddsPointDto> Lines);

internal sealed record FighterOddsDto(Guid FighterId, string Name, string Slug, IReadOnlyList<BoutOddsDto> Bouts, string Source, string Provenance);

/// <summary><c>/api/v1/fights/fighters</c>: the roster with filters, a fighter's career, their lines.</summary>
internal static class FightsFightersApi
{
    /// <summary>How many recent bouts <c>/fighters/{slug}/odds</c> returns.</summary>
    public const int OddsBouts = 10;

    public static RouteGroupBuilder MapFightsFightersApi(this RouteGroupBuilder fights)
    {
        var group = fights.MapGroup("/fighters");
        group.MapGet("/", ListAsync).ProducesProblems(StatusCodes.Status400BadRequest)
            .WithName("ListFightsFighters")
            .WithSummary("Fighters by name, narrowed by weightClass (e.g. lightHeavyweight), country, stance (orthodox, southpaw, switch) and active. Paginated.");
        group.MapGet("/{slug}", GetAsync).ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithName("GetFightsFighter")
            .WithSummary("A fighter: profile, record (from the bouts on file, else the feed's), career stats with the weight class's average, fight history and career trajectory.");
        group.MapGet("/{slug}/odds", GetOddsAsync).ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithName("GetFightsFighterOdds")
            .WithSummary("A fighter's moneylines over their latest bouts that had lines, from their side, each with the chance it implies.");
        return fights;
    }

    internal static async Task<Results<Ok<PagedList<FighterSummaryDto>>, ValidationProblem>> ListAsync(
        FighterCatalogue catalogue, string? weightClass, string? country, string? stance, bool? active, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        WeightClass? wc = null;
        if (weightClass is not null)
        {
            if (ApiEnums.TryParse<WeightClass>(weightClass, out var parsed))
            {
                wc = parsed;
            }
            else
            {
                errors["weightClass"] = [$"weightClass is {ApiEnums.Choices<WeightClass>()}."];
            }
        }

        Stance? st = null;
        if (stance is not null)
        {
            if (ApiEnums.TryParse<Stance>(stance, out var parsed))
            {
                st = parsed;
            }
            else
            {
                errors["stance"] = [$"stance is {ApiEnums.Choices<Stance>()}."];
            }
        }

        if (country is { Length: > 60 })
        {
            errors["country"] = ["country is at most 60 characters."];
        }

        var request = PageRequest.Create(page, pageSize, errors);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var list = await catalogue.ListAsync(new FighterFilter(wc, country, st, active), request, cancellationToken);
        return TypedResults.Ok(request.Of<FighterSummaryDto>([.. list.Items.Select(SummaryOf)], list.TotalCount));
    }

    internal static async Task<Results<Ok<FighterDto>, ValidationProblem, ProblemHttpResult>> GetAsync(string slug, FighterCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (!CatalogueText.IsSlug(slug))
        {
            return CatalogueApi.BadSlug();
        }

        return await catalogue.GetAsync(slug, cancellationToken) is { } f ? TypedResults.Ok(DtoOf(f)) : NoFighter();
    }

    internal static async Task<Results<Ok<FighterOddsDto>, ValidationProblem, ProblemHttpResult>> GetOddsAsync(string slug, FighterCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (!CatalogueText.IsSlug(slug))
        {
            return CatalogueApi.BadSlug();
        }

        if (await catalogue.GetOddsAsync(slug, OddsBouts, cancellationToken) is not { } odds)
        {
            return NoFighter();
        }

        return TypedResults.Ok(new FighterOddsDto(odds.Id, odds.Name, slug, [.. odds.Bouts.Select(OddsOf)], odds.Origin.Source, CatalogueApi.ProvenanceOf(odds.Origin)));
    }

    private static ProblemHttpResult NoFighter() => CatalogueApi.NotFound("Fighter", "No fighter has this slug.");

    private static FighterSummaryDto SummaryOf(FighterSummary f) => new(
        f.Id, f.Name, f.Nickname, f.Slug, f.Country, f.WeightClass.ToApiName(), f.Stance?.ToApiName(), f.Active, RecordDto.Of(f.Record), f.Origin.Source, CatalogueApi.ProvenanceOf(f.Origin));

    internal static BoutOddsDto OddsOf(BoutOddsHistory b) => new(
        b.BoutId, b.EventName, b.EventSlug, b.Date, b.OpponentName, b.OpponentSlug, b.Outcome?.ToApiName(),
        [.. b.Lines.Select(l => new OddsPointDto(l.TakenAt, l.Moneyline, l.OpponentMoneyline, l.ImpliedProbability, l.Origin.Source, CatalogueApi.ProvenanceOf(l.Origin)))]);

    private static FighterDto DtoOf(FighterProfile f) => new(
        f.Id, f.Name, f.Nickname, f.Slug, f.DateOfBirth, f.Age, f.Country, f.WeightClass.ToApiName(), f.Stance?.ToApiName(),
        f.HeightCm, f.ReachCm, f.Team, f.Style, f.Active, RecordDto.Of(f.Record), RecordDto.Of(f.FeedRecord), f.FinishRate,
        StatsDto.Of(f.Stats), StatsDto.Of(f.ClassAverage),
        [.. f.History.Select(h => new HistoryBoutDto(
            h.BoutId, h.EventName, h.EventSlug, h.Date, h.WeightClass.ToApiName(), h.TitleFight, h.ScheduledRounds, h.Status.ToApiName(), h.Corner.ToApiName(),
            h.OpponentId, h.OpponentName, h.OpponentSlug, h.Outcome?.ToApiName(), h.Result is { } r ? ResultDto.Of(r, h.ResultText ?? "") : null, h.ClosingMoneyline,
            h.Origin.Source, CatalogueApi.ProvenanceOf(h.Origin)))],
        [.. f.Trajectory.Select(p => new TrajectoryPointDto(p.Date, RecordDto.Of(p.Record), p.FinishRate))],
        f.Origin.Source, CatalogueApi.ProvenanceOf(f.Origin));
}
