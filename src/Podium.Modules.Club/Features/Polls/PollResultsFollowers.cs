namespace Podium.Modules.Club.Features.Polls;

/// <summary>
/// Who may follow <see cref="ClubLiveTopics.ForPollResults"/>: the readers the results page shows counts to (they
/// voted, or the poll closed). The hub evaluates the policy with the topic as the resource.
/// </summary>
internal sealed class PollResultsFollowers(ClubAccess access, ClubPolls polls) : AuthorizationHandler<PollResultsFollowers.Requirement, string>
{
    public const string Policy = "club-poll-results";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement, string resource)
    {
        if (ClubLiveTopics.PollOfResults(resource) is { } pollId
            && await polls.ResultsVisibleAsync(pollId, await access.GetViewerAsync(context.User), CancellationToken.None))
        {
            context.Succeed(requirement);
        }
    }

    internal sealed class Requirement : IAuthorizationRequirement;
}
