using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Podium.Platform.Caching;
using Podium.Platform.Security;

namespace Podium.Modules.Club.Features.Standings;

/// <summary>A season's Angler-of-the-Year line. Weights in pounds (12.34), as JSON numbers.</summary>
internal sealed record StandingDto(int Rank, Guid AnglerId, string AnglerName, int Points, int Tournaments, int Fish, decimal WeightLb, decimal BigBassLb);

internal sealed record AwardCatchDto(Guid AnglerId, string AnglerName, Guid TournamentId, string TournamentName, decimal WeightLb);

/// <summary>A member's season: tournaments fished, fish, net weight, points and best finish (null when never placed).</summary>
internal sealed record SeasonLineDto(int Rank, Guid AnglerId, string AnglerName, int Tournaments, int Fish, decimal WeightLb, int Points, int? BestFinish);

/// <param name="AnglerOfTheYear">Every angler ranked first (more than one when tied on every tie-breaker).</param>
/// <param name="BigBassList">Every fish of 5.00 lb or more, heaviest first.</param>
internal sealed record AwardsDto(
    int Season,
    IReadOnlyList<SeasonLineDto> AnglerOfTheYear,
    IReadOnlyList<AwardCatchDto> HeavyStringer,
    IReadOnlyList<AwardCatchDto> BigBass,
    IReadOnlyList<AwardCatchDto> BigBassList,
    IReadOnlyList<SeasonLineDto> Members);

internal static class ClubStandingsApi
{
    public const int FirstSeason = 1900;
    public const int LastSeason = 2999;

    /// <summary>
    /// Anonymous responses come from the output cache and are dropped with the standings themselves
    /// (<see cref="ClubCacheTags.Results"/>), so a new result shows at once, not after the cache's lifetime.
    /// </summary>
    private static readonly OutputCacheAttribute Cached = new() { PolicyName = CachePolicies.PublicApi, Tags = [ClubCacheTags.Results] };

    public static RouteGroupBuilder MapClubStandingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/standings/{year:int}", GetStandings)
            .WithMetadata(Cached)
            .WithName("GetClubStandings")
            .WithSummary("A season's Angler-of-the-Year standings in rank order (equal anglers share a rank).");
        api.MapGet("/awards/{year:int}", GetAwards)
            .WithMetadata(Cached)
            .WithName("GetClubAwards")
            .WithSummary("A season's awards: Angler of the Year, heavy stringer, big bass, the big-bass list and each member's season line.");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<StandingDto>>, ValidationProblem>> GetStandings(int year, ClubStandings standings, CancellationToken cancellationToken)
    {
        if (InvalidSeason(year) is { } problem)
        {
            return problem;
        }

        var board = await standings.GetSeasonAsync(year, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<StandingDto>>([.. board.Lines.Select(l =>
            new StandingDto(l.Rank, l.AnglerId, l.AnglerName, l.Points, l.TournamentsFished, l.Fish, Weight.ToPounds(l.NetWeight), Weight.ToPounds(l.BiggestBass)))]);
    }

    internal static async Task<Results<Ok<AwardsDto>, ValidationProblem>> GetAwards(int year, ClubStandings standings, CancellationToken cancellationToken)
    {
        if (InvalidSeason(year) is { } problem)
        {
            return problem;
        }

        var board = await standings.GetSeasonAsync(year, cancellationToken);
        var lines = board.Lines.Select(l => new SeasonLineDto(l.Rank, l.AnglerId, l.AnglerName, l.TournamentsFished, l.Fish, Weight.ToPounds(l.NetWeight), l.Points, l.BestFinish)).ToList();
        return TypedResults.Ok(new AwardsDto(
            year,
            [.. lines.Where(l => l.Rank == 1)],
            [.. board.HeavyStringer.Select(Catch)],
            [.. board.BigBass.Select(Catch)],
            [.. board.BigBassList.Select(Catch)],
            lines));
    }

    private static AwardCatchDto Catch(BoardCatch c) => new(c.AnglerId, c.AnglerName, c.TournamentId, c.TournamentName, Weight.ToPounds(c.Weight));

    private static ValidationProblem? InvalidSeason(int year) =>
        year is < FirstSeason or > LastSeason
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [$"year must be a season from {FirstSeason} to {LastSeason}."] })
            : null;
}
