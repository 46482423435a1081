using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Podium.Modules.Fights.Features.Analytics;
using Podium.Modules.Fights.Features.Boards;
using Podium.Modules.Fights.Features.Bouts;
using Podium.Modules.Fights.Features.Demo;
using Podium.Modules.Fights.Features.Events;
using Podium.Modules.Fights.Features.Favourites;
using Podium.Modules.Fights.Features.Fighters;
using Podium.Modules.Fights.Features.Import;
using Podium.Modules.Fights.Features.Predictions;
using Podium.Modules.Fights.Features.Quality;
using Podium.Modules.Fights.Features.Results;
using Podium.Modules.Fights.Features.Search;
using Podium.Platform.Api;
using Podium.Platform.Cli;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Platform.Identity;
using Podium.Platform.Jobs;
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
            typeof(FightsModule).Assembly) { Order = 40, ReadScope = FightsScopes.Read, ManagePolicy = FightsPolicies.Manage, LandingPageTags = FightsCacheTags.Landing });

        var services = builder.Services;
        services.AddApiScope(FightsScopes.Read, "Read fighters, events, cards, results and odds.", Roles.Member, Roles.Organizer, Roles.Admin);
        services.AddApiScope(FightsScopes.Predict, "Follow fighters and make bout predictions.", Roles.Member, Roles.Organizer, Roles.Admin);
        services.AddApiScope(FightsScopes.Results, "Record and correct bout results (administrators and organizers).", Roles.Organizer, Roles.Admin);
        services.AddScoped<IDemoSeeder, FightsDemoSeeder>();
        // After the catalogue: it predicts the sample bouts the seeder above imported.
        services.AddScoped<IDemoSeeder, FightsSamplePredictors>();
        services.AddScoped<ResultRecorder>();
        services.AddScoped<EventCatalogue>();
        services.AddScoped<FighterCatalogue>();
        services.AddScoped<BoutPreviews>();
        services.AddScoped<WeightClassAnalytics>();
        services.AddScoped<BoutPredictions>();
        services.AddScoped<FightFavourites>();
        services.AddScoped<IPersonalDataContributor, FightsPersonalData>();
        services.AddScoped<ResultsAdmin>();
        services.AddFightBoards();
        services.AddAuthorizationBuilder()
            .AddPolicy(FightsPolicies.Manage, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Organizer, Roles.Admin));
        services.AddFeeds(builder);
        services.AddScoped<FighterMerge>();
        services.AddScoped<QualityReport>();
        services.AddScoped<FeedNow>();
        services.AddScoped<FighterSearch>();
        services.AddSingleton<ICliCommand, SeedBenchCommand>();
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
            .MapFightsPredictionsApi()
            .MapFightBoardsApi()
            .MapFightResultsApi()
            .MapFeedsApi()
            .MapFighterSearchApi();
        return endpoints;
    }

    private static void AddFeeds(this IServiceCollection services, IHostApplicationBuilder builder)
    {
        services.AddOptions<FightsOptions>().BindConfiguration(FightsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FightsOptions>, FightsOptionsValidator>();
        services.AddScoped<FeedImporter>();
        var feed = FightsOptions.FeedOf(builder.Configuration[$"{FightsOptions.SectionName}:Feed"], builder.Environment.IsDevelopment());
        var hourly = TimeSpan.FromHours(1);
        // The sample source is also what the demo seeder imports from, so it is there wherever demo data may be seeded:
        // everywhere but a Production site fed by a real source (or none), which never gets made-up records.
        if (feed == FightsOptions.Sample || !builder.Environment.IsProduction())
        {
            services.AddFeedSource(new FeedSourceDefinition(SampleProvider.SourceKey, "MMA sample data (bundled)", defaultBaseUrl: null, defaultSchedule: hourly)
            {
                IsSample = true,
                UpdateJobKey = feed == FightsOptions.Sample ? UpcomingEventsJob.Key : null,
            });
        }

        switch (feed)
        {
            case FightsOptions.Espn:
                services.AddFeedSource(new FeedSourceDefinition(EspnProvider.SourceKey, "ESPN MMA (scoreboard and event summaries)", EspnProvider.DefaultBaseUrl, defaultSchedule: hourly)
                {
                    UpdateJobKey = UpcomingEventsJob.Key,
                });
                services.AddFeedProvider<MmaScheduleRequest, MmaSchedule, EspnProvider>();
                break;
            case FightsOptions.Sample:
                services.AddFeedProvider<MmaScheduleRequest, MmaSchedule, SampleProvider>();
                break;
            default:
                // None (or a value the validator refuses at start): no source to update from, no jobs.
                return;
        }

        services.AddSingleton(new FightsFeed(feed));
        services.AddScoped<FeedUpdates>();
        // Both fire often and decide for themselves: the hourly one asks the source's schedule, the live one whether an event is on.
        // On the clock's five minutes rather than from the start, so a starting instance does not import before it serves.
        services.AddPodiumJob<UpcomingEventsJob>(UpcomingEventsJob.Key, JobSchedule.CronUtc("0 0/5 * * * ?"), "Imports upcoming MMA events, cards and odds when the feed's schedule says so (hourly).");
        services.AddPodiumJob<LiveResultsJob>(LiveResultsJob.Key, JobSchedule.CronUtc("0 0/5 * * * ?"), "Imports MMA results every 5 minutes while an event is live or about to start.");
    }
}

internal static class FightsPolicies
{
    /// <summary>The module's management pages (<c>/fights/manage/…</c>): organizers and administrators.</summary>
    public const string Manage = "fights-manage";
}

internal static class FightsScopes
{
    public const string Read = "fights:read";

    /// <summary>Favourites and predictions: a user's own follows and picks, never anyone else's.</summary>
    public const string Predict = "fights:predict";

    /// <summary>Recording results by hand, as the management page does.</summary>
    public const string Results = "fights:results";
}

internal static class FightsCacheTags
{
    /// <summary>Events, cards, results and odds: dropped by every import, result and seed.</summary>
    public const string Events = "fights:events";

    /// <summary>The landing page shows the next card and the latest results, nothing else.</summary>
    public static readonly IReadOnlyList<string> Landing = [Events];
}
