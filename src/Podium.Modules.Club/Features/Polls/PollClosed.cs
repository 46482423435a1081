using Podium.Platform.Modules.Events;
using Podium.Platform.Realtime;

namespace Podium.Modules.Club.Features.Polls;

/// <summary>A poll closed and has its winner: published by <see cref="PollCloser"/>, whether the job or an officer closed it.</summary>
internal sealed record PollClosed(Guid PollId)
{
    public const string Name = "club.poll-closed";
}

/// <summary>Voters follow the results topic, everyone else the poll's: both now see the final counts.</summary>
internal sealed class PollClosedLiveUpdate(ILiveUpdates live) : IDomainEventHandler<PollClosed>
{
    public const string Subscriber = "live-updates";

    public async Task HandleAsync(PollClosed domainEvent, CancellationToken cancellationToken)
    {
        // Both again on a retry: a live update only makes followers refresh, so a repeat is harmless.
        await live.PublishAsync(ClubLiveTopics.ForPollResults(domainEvent.PollId), PollCloser.ClosedEvent, null, cancellationToken);
        await live.PublishAsync(ClubLiveTopics.ForPoll(domainEvent.PollId), PollCloser.ClosedEvent, null, cancellationToken);
    }
}
