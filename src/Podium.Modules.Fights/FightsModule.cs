using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Podium.Modules.Fights.Features.Analytics;
using Podium.Modules.Fights.Features.Bouts;
using Podium.Modules.Fights.Features.Demo;
using Podium.Modules.Fights.Features.Events;
using Podium.Modules.Fights.Features.Favourites;
using Podium.Modules.Fights.Features.Fighters;
using Podium.Modules.Fights.Features.Predictions;
using Podium.Modules.Fights.Features.Results;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules;
using Podium.Platform.Security;

namespace Podium.Modules.Fights;

/// <summary>The MMA site: the host calls <see cref="AddFights"/> and <see cref="MapFights"/>, nothing else.</summary>
public static class FightsModule
{
    public const string Name = "fights";

    public static IHostApplicationBuilder AddFights(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPodiumModule(new PodiumModule(
            Name, "Fights", "/fights",
            "MMA event cards, results and betting lines.",
            typeof(FightsModule).Assembly) { Order = 40, ReadScope = FightsScopes.Read, LandingPageTags = FightsCacheTags.Landing });

        var services = builder.Services;
        services.AddApiScope(FightsScopes.Read, "Read fighters, events, cards, results and odds.", Roles.Member, Roles.Organizer, Roles.Admin);
        services.AddApiScope(FightsScopes.Predict, "Follow fighters and make bout predictions.", Roles.Member, Roles.Organizer, Roles.Admin);
        services.AddScoped<IDemoSeeder, FightsDemoSeeder>();
        services.AddScoped<ResultRecorder>();
        services.AddScoped<BoutPredictions>();
        services.AddScoped<FightFavourites>();
        services.AddScoped<IPersonalDataContributor, FightsPersonalData>();
        services.AddScoped<EventCatalogue>();
        services.AddScoped<FighterCatalogue>();
        services.AddScoped<BoutPreviews>();
        services.AddScoped<WeightClassAnalytics>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFights(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapModuleApi(Name)
            .MapFightsFightersApi()
            .MapFightsEventsApi()
            .MapFightsBoutsApi()
            .MapFightsAnalyticsApi()
            .MapFightsPredictionsApi();
        return endpoints;
    }
}

internal static class FightsScopes
{
    public const string Read = "fights:read";

    /// <summary>Favourites and predictions: a user's own follows and picks, never anyone else's.</summary>
    public const string Predict = "fights:predict";
}

internal static class FightsCacheTags
{
    /// <summary>Events, cards, results and odds: dropped by every import, result and seed.</summary>
    public const string Events = "fights:events";

    /// <summary>The landing page shows the next card and the latest results, nothing else.</summary>
    public static readonly IReadOnlyList<string> Landing = [Events];
}
