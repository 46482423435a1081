using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Podium.Platform.Modules;

public static class ModuleExtensions
{
    /// <summary>Called once by each module's own <c>Add…</c> method.</summary>
    public static IHostApplicationBuilder AddPodiumModule(this IHostApplicationBuilder builder, PodiumModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!module.Path.StartsWith('/'))
        {
            throw new ArgumentException($"The module path '{module.Path}' must start with '/'.", nameof(module));
        }

        builder.Services.AddSingleton(module);
        return builder;
    }
}
