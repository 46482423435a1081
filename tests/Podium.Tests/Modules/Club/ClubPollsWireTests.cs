using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Polls;
using Podium.Platform.Api;

namespace Podium.Tests.Modules.Club;

/// <summary>
/// Polls' kind and status went on the wire as their names in lower case before the API's one spelling
/// (<see cref="ApiEnums"/>) existed; switching to it must not change a byte of what clients already read.
/// </summary>
public sealed class ClubPollsWireTests
{
    [Fact]
    public void EveryPollKindAndStatus_IsWrittenAsBefore_AndReadsBack()
    {
        Same<PollKind>();
        Same<PollStatus>();
    }

    private static void Same<T>()
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            value.ToApiName().ShouldBe(value.ToString().ToLowerInvariant());
            ApiEnums.TryParse<T>(value.ToString().ToLowerInvariant(), out var read).ShouldBeTrue();
            read.ShouldBe(value);
        }
    }
}
