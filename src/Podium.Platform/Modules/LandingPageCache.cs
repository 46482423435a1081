using Microsoft.Extensions.Options;
using Podium.Platform.Caching;

namespace Podium.Platform.Modules;

/// <summary>
/// The data behind a module's landing page, cached under the tags the module declared as its
/// <see cref="PodiumModule.LandingPageTags"/>: anonymous visitors get the output-cached page, signed-in people a render
/// of this cached data (what is theirs, the menu and the account links, is all that is rendered for them), and the
/// writes that drop the stored page drop this too.
/// </summary>
public sealed class LandingPageCache(IPodiumCache cache, ModuleCatalog catalog, IOptions<CacheOptions> options)
{
    /// <param name="module">The module's <see cref="PodiumModule.Name"/>.</param>
    /// <param name="load">Reads what the page shows. Its result is shared by every viewer: nothing personal in it, and
    /// for <c>HybridCache</c> to hand out one instance rather than a copy per render, a sealed type marked
    /// <c>[ImmutableObject(true)]</c>.</param>
    public ValueTask<T> GetOrCreateAsync<T>(string module, Func<CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        var registered = catalog.Modules.FirstOrDefault(m => string.Equals(m.Name, module, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No module named '{module}' is registered.");
        var tags = registered.LandingPageTags
            ?? throw new InvalidOperationException($"The module '{module}' declares no LandingPageTags: its landing page is not cached.");

        // No longer than the stored page lives: what changes with the clock rather than a write (a poll closing, a
        // tournament ending) is then as fresh for signed-in people as for visitors.
        var lifetime = TimeSpan.FromSeconds(options.Value.OutputCacheSeconds);
        return cache.GetOrCreateAsync($"{registered.Name}:landing", load, tags, lifetime, lifetime, cancellationToken);
    }
}
