using Podium.Modules.Sample;
using Podium.Platform.Modules;
using Podium.Web;

namespace Podium.Tests.Infrastructure;

/// <summary>
/// The host's module list plus the worked example, <c>tests/Podium.Modules.Sample</c>, which the app itself is not
/// built with: its line is here rather than in <see cref="PodiumModules.All"/>.
/// </summary>
internal static class TestModules
{
    public static IReadOnlyList<ModuleStartup> WithSample { get; } =
    [
        .. PodiumModules.All,
        new(SampleModule.AddSample, SampleModule.MapSample),
    ];
}
