using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Podium.Modules.Pools.Features.Replay;
using Podium.Platform.Api;
using Podium.Platform.Cli;
using Podium.Platform.Identity;
using Podium.Platform.Modules;
using Podium.Platform.Security;

namespace Podium.Modules.Pools;

/// <summary>NFL survivor and pick'em pools: the host calls <see cref="AddPools"/> and <see cref="MapPools"/>, nothing else.</summary>
public static class PoolsModule
{
    public const string Name = "pools";

    public static IHostApplicationBuilder AddPools(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPodiumModule(new PodiumModule(
            Name, "Pools", "/pools",
            "NFL survivor and pick'em pools: exact rules, graded from final scores.",
            typeof(PoolsModule).Assembly) { Order = 50, ReadScope = PoolsScopes.Read, LandingPageTags = [] });

        var services = builder.Services;
        services.AddApiScope(PoolsScopes.Read, "Read pools, standings and games.", Roles.Member, Roles.Organizer, Roles.Admin);
        services.AddApiScope(PoolsScopes.Picks, "Make and change the caller's own picks.", Roles.Member, Roles.Organizer, Roles.Admin);
        services.AddSingleton<ICliCommand, ReplayCommand>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPools(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapModuleApi(Name);
        return endpoints;
    }
}

internal static class PoolsScopes
{
    public const string Read = "pools:read";

    /// <summary>A player's own picks, never anyone else's.</summary>
    public const string Picks = "pools:picks";
}
