using System.Reflection;

namespace Podium.Platform.Modules;

/// <summary>
/// What the shell needs to know about a feature module: its navigation slot and home-page card, the assembly whose
/// entity configurations join <see cref="Data.PodiumDbContext"/>, and the conventions Platform puts on its API group
/// and its pages once, so no module repeats them.
/// </summary>
/// <param name="Name">Stable identifier, e.g. <c>club</c>; also the area and the API segment.</param>
/// <param name="Title">What people call it in the navigation, e.g. <c>Club</c>.</param>
/// <param name="Path">Where its pages start, e.g. <c>/club</c>.</param>
/// <param name="Description">One sentence for the home page.</param>
/// <param name="Assembly">The module's assembly (entity configurations, pages).</param>
public sealed record PodiumModule(string Name, string Title, string Path, string Description, Assembly Assembly)
{
    /// <summary>Lower comes first in the navigation.</summary>
    public int Order { get; init; } = 100;

    /// <summary>
    /// The scope every endpoint of the module's API group reads with unless it names its own (see
    /// <see cref="Api.ModuleApiExtensions.MapModuleApi"/>); registered like any scope, with <c>AddApiScope</c>.
    /// </summary>
    public string? ReadScope { get; init; }

    /// <summary>
    /// The authorization policy (named <c>{Name}-…</c>) every page under the module's <c>Areas/{Name}/Pages/Manage</c>
    /// folder requires; the module defines the policy itself, Platform puts it on the folder.
    /// </summary>
    public string? ManagePolicy { get; init; }

    /// <summary>
    /// The cache tags of everything the module's landing page (<c>Areas/{Name}/Pages/Index</c>, at <see cref="Path"/>)
    /// shows. Set (an empty list too), Platform serves that page to anonymous visitors from the output cache until one
    /// of these tags (or the site's settings) is invalidated, and <see cref="LandingPageCache"/> keeps the page's data
    /// under the same tags for the renders signed-in people get. A module's most-read page should not be rendered
    /// per visitor.
    /// </summary>
    public IReadOnlyList<string>? LandingPageTags { get; init; }
}

/// <summary>The modules this host was built with, in navigation order.</summary>
public sealed class ModuleCatalog
{
    public ModuleCatalog(IEnumerable<PodiumModule> modules)
    {
        Modules = [.. modules.OrderBy(m => m.Order).ThenBy(m => m.Name, StringComparer.Ordinal)];
        var duplicate = Modules.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"The module '{duplicate.Key}' is registered more than once.");
        }

        ModelAssemblies = [.. Modules.Select(m => m.Assembly).Distinct()];
    }

    public IReadOnlyList<PodiumModule> Modules { get; }

    public IReadOnlyList<Assembly> ModelAssemblies { get; }
}
