using Podium.Modules.Club;
using Podium.Modules.Fights;
using Podium.Modules.Forecast;
using Podium.Modules.Pools;
using Podium.Platform.Modules;

namespace Podium.Web;

/// <summary>
/// The modules this app is built with: the host (and so the <c>podium</c> commands), the test host and the
/// architecture tests all read this list. Adding a module is one line here, plus its project and the solution.
/// </summary>
internal static class PodiumModules
{
    public static IReadOnlyList<ModuleStartup> All { get; } =
    [
        new(ClubModule.AddClub, ClubModule.MapClub),
        new(FightsModule.AddFights, FightsModule.MapFights),
        new(ForecastModule.AddForecast, ForecastModule.MapForecast),
        new(PoolsModule.AddPools, PoolsModule.MapPools),
    ];
}
