using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Podium.Platform.Api;
using Podium.Platform.Feeds;
using Podium.Platform.Identity;

namespace Podium.Modules.Fights.Features.Quality;

/// <summary>The accepted "update now": the import runs in the background (see the feed runs on the Data quality page).</summary>
internal sealed record FeedUpdateStartedDto(string Source, string Status);

internal static class FeedsApi
{
    public static RouteGroupBuilder MapFeedsApi(this RouteGroupBuilder fights)
    {
        fights.MapPost("/feeds/{source}/update", UpdateNowAsync)
            .RequireAuthorization(Policies.Admin)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithName("PostFightsFeedUpdate")
            .WithSummary("Imports from the Fights feed now (administrators): the same as \"Update now\" on /admin/feeds.");
        return fights;
    }

    internal static async Task<Results<Accepted<FeedUpdateStartedDto>, ProblemHttpResult>> UpdateNowAsync(
        string source, FeedNow feed, HttpContext http, CancellationToken cancellationToken)
    {
        var outcome = await feed.UpdateNowAsync(http.User.UserId()!.Value, source, cancellationToken);
        return outcome switch
        {
            FeedUpdateResult.Started => TypedResults.Accepted((string?)null, new FeedUpdateStartedDto(source, "started")),
            FeedUpdateResult.JobsDisabled => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "Background jobs are off", detail: "This server runs no background jobs (Podium:Jobs:Enabled), so it cannot run an update."),
            FeedUpdateResult.NoUpdateJob => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "No update job", detail: "The feed has no update job on this server."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Feed not found", detail: "The Fights module imports from no feed of this name."),
        };
    }
}
