using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Features.Leagues;
using Podium.Modules.Fights.Features.Results;
using Podium.Modules.Fights.Features.Scoring;
using Podium.Platform.Competitions;
using Podium.Platform.Leaderboards;
using Podium.Platform.Modules.Events;
using Podium.Platform.Realtime;

namespace Podium.Modules.Fights.Features.Boards;

/// <summary>Scoring, boards, leagues and their live topics: one call from <see cref="FightsModule.AddFights"/>.</summary>
internal static class FightBoardsRegistration
{
    public static IServiceCollection AddFightBoards(this IServiceCollection services)
    {
        services.AddLeaderboardFamily(FightBoards.Family);
        services.AddCompetitionGroupKind(FightBoards.LeagueKind, FightBoards.MaxLeagueMembers);
        services.AddScoped<BoutScoring>();
        services.AddScoped<FightLeagues>();
        services.AddScoped<FightBoardReader>();
        services.AddDomainEvent<FightResultsChanged>(FightResultsChanged.Name)
            .AddDomainEventHandler<FightResultsChanged, FightResultsLiveUpdate>(FightResultsChanged.Name, FightResultsLiveUpdate.Subscriber);
        services.AddDomainEventHandler<GroupMemberLeft, LeagueBoardCleanup>(GroupMemberLeft.Name, LeagueBoardCleanup.Subscriber);
        services.AddDomainEventHandler<GroupDeleted, LeagueBoardCleanup>(GroupDeleted.Name, LeagueBoardCleanup.Subscriber);

        // Anyone may follow a card's results: updates carry ids only, and pages re-fetch with the reader's rights.
        services.AddLiveTopic(FightsLiveTopics.Event);
        return services;
    }
}
