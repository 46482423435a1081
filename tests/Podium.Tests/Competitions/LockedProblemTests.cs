using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Podium.Platform.Competitions;

namespace Podium.Tests.Competitions;

/// <summary>A write after the lock reaches the client as a 409 it can recognise without reading the words.</summary>
public sealed class LockedProblemTests
{
    [Fact]
    public void ToProblem_OfAWriteAfterTheLock_Is409WithTheLockedTypeAndInstant()
    {
        var kickoff = new DateTime(2026, 12, 7, 18, 0, 0, DateTimeKind.Utc);

        var result = new ItemLock(kickoff).RefuseWriteAt<int>(kickoff.AddSeconds(1), "Week 3's picks")!.ToProblem<Ok<int>>();

        var problem = result.Result.ShouldBeOfType<ProblemHttpResult>().ProblemDetails;
        problem.Status.ShouldBe(StatusCodes.Status409Conflict);
        problem.Type.ShouldBe("urn:podium:problem:locked");
        problem.Detail.ShouldBe("Week 3's picks locked at 2026-12-07 18:00:00 UTC and takes no more changes.");
        problem.Extensions["lockedAt"].ShouldBe(kickoff);
    }
}
