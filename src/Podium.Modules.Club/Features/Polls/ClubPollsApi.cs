using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Podium.Platform.Api;
using Podium.Platform.Modules.Idempotency;
using Podium.Platform.Security;

namespace Podium.Modules.Club.Features.Polls;

internal sealed record ClubPollSummaryDto(Guid Id, string Kind, string Title, Guid? TournamentId, DateTime OpensAt, DateTime ClosesAt, DateTime? ClosedAt, string Status);

/// <param name="Votes">Null unless the caller may see counts (they voted, or the poll closed).</param>
internal sealed record ClubPollOptionDto(Guid Id, string Text, int? LakeId, string? Lake, int? RampId, string? Ramp, DateTime? StartsAt, DateTime? EndsAt, int? Votes);

internal sealed record ClubPollOtherAnswerDto(string Text, int Votes);

internal sealed record ClubPollVoteDto(Guid PollId, Guid? OptionId, string? OptionText, string? Other, DateTime CastAt);

/// <param name="TotalVotes">Null unless the caller may see counts.</param>
/// <param name="WinningOptionId">Set once the poll has been closed; with <paramref name="Tie"/>, the tie went to the option listed first.</param>
internal sealed record ClubPollDto(
    Guid Id,
    string Kind,
    string Title,
    string? Description,
    Guid? TournamentId,
    DateTime OpensAt,
    DateTime ClosesAt,
    DateTime? ClosedAt,
    string Status,
    bool AllowOther,
    bool ResultsVisible,
    int? TotalVotes,
    IReadOnlyList<ClubPollOptionDto> Options,
    IReadOnlyList<ClubPollOtherAnswerDto>? OtherAnswers,
    Guid? WinningOptionId,
    bool Tie,
    ClubPollVoteDto? MyVote,
    bool CanVote);

/// <summary>Either an option of the poll or, where the poll allows it, a written-in answer.</summary>
internal sealed record ClubPollVoteRequest(Guid? OptionId, string? Other);

internal static class ClubPollsApi
{
    public static RouteGroupBuilder MapClubPollsApi(this RouteGroupBuilder api)
    {
        // Anyone may read polls (closed ones with their counts, as on the pages); a signed-in reader sees their own
        // vote, and the counts once they voted, so a key or token must have been given club:read to do it.
        var polls = api.MapGroup("/polls");
        polls.MapGet("/", List)
            .WithName("ListClubPolls").WithSummary("Club polls, open ones soonest-closing first; ?status=open|upcoming|closed.");
        polls.MapGet("/{id:guid}", Get).ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("GetClubPoll").WithSummary("One poll; vote counts only once the caller voted or the poll closed (then for everyone).");
        polls.MapPost("/{id:guid}/votes", Vote).RequireScope(ClubScopes.PollsVote)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithIdempotency()
            .WithName("VoteInClubPoll")
            .WithSummary("Casts the caller's vote (members in good standing, while open). The same vote again answers 200; a different one 409.");
        return api;
    }

    internal static async Task<Results<Ok<PagedList<ClubPollSummaryDto>>, ValidationProblem>> List(
        ClubPolls polls, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var problem))
        {
            return problem!;
        }

        PollStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!ApiEnums.TryParse<PollStatus>(status, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status is open, upcoming or closed."] });
            }

            filter = parsed;
        }

        var list = await polls.ListAsync(filter, request, cancellationToken);
        return TypedResults.Ok(new PagedList<ClubPollSummaryDto>(
            [.. list.Items.Select(p => new ClubPollSummaryDto(p.Id, p.Kind.ToApiName(), p.Title, p.TournamentId, p.OpensAt, p.ClosesAt, p.ClosedAt, p.Status.ToApiName()))],
            list.Page, list.PageSize, list.TotalCount));
    }

    internal static async Task<Results<Ok<ClubPollDto>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, ClubAccess access, ClubPolls polls, CancellationToken cancellationToken)
    {
        var viewer = await access.GetViewerAsync(user, cancellationToken);
        return await polls.GetAsync(id, viewer, cancellationToken) is { } poll
            ? TypedResults.Ok(ToDto(poll))
            : NotFound();
    }

    internal static async Task<Results<Created<ClubPollVoteDto>, Ok<ClubPollVoteDto>, ValidationProblem, ProblemHttpResult>> Vote(
        Guid id, ClubPollVoteRequest request, ClaimsPrincipal user, ClubAccess access, ClubPolls polls, CancellationToken cancellationToken)
    {
        var viewer = await access.GetViewerAsync(user, cancellationToken);
        var result = await polls.VoteAsync(viewer, id, new VoteInput(request.OptionId, request.Other), cancellationToken);
        return result.Status switch
        {
            VoteStatus.Recorded => TypedResults.Created($"/api/v1/club/polls/{id}", ToDto(result.Vote!)),
            VoteStatus.AlreadyRecorded => TypedResults.Ok(ToDto(result.Vote!)),
            VoteStatus.Invalid => TypedResults.ValidationProblem(result.Errors!),
            VoteStatus.NotFound => NotFound(),
            VoteStatus.NotAllowed => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed to vote", detail: result.Message),
            VoteStatus.DifferentVoteExists => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already voted", detail: result.Message,
                extensions: new Dictionary<string, object?> { ["vote"] = ToDto(result.Vote!) }),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Poll not open", detail: result.Message),
        };
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is no such poll.");

    private static ClubPollVoteDto ToDto(PollVoteView vote) => new(vote.PollId, vote.OptionId, vote.OptionText, vote.Other, vote.CastAt);

    private static ClubPollDto ToDto(PollView poll) => new(
        poll.Id, poll.Kind.ToApiName(), poll.Title, poll.Description, poll.TournamentId, poll.OpensAt, poll.ClosesAt, poll.ClosedAt, poll.Status.ToApiName(), poll.AllowOther,
        poll.Results is not null,
        poll.Results?.Total,
        [.. poll.Options.Select(o => new ClubPollOptionDto(o.Id, o.Text, o.LakeId, o.Lake, o.RampId, o.Ramp, o.StartsAt, o.EndsAt, poll.Results?.VotesFor(o.Id)))],
        poll.Results?.OtherAnswers.Select(a => new ClubPollOtherAnswerDto(a.Text, a.Votes)).ToList(),
        poll.Results?.WinnerId,
        poll.Results?.Tie == true,
        poll.MyVote is null ? null : ToDto(poll.MyVote),
        poll.CanVote);
}
