using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Podium.Modules.Club.Features.Standings;
using Podium.Platform.Modules;

namespace Podium.Modules.Club;

/// <summary>The bass club's tournament manager: the host calls <see cref="AddClub"/> and <see cref="MapClub"/>, nothing else.</summary>
public static class ClubModule
{
    public const string Name = "club";

    public static IHostApplicationBuilder AddClub(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPodiumModule(new PodiumModule(
            Name, "Club", "/club",
            "A bass club's tournaments, weigh-ins, Angler-of-the-Year race, polls on where to fish next, and news.",
            typeof(ClubModule).Assembly) { Order = 30 });

        var services = builder.Services;
        services.AddScoped<ClubSettings>();
        services.AddScoped<ClubAccess>();
        services.AddScoped<ClubStandings>();
        services.AddScoped<IAuthorizationHandler, ClubOfficerHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ClubPolicies.Officer, policy => policy.RequireAuthenticatedUser().AddRequirements(new ClubOfficerRequirement()));
        services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeAreaFolder(Name, "/Manage", ClubPolicies.Officer));
        return builder;
    }

    public static IEndpointRouteBuilder MapClub(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
