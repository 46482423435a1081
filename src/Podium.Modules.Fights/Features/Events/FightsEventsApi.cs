using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Podium.Modules.Fights.Features.Catalogue;
using Podium.Platform.Api;

namespace Podium.Modules.Fights.Features.Events;

internal sealed record EventSummaryDto(
    Guid Id, string Name, string Slug, string Organisation, DateTime StartsAt, string Status, string? Venue, string? City, string? Country,
    int Bouts, string? MainEvent, string Source, string Provenance);

internal sealed record CornerDto(Guid Id, string Name, string Slug, string? Nickname, string? Country, RecordDto Record, int? Moneyline, string Source, string Provenance);

/// <summary>A bout of a card; <c>moneyline</c> on each corner is the latest line before the lock (the closing line once it has).</summary>
internal sealed record CardBoutDto(
    Guid Id, int Order, string WeightClass, int ScheduledRounds, bool TitleFight, string Status, DateTime LocksAt, DateTime? OddsTakenAt,
    CornerDto FighterA, CornerDto FighterB, ResultDto? Result, string Source, string Provenance);

internal sealed record EventDto(
    Guid Id, string Name, string Slug, string Organisation, DateTime StartsAt, string Status, string? Venue, string? City, string? Country,
    IReadOnlyList<CardBoutDto> Card, string Source, string Provenance);

/// <summary><c>/api/v1/fights/events</c>: upcoming and past events, and a card with its lines and results.</summary>
internal static class FightsEventsApi
{
    public static RouteGroupBuilder MapFightsEventsApi(this RouteGroupBuilder fights)
    {
        var group = fights.MapGroup("/events");
        group.MapGet("/", ListAsync).ProducesProblems(StatusCodes.Status400BadRequest)
            .WithName("ListFightsEvents")
            .WithSummary("Events: when=upcoming (the default; soonest first, live ones included) or when=past (latest first). Paginated.");
        group.MapGet("/{slug}", GetAsync).ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithName("GetFightsEvent")
            .WithSummary("An event and its card, main event first: each bout's class, rounds, title flag, fighters, latest moneylines, lock and result.");
        return fights;
    }

    internal static async Task<Results<Ok<PagedList<EventSummaryDto>>, ValidationProblem>> ListAsync(
        EventCatalogue catalogue, string? when, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!CatalogueText.TryParseWhen(when, out var parsed))
        {
            errors["when"] = [$"when is {ApiEnums.Choices<EventsWhen>()}."];
        }

        var request = PageRequest.Create(page, pageSize, errors);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var list = await catalogue.ListAsync(parsed, request, cancellationToken);
        return TypedResults.Ok(request.Of<EventSummaryDto>(
            [.. list.Items.Select(e => new EventSummaryDto(
                e.Id, e.Name, e.Slug, e.Organisation, e.StartsAt, e.Status.ToApiName(), e.Venue, e.City, e.Country, e.Bouts,
                e.MainEventA is null ? null : $"{e.MainEventA} vs. {e.MainEventB}", e.Origin.Source, CatalogueApi.ProvenanceOf(e.Origin)))],
            list.TotalCount));
    }

    internal static async Task<Results<Ok<EventDto>, ValidationProblem, ProblemHttpResult>> GetAsync(string slug, EventCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (!CatalogueText.IsSlug(slug))
        {
            return CatalogueApi.BadSlug();
        }

        if (await catalogue.GetAsync(slug, cancellationToken) is not { } e)
        {
            return CatalogueApi.NotFound("Event", "No event has this slug.");
        }

        return TypedResults.Ok(new EventDto(
            e.Id, e.Name, e.Slug, e.Organisation, e.StartsAt, e.Status.ToApiName(), e.Venue, e.City, e.Country,
            [.. e.Bouts.Select(b => new CardBoutDto(
                b.Id, b.Order, b.WeightClass.ToApiName(), b.ScheduledRounds, b.TitleFight, b.Status.ToApiName(), b.Lock.At, b.Line?.TakenAt,
                CornerOf(b.A, b.Line?.MoneylineA), CornerOf(b.B, b.Line?.MoneylineB),
                b.Result is { } r ? ResultDto.Of(r, b.ResultText!) : null, b.Origin.Source, CatalogueApi.ProvenanceOf(b.Origin)))],
            e.Origin.Source, CatalogueApi.ProvenanceOf(e.Origin)));
    }

    private static CornerDto CornerOf(CardCorner c, int? moneyline) =>
        new(c.Id, c.Name, c.Slug, c.Nickname, c.Country, RecordDto.Of(c.Record), moneyline, c.Origin.Source, CatalogueApi.ProvenanceOf(c.Origin));
}
