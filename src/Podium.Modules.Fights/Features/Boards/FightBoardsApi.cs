using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Podium.Modules.Fights.Features.Leagues;
using Podium.Platform.Api;
using Podium.Platform.Competitions;
using Podium.Platform.Identity;
using Podium.Platform.Leaderboards;
using Podium.Platform.Security;

namespace Podium.Modules.Fights.Features.Boards;

internal sealed record BoardLineDto(long Rank, Guid UserId, string DisplayName, int Points, double Accuracy, DateTime FirstPredictionAt);

internal sealed record BoardPageDto(string Board, string Title, int Page, int PageSize, long Total, IReadOnlyList<BoardLineDto> Items);

/// <param name="Me">Null when the caller has no line on the board yet.</param>
internal sealed record BoardStandingDto(string Board, string Title, long Total, BoardLineDto? Me, IReadOnlyList<BoardLineDto> Above, IReadOnlyList<BoardLineDto> Below);

internal sealed record LeagueRulesDto(int Winner, int UnderdogBonusPerUnit, int UnderdogBonusCap, int Method, int Round);

/// <param name="InviteCode">Only for owners, who hand it out.</param>
internal sealed record LeagueDto(Guid Id, string Name, string Board, int MemberCount, int MaxMembers, string MyRole, DateTime JoinedAt, string? InviteCode, LeagueRulesDto? Rules);

internal sealed record LeagueMemberDto(Guid UserId, string DisplayName, string Role, DateTime JoinedAt);

/// <param name="Rules">Optional: the site's defaults (10 for a winner, the underdog bonus of 10 per unit of odds above 2.0 capped at 20, 5 for the method, 5 for the round).</param>
internal sealed record CreateLeagueRequest(string? Name, LeagueRulesDto? Rules);

internal sealed record JoinLeagueRequest(string? Code);

/// <summary>
/// <c>/api/v1/fights/leaderboards/{board}</c> and <c>/me</c>, and the leagues behind the league boards. Boards:
/// <c>global</c>, <c>season-{year}</c>, <c>event-{slug}</c>, <c>league-{id}</c> (members only: to anyone else a league is
/// not found). League writes need <c>fights:predict</c>.
/// </summary>
internal static class FightBoardsApi
{
    public static RouteGroupBuilder MapFightBoardsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/leaderboards/{board}", GetBoard)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("GetFightsLeaderboard")
            .WithSummary("A page of a board, best first: points, then accuracy, then the earlier first prediction; equal members share a rank.");
        api.MapGet("/leaderboards/{board}/me", GetMyStanding).RequireScope(FightsScopes.Read)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("GetMyFightsStanding")
            .WithSummary("The caller's rank on a board with the members just above and below; me is null before their first scored prediction.");

        var leagues = api.MapGroup("/leagues");
        leagues.MapGet("/", Mine).RequireScope(FightsScopes.Read)
            .WithName("ListMyFightsLeagues").WithSummary("The caller's leagues, the latest joined first.");
        leagues.MapGet("/{id:guid}", Get).RequireScope(FightsScopes.Read).ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("GetFightsLeague").WithSummary("A league the caller is in, with its scoring rules; the invite code for owners.");
        leagues.MapGet("/{id:guid}/members", Members).RequireScope(FightsScopes.Read).ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("ListFightsLeagueMembers").WithSummary("A league's members in the order they joined (members only).");
        leagues.MapPost("/", Create).RequireScope(FightsScopes.Predict)
            .WithName("CreateFightsLeague").WithSummary("Creates a private league owned by the caller, with the site's scoring or its own.");
        leagues.MapPost("/join", Join).RequireScope(FightsScopes.Predict).ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests)
            .WithName("JoinFightsLeague").WithSummary("Joins the league whose invite code this is; joining again changes nothing.");
        leagues.MapPost("/{id:guid}/invite-code", Rotate).RequireScope(FightsScopes.Predict).ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .WithName("RotateFightsLeagueCode").WithSummary("A new invite code (owners); the old one stops working.");
        leagues.MapPost("/{id:guid}/leave", Leave).RequireScope(FightsScopes.Predict).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithName("LeaveFightsLeague").WithSummary("Leaves the league (an owner hands it over first unless they are its last member).");
        leagues.MapDelete("/{id:guid}/members/{userId:guid}", Remove).RequireScope(FightsScopes.Predict)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithName("RemoveFightsLeagueMember").WithSummary("An owner removes a member, who leaves the league's board.");
        return api;
    }

    internal static async Task<Results<Ok<BoardPageDto>, ValidationProblem, ProblemHttpResult>> GetBoard(
        string board, int? page, int? pageSize, ClaimsPrincipal user, FightBoardReader reader, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (page is < 1)
        {
            errors["page"] = ["page starts at 1."];
        }

        if (pageSize is < 1 or > ILeaderboards.MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {ILeaderboards.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await reader.OpenAsync(board, user.UserId(), cancellationToken) is not { } open)
        {
            return NoBoard();
        }

        var read = await reader.PageAsync(open, page ?? 1, pageSize ?? 25, cancellationToken);
        return TypedResults.Ok(new BoardPageDto(open.Name.ToString(), open.Title, read.Page, read.PageSize, read.Total, [.. read.Rows.Select(ToDto)]));
    }

    internal static async Task<Results<Ok<BoardStandingDto>, ProblemHttpResult>> GetMyStanding(
        string board, ClaimsPrincipal user, FightBoardReader reader, CancellationToken cancellationToken)
    {
        var me = user.UserId();
        if (me is null || await reader.OpenAsync(board, me, cancellationToken) is not { } open)
        {
            return NoBoard();
        }

        var standing = await reader.StandingAsync(open, me.Value, cancellationToken);
        return TypedResults.Ok(new BoardStandingDto(
            open.Name.ToString(), open.Title, standing.Total, standing.Me is null ? null : ToDto(standing.Me),
            [.. standing.Above.Select(ToDto)], [.. standing.Below.Select(ToDto)]));
    }

    internal static async Task<Results<Ok<PagedList<LeagueDto>>, ValidationProblem>> Mine(
        int? page, int? pageSize, ClaimsPrincipal user, FightLeagues leagues, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var problem))
        {
            return problem!;
        }

        var mine = await leagues.MineAsync(user.UserId()!.Value, request, cancellationToken);
        return TypedResults.Ok(new PagedList<LeagueDto>([.. mine.Items.Select(g => ToDto(g, null))], mine.Page, mine.PageSize, mine.TotalCount));
    }

    internal static async Task<Results<Ok<LeagueDto>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, FightLeagues leagues, CancellationToken cancellationToken) =>
        await leagues.GetAsync(id, user.UserId()!.Value, cancellationToken) is { } league ? TypedResults.Ok(ToDto(league.Group, league.Rules)) : NoLeague();

    internal static async Task<Results<Ok<PagedList<LeagueMemberDto>>, ValidationProblem, ProblemHttpResult>> Members(
        Guid id, int? page, int? pageSize, ClaimsPrincipal user, FightLeagues leagues, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var problem))
        {
            return problem!;
        }

        var members = await leagues.MembersAsync(id, user.UserId()!.Value, request, cancellationToken);
        if (!members.Succeeded)
        {
            return members.ToProblem<Ok<PagedList<LeagueMemberDto>>>();
        }

        var list = members.Value!;
        return TypedResults.Ok(new PagedList<LeagueMemberDto>(
            [.. list.Items.Select(m => new LeagueMemberDto(m.UserId, string.IsNullOrWhiteSpace(m.DisplayName) ? "Former member" : m.DisplayName, m.Role.ToApiName(), m.JoinedAt))],
            list.Page, list.PageSize, list.TotalCount));
    }

    internal static async Task<Results<Created<LeagueDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateLeagueRequest request, ClaimsPrincipal user, FightLeagues leagues, CancellationToken cancellationToken)
    {
        var rules = request.Rules is { } r ? new ScoringRules(r.Winner, r.UnderdogBonusPerUnit, r.UnderdogBonusCap, r.Method, r.Round) : null;
        var created = await leagues.CreateAsync(user.UserId()!.Value, request.Name, rules, cancellationToken);
        if (!created.Succeeded)
        {
            return created.ToProblem<Created<LeagueDto>>();
        }

        var league = created.Value!;
        return TypedResults.Created($"/api/v1/fights/leagues/{league.Group.Id}", ToDto(league.Group, league.Rules));
    }

    internal static async Task<Results<Ok<LeagueDto>, ValidationProblem, ProblemHttpResult>> Join(
        JoinLeagueRequest request, ClaimsPrincipal user, FightLeagues leagues, CancellationToken cancellationToken)
    {
        var joined = await leagues.JoinAsync(user.UserId()!.Value, request.Code, cancellationToken);
        return joined.Succeeded ? TypedResults.Ok(ToDto(joined.Value!.Group, joined.Value.Rules)) : joined.ToProblem<Ok<LeagueDto>>();
    }

    internal static async Task<Results<Ok<LeagueDto>, ValidationProblem, ProblemHttpResult>> Rotate(
        Guid id, ClaimsPrincipal user, FightLeagues leagues, CancellationToken cancellationToken)
    {
        var rotated = await leagues.RotateCodeAsync(id, user.UserId()!.Value, cancellationToken);
        return rotated.Succeeded ? TypedResults.Ok(ToDto(rotated.Value!, null)) : rotated.ToProblem<Ok<LeagueDto>>();
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Leave(
        Guid id, ClaimsPrincipal user, FightLeagues leagues, CancellationToken cancellationToken)
    {
        var left = await leagues.LeaveAsync(id, user.UserId()!.Value, cancellationToken);
        return left.Succeeded ? TypedResults.NoContent() : left.ToProblem<NoContent>();
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Remove(
        Guid id, Guid userId, ClaimsPrincipal user, FightLeagues leagues, CancellationToken cancellationToken)
    {
        var removed = await leagues.RemoveAsync(id, user.UserId()!.Value, userId, cancellationToken);
        return removed.Succeeded ? TypedResults.NoContent() : removed.ToProblem<NoContent>();
    }

    private static ProblemHttpResult NoBoard() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Board not found",
        detail: "Boards are global, season-{year}, event-{slug} and league-{id} (a league's only for its members).");

    private static ProblemHttpResult NoLeague() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "League not found", detail: "There is no such league, or you are not a member of it.");

    private static BoardLineDto ToDto(BoardLine l) => new(l.Rank, l.UserId, l.DisplayName, l.Points, l.Accuracy, l.FirstPredictionAt);

    internal static LeagueDto ToDto(GroupSummary g, ScoringRules? rules) => new(
        g.Id, g.Name, BoardName.ForLeague(g.Id).ToString(), g.MemberCount, g.MaxMembers, g.MyRole.ToApiName(), g.JoinedAt, g.InviteCode,
        rules is null ? null : new LeagueRulesDto(rules.Winner, rules.UnderdogBonusPerUnit, rules.UnderdogBonusCap, rules.Method, rules.Round));
}
