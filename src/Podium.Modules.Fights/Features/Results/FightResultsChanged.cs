using Podium.Platform.Modules.Events;
using Podium.Platform.Realtime;

namespace Podium.Modules.Fights.Features.Results;

/// <summary>A bout's result was recorded, corrected or cleared (published by <see cref="ResultRecorder"/> with the change).</summary>
internal sealed record FightResultsChanged(Guid EventId, Guid BoutId)
{
    public const string Name = "fights.results-changed";
}

/// <summary>
/// Live topics: <c>fights:event:{id}</c> on every result of the event's card, sent after the commit. Followers re-fetch
/// what they show with their own rights, so the topic carries ids only and anyone may follow it. Boards have their own
/// topics (<c>leaderboard:fights:…</c>), sent by Platform when ranks change.
/// </summary>
internal static class FightsLiveTopics
{
    public const string Event = "fights:event";

    public const string ResultEventName = "result";

    public static string ForEvent(Guid eventId) => $"{Event}:{eventId:N}";
}

/// <summary>Tells everyone watching the event's page that a result changed.</summary>
internal sealed class FightResultsLiveUpdate(ILiveUpdates live) : IDomainEventHandler<FightResultsChanged>
{
    public const string Subscriber = "live-updates";

    public Task HandleAsync(FightResultsChanged domainEvent, CancellationToken cancellationToken) =>
        live.PublishAsync(FightsLiveTopics.ForEvent(domainEvent.EventId), FightsLiveTopics.ResultEventName,
            new { eventId = domainEvent.EventId, boutId = domainEvent.BoutId }, cancellationToken);
}
