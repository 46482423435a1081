using System.Reflection;

namespace Podium.Platform.Observability;

/// <summary>What was built: the one version string the API, traces, metrics and error reports all show.</summary>
internal static class BuildInfo
{
    /// <summary>The informational version (e.g. <c>1.0.0+3f2c…</c>): the build stamps it with the commit.</summary>
    public static string Version { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
