using Podium.Platform.Modules.Events;
using Podium.Platform.Realtime;

namespace Podium.Modules.Club.Features.Results;

/// <summary>A tournament's bags or teams changed (and so its places, points and payouts): published by <see cref="ResultEntry"/>.</summary>
internal sealed record TournamentResultsChanged(Guid TournamentId)
{
    public const string Name = "club.tournament-results-changed";
}

/// <summary>Tells everyone watching the tournament (weigh-in screens, the results page) to refresh.</summary>
internal sealed class TournamentResultsLiveUpdate(ILiveUpdates live) : IDomainEventHandler<TournamentResultsChanged>
{
    public const string Subscriber = "live-updates";

    public Task HandleAsync(TournamentResultsChanged domainEvent, CancellationToken cancellationToken) =>
        live.PublishAsync(
            ClubLiveTopics.ForTournament(domainEvent.TournamentId), ResultEntry.LiveEventName, new { tournamentId = domainEvent.TournamentId }, cancellationToken);
}
