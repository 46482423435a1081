using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Results;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Idempotency;
using Podium.Platform.Security;

namespace Podium.Modules.Club.Features.Tournaments;

internal sealed record ClubTournamentSummaryDto(
    Guid Id, string Title, DateTime StartsAt, DateTime EndsAt, int Season, string Status, string? Lake, string? Ramp,
    bool CountsForAnglerOfTheYear, int Bags);

internal sealed record ClubTournamentDto(
    Guid Id, string Title, DateTime StartsAt, DateTime EndsAt, int Season, string Status,
    int? LakeId, string? Lake, int? RampId, string? Ramp,
    int EntryFeeCents, int BigBassPotCents, string PayoutPercents, int FishLimit, bool CountsForAnglerOfTheYear);

/// <summary>One bag; every weight in hundredths of a pound and in pounds.</summary>
internal sealed record ClubResultDto(
    Guid AnglerId, string AnglerName, int? Place, int Points, int Fish,
    int TotalWeight, decimal TotalWeightLb, int DeadFishPenalty, decimal DeadFishPenaltyLb,
    int NetWeight, decimal NetWeightLb, int BigBass, decimal BigBassLb,
    bool Disqualified, bool BuyIn, bool Member);

internal sealed record ClubTeamResultDto(Guid Id, int? Place, Guid Angler1Id, string Angler1Name, Guid? Angler2Id, string? Angler2Name, int TotalWeight, decimal TotalWeightLb);

internal sealed record ClubPayoutDto(Guid AnglerId, string AnglerName, int Place, int PlaceCents, int BigBassCents);

internal sealed record ClubTournamentResultsDto(
    Guid TournamentId, string Status, IReadOnlyList<ClubResultDto> Results, IReadOnlyList<ClubTeamResultDto> Teams,
    IReadOnlyList<Guid> BigBassWinners, int EntryPotCents, int BigBassPotCents, IReadOnlyList<ClubPayoutDto> Payouts, int ClubCents);

/// <summary>A bag to record. Weights are hundredths of a pound (1234 = 12.34 lb); omitted weights are 0.</summary>
/// <param name="Member">Whether the angler fished as a member (earns points); omitted: as on the roster today.</param>
internal sealed record ClubResultWriteDto(int? Fish, int? TotalWeight, int? BigBass, int? DeadFishPenalty, bool Disqualified, bool BuyIn, bool? Member);

/// <summary><c>/api/v1/club/tournaments</c>: the schedule and results for anyone, result writes for officers.</summary>
internal static class ClubTournamentsApi
{
    public static RouteGroupBuilder MapClubTournamentsApi(this RouteGroupBuilder club)
    {
        var group = club.MapGroup("/tournaments");
        group.MapGet("/", ListAsync)
            .WithName("ListClubTournaments")
            .WithSummary("The club's tournaments, newest first; ?season= narrows to one Angler-of-the-Year season. Paginated.");
        group.MapGet("/{id:guid}", GetAsync).ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("GetClubTournament")
            .WithSummary("One tournament: date (UTC), lake and ramp, fees, payout shares, fish limit and status.");
        group.MapGet("/{id:guid}/results", GetResultsAsync).ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("GetClubTournamentResults")
            .WithSummary("A tournament's bags with places and Angler-of-the-Year points, team results, big bass and payouts.");
        group.MapPut("/{id:guid}/results/{anglerId:guid}", PutResultAsync).RequireAuthorization(ClubPolicies.Officer).RequireScope(ClubScopes.ResultsWrite)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithIdempotency()
            .WithName("PutClubTournamentResult")
            .WithSummary("Records or corrects an angler's bag (officers). The tournament is rescored, audited and pushed live.");
        group.MapDelete("/{id:guid}/results/{anglerId:guid}", DeleteResultAsync).RequireAuthorization(ClubPolicies.Officer).RequireScope(ClubScopes.ResultsWrite)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("DeleteClubTournamentResult")
            .WithSummary("Removes an angler's bag (officers). The tournament is rescored, audited and pushed live.");
        return club;
    }

    internal static async Task<Results<Ok<PagedList<ClubTournamentSummaryDto>>, ValidationProblem>> ListAsync(
        PodiumDbContext db, int? season, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var problem))
        {
            return problem!;
        }

        var query = db.Set<Tournament>().AsNoTracking();
        if (season is { } year)
        {
            query = query.Where(t => t.Season == year);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(t => t.Event.StartsAt).ThenBy(t => t.Id)
            .Skip(request.Skip).Take(request.PageSize)
            .Select(t => new { t.Id, t.Event.Title, t.Event.StartsAt, t.Event.EndsAt, t.Season, t.Status, Lake = t.Lake != null ? t.Lake.Name : null, Ramp = t.Ramp != null ? t.Ramp.Name : null, t.CountsForAnglerOfTheYear, Bags = t.Results.Count })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(request.Of<ClubTournamentSummaryDto>(
            [.. rows.Select(t => new ClubTournamentSummaryDto(t.Id, t.Title, t.StartsAt, t.EndsAt, t.Season, t.Status.ToString(), t.Lake, t.Ramp, t.CountsForAnglerOfTheYear, t.Bags))],
            total));
    }

    internal static async Task<Results<Ok<ClubTournamentDto>, ProblemHttpResult>> GetAsync(Guid id, TournamentBoards boards, CancellationToken cancellationToken) =>
        await boards.GetAsync(id, cancellationToken) is { } b
            ? TypedResults.Ok(new ClubTournamentDto(
                b.Id, b.Title, b.StartsAt, b.EndsAt, b.Season, b.Status.ToString(), b.LakeId, b.Lake, b.RampId, b.Ramp,
                b.EntryFeeCents, b.BigBassPotCents, b.PayoutPercents, b.FishLimit, b.CountsForAnglerOfTheYear))
            : NoTournament();

    internal static async Task<Results<Ok<ClubTournamentResultsDto>, ProblemHttpResult>> GetResultsAsync(Guid id, TournamentBoards boards, CancellationToken cancellationToken) =>
        await boards.GetAsync(id, cancellationToken) is { } b ? TypedResults.Ok(ResultsOf(b)) : NoTournament();

    internal static async Task<Results<Ok<ClubResultDto>, ValidationProblem, ProblemHttpResult>> PutResultAsync(
        Guid id, Guid anglerId, ClubResultWriteDto body, ResultEntry entry, HttpContext http, CancellationToken cancellationToken)
    {
        if (body.Fish is not { } fish)
        {
            return CommandResult<TournamentResult>.Invalid(BagFields.Fish, "fish is required (0 for none).").ToProblem<Ok<ClubResultDto>>();
        }

        var bag = new BagEntry(fish, body.TotalWeight ?? 0, body.BigBass ?? 0, body.DeadFishPenalty ?? 0, body.Disqualified, body.BuyIn);
        var change = await entry.SaveBagAsync(id, new BagInput(anglerId, bag, body.Member), http.User.UserId(), cancellationToken);
        if (!change.Succeeded)
        {
            return change.ToProblem<Ok<ClubResultDto>>();
        }

        // What the transaction saved, placed and scored: the bag is committed, so nothing read afterwards (a cache another
        // instance has not yet been told about) may turn its answer into an error.
        return TypedResults.Ok(ResultOf(BoardResult.Of(change.Value!)));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteResultAsync(
        Guid id, Guid anglerId, ResultEntry entry, HttpContext http, CancellationToken cancellationToken)
    {
        var change = await entry.DeleteBagAsync(id, anglerId, http.User.UserId(), cancellationToken);
        return change.Succeeded ? TypedResults.NoContent() : change.ToProblem<NoContent>();
    }

    private static ProblemHttpResult NoTournament() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Tournament not found", detail: "No tournament has this id.");

    private static ClubResultDto ResultOf(BoardResult r) => new(
        r.AnglerId, r.AnglerName, r.Place, r.Points, r.Fish,
        r.TotalWeight, Weight.ToPounds(r.TotalWeight), r.DeadFishPenalty, Weight.ToPounds(r.DeadFishPenalty), r.NetWeight, Weight.ToPounds(r.NetWeight), r.BigBass, Weight.ToPounds(r.BigBass),
        r.Disqualified, r.BuyIn, r.Member);

    private static ClubTournamentResultsDto ResultsOf(TournamentBoard b) => new(
        b.Id, b.Status.ToString(),
        [.. b.Results.Select(ResultOf)],
        [.. b.Teams.Select(t => new ClubTeamResultDto(t.Id, t.Place, t.Angler1Id, t.Angler1Name, t.Angler2Id, t.Angler2Name, t.TotalWeight, Weight.ToPounds(t.TotalWeight)))],
        [.. b.BigBassWinners.Select(w => w.AnglerId)],
        b.EntryPotCents, b.BigBassPotTotalCents,
        [.. b.Payouts.Select(p => new ClubPayoutDto(p.AnglerId, p.AnglerName, p.Place, p.PlaceCents, p.BigBassCents))],
        b.ClubCents);
}
