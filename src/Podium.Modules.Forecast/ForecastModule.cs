using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Podium.Modules.Forecast.Features.Scoring;
using Podium.Platform.Api;
using Podium.Platform.Cli;
using Podium.Platform.Identity;
using Podium.Platform.Modules;
using Podium.Platform.Security;

namespace Podium.Modules.Forecast;

/// <summary>BTC price forecasts graded against the random walk: the host calls <see cref="AddForecast"/> and <see cref="MapForecast"/>, nothing else.</summary>
public static class ForecastModule
{
    public const string Name = "forecast";

    public static IHostApplicationBuilder AddForecast(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Until the price feeds land, its home says how forecasts are judged and leads to scoring one's own, the one
        // tool that stands without price data; the landing page shows nothing that changes, so its tag list is empty.
        builder.AddPodiumModule(new PodiumModule(
            Name, "Forecast", "/forecast",
            "Bitcoin forecasts graded honestly: every model next to the random walk.",
            typeof(ForecastModule).Assembly) { Order = 60, ReadScope = ForecastScopes.Read, LandingPageTags = [] });

        var services = builder.Services;
        services.AddApiScope(ForecastScopes.Read, "Read prices, models, forecasts and scores.", Roles.Member, Roles.Organizer, Roles.Admin);
        services.AddSingleton<ICliCommand, ForecastCommand>();
        return builder;
    }

    public static IEndpointRouteBuilder MapForecast(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapModuleApi(Name);
        return endpoints;
    }
}

internal static class ForecastScopes
{
    public const string Read = "forecast:read";
}
