using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Podium.Modules.Fights.Features.Favourites;
using Podium.Platform.Api;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Idempotency;
using Podium.Platform.Security;

namespace Podium.Modules.Fights.Features.Predictions;

/// <summary>A pick: <c>winner</c> a or b; <c>method</c> koTko, submission, decision or disqualification; <c>round</c> with a stoppage only.</summary>
internal sealed record FightsPredictionRequest(string? Winner, string? Method, int? Round);

/// <param name="Points">Null until the bout's result is scored; 0 for a wrong or void pick.</param>
/// <param name="CorrectWinner">Null until scored, and for a void pick (draw, no contest).</param>
internal sealed record FightsPredictionDto(
    Guid BoutId, string Winner, string? Method, int? Round, DateTime CreatedAt, DateTime UpdatedAt, int? Points, bool? CorrectWinner, DateTime? ScoredAt);

internal sealed record FightsMyPredictionDto(
    Guid BoutId, string Event, string EventSlug, string FighterA, string FighterB, DateTime LocksAt, bool Locked,
    string Winner, string WinnerName, string? Method, int? Round, int? Points, bool? CorrectWinner, DateTime? ScoredAt, DateTime UpdatedAt);

internal sealed record FightsSplitShareDto(int Count, int Percent);

/// <param name="Methods">Per method (koTko, submission, decision, disqualification), and <c>none</c> for picks without one.</param>
internal sealed record FightsPickSplitDto(int Total, FightsSplitShareDto A, FightsSplitShareDto B, IReadOnlyDictionary<string, FightsSplitShareDto> Methods);

/// <param name="Mine">The caller's own pick (null without a credential or a pick).</param>
/// <param name="Split">How everyone picked: null until the bout locks.</param>
internal sealed record FightsBoutPredictionsDto(Guid BoutId, DateTime LocksAt, bool Locked, FightsPredictionDto? Mine, FightsPickSplitDto? Split);

internal sealed record FightsFavouriteBoutDto(Guid BoutId, string Event, string EventSlug, DateTime StartsAt, string Opponent, string OpponentSlug, string? Result);

/// <param name="WeightClassTitle">The class as a card prints it ("Light Heavyweight").</param>
internal sealed record FightsFavouriteDto(string Slug, string Name, string? Nickname, string WeightClass, string WeightClassTitle, DateTime FollowedAt, FightsFavouriteBoutDto? NextBout, FightsFavouriteBoutDto? LastBout);

internal static class PredictionsApi
{
    public static RouteGroupBuilder MapFightsPredictionsApi(this RouteGroupBuilder api)
    {
        var bout = api.MapGroup("/bouts/{id:guid}");
        bout.MapPut("/prediction", Save).RequireScope(FightsScopes.Predict)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithIdempotency()
            .WithName("PutFightsPrediction")
            .WithSummary("Makes or changes the caller's pick until the bout locks (then 409 urn:podium:problem:locked with lockedAt). 201 for a new pick, 200 for a change or the same pick.");
        bout.MapDelete("/prediction", Withdraw).RequireScope(FightsScopes.Predict)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithName("DeleteFightsPrediction")
            .WithSummary("Withdraws the caller's pick before the lock; 204 whether or not there was one.");
        bout.MapGet("/predictions", ForBout).ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("GetFightsBoutPredictions")
            .WithSummary("The caller's own pick, and the community's pick split once the bout locked (never before).");
        api.MapGet("/predictions/me", Mine).RequireScope(FightsScopes.Predict)
            .WithName("ListMyFightsPredictions")
            .WithSummary("The caller's picks, latest bouts first, with points once scored.");

        var favourites = api.MapGroup("/favourites");
        favourites.MapGet("/", Favourites).RequireScope(FightsScopes.Predict)
            .WithName("ListFightsFavourites")
            .WithSummary("The fighters the caller follows, by name, each with their next bout and last result.");
        favourites.MapPut("/{fighterSlug}", Follow).RequireScope(FightsScopes.Predict)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("PutFightsFavourite")
            .WithSummary("Follows a fighter; following one already followed changes nothing.");
        favourites.MapDelete("/{fighterSlug}", Unfollow).RequireScope(FightsScopes.Predict)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("DeleteFightsFavourite")
            .WithSummary("Stops following a fighter; 204 whether or not it was followed.");
        return api;
    }

    internal static async Task<Results<Created<FightsPredictionDto>, Ok<FightsPredictionDto>, ValidationProblem, ProblemHttpResult>> Save(
        Guid id, FightsPredictionRequest request, ClaimsPrincipal user, BoutPredictions predictions, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return Unauthorized();
        }

        var result = await predictions.SaveAsync(userId, id, new PickInput(request.Winner, request.Method, request.Round), cancellationToken);
        if (!result.Succeeded)
        {
            return result.ToProblem<Created<FightsPredictionDto>>().Result switch
            {
                ValidationProblem v => v,
                ProblemHttpResult p => p,
                _ => throw new InvalidOperationException("A failed command maps to a problem."),
            };
        }

        var saved = result.Value!;
        return saved.Created
            ? TypedResults.Created($"/api/v1/fights/bouts/{id}/prediction", ToDto(saved.Prediction))
            : TypedResults.Ok(ToDto(saved.Prediction));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Withdraw(
        Guid id, ClaimsPrincipal user, BoutPredictions predictions, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return Unauthorized();
        }

        var result = await predictions.WithdrawAsync(userId, id, cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem<NoContent>();
    }

    internal static async Task<Results<Ok<FightsBoutPredictionsDto>, ProblemHttpResult>> ForBout(
        Guid id, ClaimsPrincipal user, BoutPredictions predictions, CancellationToken cancellationToken) =>
        await predictions.ForBoutAsync(id, user.UserId(), cancellationToken) is { } view
            ? TypedResults.Ok(new FightsBoutPredictionsDto(view.Bout.Id, view.LocksAt, view.Locked, view.Mine is null ? null : ToDto(view.Mine), view.Split is null ? null : ToDto(view.Split)))
            : BoutPredictions.NoBout.ToProblem();

    internal static async Task<Results<Ok<PagedList<FightsMyPredictionDto>>, ValidationProblem, ProblemHttpResult>> Mine(
        int? page, int? pageSize, ClaimsPrincipal user, BoutPredictions predictions, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var problem))
        {
            return problem!;
        }

        if (user.UserId() is not { } userId)
        {
            return Unauthorized();
        }

        var list = await predictions.MineAsync(userId, request, cancellationToken);
        return TypedResults.Ok(new PagedList<FightsMyPredictionDto>(
            [.. list.Items.Select(p => new FightsMyPredictionDto(
                p.Bout.Id, p.Bout.EventName, p.Bout.EventSlug, p.Bout.FighterA, p.Bout.FighterB, p.LocksAt, p.Locked,
                p.Pick.Winner.ToApiName(), p.Bout.NameOf(p.Pick.Winner), p.Pick.Method?.ToApiName(), p.Pick.Round,
                p.Pick.Points, p.Pick.CorrectWinner, p.Pick.ScoredAt, p.Pick.UpdatedAt))],
            list.Page, list.PageSize, list.TotalCount));
    }

    internal static async Task<Results<Ok<PagedList<FightsFavouriteDto>>, ValidationProblem, ProblemHttpResult>> Favourites(
        int? page, int? pageSize, ClaimsPrincipal user, FightFavourites favourites, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var problem))
        {
            return problem!;
        }

        if (user.UserId() is not { } userId)
        {
            return Unauthorized();
        }

        var list = await favourites.ListAsync(userId, request, cancellationToken);
        return TypedResults.Ok(new PagedList<FightsFavouriteDto>(
            [.. list.Items.Select(f => new FightsFavouriteDto(
                f.Fighter.Slug, f.Fighter.Name, f.Fighter.Nickname, f.Fighter.WeightClass.ToApiName(), f.Fighter.WeightClass.Title(), f.FollowedAt, ToDto(f.Next), ToDto(f.Last)))],
            list.Page, list.PageSize, list.TotalCount));
    }

    internal static async Task<Results<Ok<FightsFavouriteDto>, ValidationProblem, ProblemHttpResult>> Follow(
        string fighterSlug, ClaimsPrincipal user, FightFavourites favourites, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return Unauthorized();
        }

        var result = await favourites.FollowAsync(userId, fighterSlug, cancellationToken);
        if (!result.Succeeded)
        {
            return result.ToProblem<Ok<FightsFavouriteDto>>();
        }

        var f = result.Value!.Fighter;
        return TypedResults.Ok(new FightsFavouriteDto(f.Slug, f.Name, f.Nickname, f.WeightClass.ToApiName(), f.WeightClass.Title(), result.Value.FollowedAt, null, null));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Unfollow(
        string fighterSlug, ClaimsPrincipal user, FightFavourites favourites, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return Unauthorized();
        }

        var result = await favourites.UnfollowAsync(userId, fighterSlug, cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem<NoContent>();
    }

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in", detail: "Picks and favourites belong to a signed-in account.");

        private static FightsPredictionDto ToDto(PredictionView p) =>
        new(p.BoutId, p.Winner.ToApiName(), p.Method?.ToApiName(), p.Round, p.CreatedAt, p.UpdatedAt, p.Points, p.CorrectWinner, p.ScoredAt);

    private static FightsPickSplitDto ToDto(PickSplit split)
    {
        var methods = Enum.GetValues<PickedMethod>().ToDictionary(m => m.ToApiName(), m => new FightsSplitShareDto(split.Methods[m], split.PercentOf(m)), StringComparer.Ordinal);
        methods["none"] = new FightsSplitShareDto(split.NoMethod, split.PercentNoMethod);
        return new FightsPickSplitDto(split.Total, new FightsSplitShareDto(split.A, split.PercentA), new FightsSplitShareDto(split.B, split.PercentB), methods);
    }

    private static FightsFavouriteBoutDto? ToDto(FavouriteBout? b) =>
        b is null ? null : new FightsFavouriteBoutDto(b.BoutId, b.Event, b.EventSlug, b.When, b.Opponent, b.OpponentSlug, b.Result);
}
