using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Modules;

public static class ModuleExtensions
{
    /// <summary>
    /// Called once by each module's own <c>Add…</c> method. Besides the navigation and the model assembly, this is where
    /// the module declares the conventions Platform applies for it: the read scope of its API group, the policy of its
    /// <c>Manage</c> pages and the cache tags of its landing page.
    /// </summary>
    public static IHostApplicationBuilder AddPodiumModule(this IHostApplicationBuilder builder, PodiumModule module)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(module);
        if (!module.Path.StartsWith('/'))
        {
            throw new ArgumentException($"The module path '{module.Path}' must start with '/'.", nameof(module));
        }

        // The architecture tests find a module's manage pages by this prefix; refusing here says so at the first run.
        if (module.ManagePolicy is { } policy && !policy.StartsWith(module.Name + "-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The manage policy '{policy}' of module '{module.Name}' must be named '{module.Name}-…'.", nameof(module));
        }

        builder.Services.AddSingleton(module);
        builder.Services.TryAddSingleton<LandingPageCache>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<RazorPagesOptions>, ModulePageConventions>());
        return builder;
    }
}
