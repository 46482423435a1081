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
    /// endpoint in it that names no scope of its own reads with <paramref name="readScope"/> (anyone without a
    /// credential, a signed-in caller only holding it); a write names its own scope, which is then the only one it needs.
    /// </summary>
    public static RouteGroupBuilder MapModuleApi(this IEndpointRouteBuilder endpoints, string name, string readScope)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(readScope);
        var module = endpoints.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules
            .SingleOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No module '{name}' is registered: call AddPodiumModule in its Add… first.");
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
