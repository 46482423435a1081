using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Podium.Modules.Sample.Features;
using Podium.Platform.Api;
using Podium.Platform.Identity;
using Podium.Platform.Modules;
using Podium.Platform.Security;

namespace Podium.Modules.Sample;

/// <summary>
/// The smallest module: a tip of the day on a page and in the API. The worked example of docs/ARCHITECTURE.md, built by
/// its steps; the host would call <see cref="AddSample"/> and <see cref="MapSample"/>, nothing else.
/// </summary>
public static class SampleModule
{
    public const string Name = "sample";

    internal const string ReadScope = "sample:read";

    public static IHostApplicationBuilder AddSample(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // No entity configurations in this assembly, so the model, and the app's migrations, stay as they are. Its page
        // changes with the date only, so it names no tag: visitors get the stored copy until it expires.
        builder.AddPodiumModule(new PodiumModule(
            Name, "Sample", "/sample", "A tip of the day: the smallest module, kept as the worked example.",
            typeof(SampleModule).Assembly) { ReadScope = ReadScope, LandingPageTags = [] });
        builder.Services.AddApiScope(ReadScope, "Read the sample's tip of the day.", Roles.Member, Roles.Organizer, Roles.Admin);
        builder.Services.AddScoped<DailyTip>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSample(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapModuleApi(Name).MapSampleApi();
        return endpoints;
    }
}
