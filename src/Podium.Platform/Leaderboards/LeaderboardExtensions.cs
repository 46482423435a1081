using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Podium.Platform.Cli;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Events;
using Podium.Platform.Realtime;

namespace Podium.Platform.Leaderboards;

public static class LeaderboardExtensions
{
    /// <summary>
    /// Declares a family of boards (a key prefix and how its members are scored); its boards are then usable through
    /// <see cref="ILeaderboards"/>. Call in the module's <c>Add…</c>.
    /// </summary>
    public static IServiceCollection AddLeaderboardFamily(this IServiceCollection services, LeaderboardFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return services.AddSingleton(family);
    }

    internal static IServiceCollection AddPodiumLeaderboards(this IServiceCollection services)
    {
        services.TryAddSingleton<LeaderboardFamilies>();
        services.TryAddSingleton<LeaderboardReadModel>();
        services.TryAddScoped<LeaderboardStore>();
        services.TryAddScoped<LeaderboardSeeder>();
        services.AddSingleton<ICliCommand, LeaderboardCommand>();
        services.TryAddScoped<ILeaderboards, LeaderboardService>();
        services.AddScoped<IPersonalDataContributor, LeaderboardPersonalData>();
        services.AddDomainEvent<LeaderboardChanged>(LeaderboardChanged.Name);
        services.AddDomainEventHandler<LeaderboardChanged, LeaderboardReadModelSync>(LeaderboardChanged.Name, LeaderboardReadModelSync.Subscriber);
        // Anyone may follow a board: an update says only "board X changed", and the page then reads what its viewer may see.
        services.AddLiveTopic(LeaderboardReadModel.TopicPrefix);
        return services;
    }
}
