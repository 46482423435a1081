using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Podium.Platform.Api;

namespace Podium.Modules.Fights.Features.Search;

/// <param name="WeightClassTitle">The class as a card prints it ("Light Heavyweight"), for the dropdown to show.</param>
internal sealed record FighterSuggestionDto(string Name, string? Nickname, string Slug, string WeightClass, string WeightClassTitle, bool Active, string Url);

internal sealed record FighterSearchHitDto(
    Guid Id, string Name, string? Nickname, string Slug, string WeightClass, string? Country, string? Stance, string? Style,
    int Wins, int Losses, int Draws, int NoContests, bool Active, bool Sample, string Url);

/// <summary><c>/api/v1/fights/suggest</c> and <c>/api/v1/fights/search</c>: the search page's two halves, as JSON.</summary>
internal static class FighterSearchApi
{
    public static RouteGroupBuilder MapFighterSearchApi(this RouteGroupBuilder fights)
    {
        fights.MapGet("/suggest", SuggestAsync)
            .WithName("SuggestFighters")
            .WithSummary("Up to 10 fighters with a word of the name or nickname starting with each word of q (1–100 characters): names starting with q first, then active fighters, then by name.");
        fights.MapGet("/search", SearchAsync)
            .WithName("SearchFighters")
            .WithSummary("Fighters by text (name and nickname, ranked: name words, then nickname, then look-alike names for typos) and filters: weightClass, stance, style, country, status (active/retired), minWins/maxWins, minLosses/maxLosses. Paginated.");
        return fights;
    }

    internal static async Task<Results<Ok<IReadOnlyList<FighterSuggestionDto>>, ValidationProblem>> SuggestAsync(
        string? q, FighterSearch search, CancellationToken cancellationToken)
    {
        if (!FighterSearchQuery.TryParse(new FighterSearchParameters(q), textRequired: true, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var suggestions = await search.SuggestAsync(query, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<FighterSuggestionDto>>([.. suggestions.Select(s =>
            new FighterSuggestionDto(s.Name, s.Nickname, s.Slug, s.WeightClass.ToApiName(), s.WeightClass.Title(), s.Active, FighterUrl(s.Slug)))]);
    }

    internal static async Task<Results<Ok<PagedList<FighterSearchHitDto>>, ValidationProblem>> SearchAsync(
        string? q, string? weightClass, string? stance, string? style, string? country, string? status,
        string? minWins, string? maxWins, string? minLosses, string? maxLosses, int? page, int? pageSize,
        FighterSearch search, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var problem))
        {
            return problem!;
        }

        var raw = new FighterSearchParameters(q, weightClass, stance, style, country, status, minWins, maxWins, minLosses, maxLosses);
        if (!FighterSearchQuery.TryParse(raw, textRequired: false, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var found = await search.SearchAsync(query, request, cancellationToken);
        return TypedResults.Ok(request.Of<FighterSearchHitDto>([.. found.Items.Select(h => new FighterSearchHitDto(
            h.Id, h.Name, h.Nickname, h.Slug, h.WeightClass.ToApiName(), h.Country, h.Stance?.ToApiName(), h.Style,
            h.Wins, h.Losses, h.Draws, h.NoContests, h.Active, h.Provenance == Platform.Feeds.FeedProvenance.Sample, FighterUrl(h.Slug)))], found.TotalCount));
    }

    /// <summary>The fighter's page, where results and suggestions link.</summary>
    public static string FighterUrl(string slug) => $"/fights/fighters/{Uri.EscapeDataString(slug)}";
}
