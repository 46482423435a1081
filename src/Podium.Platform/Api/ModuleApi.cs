using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Modules;
using Podium.Platform.Security;

namespace Podium.Platform.Api;

public static class ModuleApiExtensions
{
    /// <summary>
    /// A module's API group, <c>/api/v1/{name}</c>, tagged with the module's title in the OpenAPI document. Every
    /// endpoint in it that names no scope of its own reads with the <see cref="PodiumModule.ReadScope"/> the module
    /// registered (anyone without a credential, a signed-in caller only holding it); a write names its own scope, which
    /// is then the only one it needs.
    /// </summary>
    /// <remarks>
    /// Nothing else is needed per endpoint: errors (an unknown route, unreadable input, a refused caller, 429) become
    /// Problem Details, and callers are rate-limited by who they are, for every endpoint of the app (see
    /// <c>MapPlatform</c>); an endpoint opts out of neither.
    /// </remarks>
    public static RouteGroupBuilder MapModuleApi(this IEndpointRouteBuilder endpoints, string name)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var module = endpoints.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules
            .SingleOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No module '{name}' is registered: call AddPodiumModule in its Add… first.");
        var readScope = module.ReadScope
            ?? throw new InvalidOperationException($"The module '{name}' has an API but no read scope: set ReadScope where it calls AddPodiumModule.");
        if (!endpoints.ServiceProvider.GetRequiredService<ApiScopeCatalog>().Exists(readScope))
        {
            throw new InvalidOperationException($"The read scope '{readScope}' of module '{name}' is not registered: call AddApiScope for it in the module's Add….");
        }

        var group = endpoints.MapGroup($"/api/v1/{module.Name}").WithTags(module.Title);
        // Finally: only once an endpoint's own conventions have run is it known whether it named a scope of its own.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            if (!endpoint.Metadata.OfType<RequiredScopeMetadata>().Any())
            {
                ScopeAuthorizationExtensions.AddScopeWhenSignedIn(endpoint, readScope);
            }
        });
        return group;
    }
}
