using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Podium.Modules.Club.Areas.Club.Pages.Manage;
using Podium.Modules.Club.Features.Calendar;
using Podium.Modules.Club.Features.Demo;
using Podium.Modules.Club.Features.Exports;
using Podium.Modules.Club.Features.Import;
using Podium.Modules.Club.Features.Lakes;
using Podium.Modules.Club.Features.Members;
using Podium.Modules.Club.Features.News;
using Podium.Modules.Club.Features.Polls;
using Podium.Modules.Club.Features.Results;
using Podium.Modules.Club.Features.Standings;
using Podium.Modules.Club.Features.Tournaments;
using Podium.Platform.Api;
using Podium.Platform.Cli;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Jobs;
using Podium.Platform.Modules;
using Podium.Platform.Modules.Events;
using Podium.Platform.Realtime;
using Podium.Platform.Security;

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
            typeof(ClubModule).Assembly) { Order = 30, ReadScope = ClubScopes.Read, ManagePolicy = ClubPolicies.Officer, LandingPageTags = ClubCacheTags.Landing });

        var services = builder.Services;
        services.AddScoped<ClubSettings>();
        services.AddOptions<ClubOptions>().BindConfiguration(ClubOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClubOptions>, ClubOptionsValidator>();
        services.AddApiScope(ClubScopes.Read, "Read club tournaments, results and standings.", Roles.Member, Roles.Organizer, Roles.Admin);
        services.AddApiScope(ClubScopes.ResultsWrite, "Record tournament results (club officers).", Roles.Member, Roles.Organizer, Roles.Admin);
        services.AddApiScope(ClubScopes.PollsVote, "Vote in club polls (members in good standing).", Roles.Member, Roles.Organizer, Roles.Admin);
        services.AddScoped<ClubAccess>();
        services.AddScoped<ClubStandings>();
        services.AddScoped<ClubCalendar>();
        services.AddScoped<ClubEventEditor>();
        services.AddScoped<ClubNews>();
        services.AddScoped<LakeEditor>();
        services.AddScoped<MemberEditor>();
        services.AddScoped<OfficerEditor>();
        services.AddScoped<IPersonalDataContributor, AnglerPersonalData>();
        services.AddScoped<ClubPolls>();
        services.AddScoped<PollEditor>();
        services.AddScoped<PollCloser>();
        services.AddDomainEvent<PollClosed>(PollClosed.Name)
            .AddDomainEventHandler<PollClosed, PollClosedLiveUpdate>(PollClosed.Name, PollClosedLiveUpdate.Subscriber);
        builder.AddPodiumJob<ClosePollsJob>(ClosePollsJob.Key, JobSchedule.Every(TimeSpan.FromMinutes(1)),
            "Closes club polls whose voting time is up and moves a location poll's tournament to the winning lake.");
        services.AddScoped<ResultEntry>();
        services.AddDomainEvent<TournamentResultsChanged>(TournamentResultsChanged.Name)
            .AddDomainEventHandler<TournamentResultsChanged, TournamentResultsLiveUpdate>(TournamentResultsChanged.Name, TournamentResultsLiveUpdate.Subscriber);
        services.AddScoped<TournamentBoards>();
        services.AddScoped<TournamentEditor>();
        services.AddScoped<ClubImport>();
        services.AddSingleton<ICliCommand, ClubCommand>();
        services.AddScoped<IDemoSeeder, ClubDemoSeeder>();
        services.AddScoped<IAuthorizationHandler, ClubOfficerHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ClubPolicies.Officer, policy => policy.RequireAuthenticatedUser().AddRequirements(new ClubOfficerRequirement()));
        // Followers re-fetch fragments with their own rights, so the topics themselves can be public.
        services.AddLiveTopic(ClubLiveTopics.Tournament);
        services.AddLiveTopic(ClubLiveTopics.Poll);
        // Except a poll's every vote: even a bare "vote" event, counted, is a running total for someone who has not voted.
        services.AddLiveTopic(ClubLiveTopics.PollResults, PollResultsFollowers.Policy);
        services.AddScoped<IAuthorizationHandler, PollResultsFollowers>();
        services.AddAuthorizationBuilder()
            .AddPolicy(PollResultsFollowers.Policy, policy => policy.AddRequirements(new PollResultsFollowers.Requirement()));
        // PostConfigure: AddClub runs before the host's AddRazorPages, whose options setup starts a new convention list
        // and would drop a convention added by a plain Configure here.
        services.PostConfigure<RazorPagesOptions>(options =>
            options.Conventions.AddAreaPageApplicationModelConvention("Club", "/Manage/Import", ImportModel.AllowUploads));
        return builder;
    }

    public static IEndpointRouteBuilder MapClub(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapClubCalendarFeed();
        var api = endpoints.MapModuleApi(Name);
        api.MapClubPollsApi();
        api.MapClubTournamentsApi();
        api.MapClubStandingsApi();
        endpoints.MapClubExports();
        return endpoints;
    }
}

/// <summary>
/// Live topics (sent by the <see cref="TournamentResultsChanged"/> and <see cref="PollClosed"/> subscribers and by each vote):
/// <c>club:tournament:{id}</c> on every result change; <c>club:poll:{id}</c> when a poll closes (anyone),
/// <c>club:poll-results:{id}</c> on every vote and the close (only readers who may see the counts).
/// </summary>
internal static class ClubLiveTopics
{
    public const string Tournament = "club:tournament";
    public const string Poll = "club:poll";
    public const string PollResults = "club:poll-results";

    public static string ForTournament(Guid id) => $"{Tournament}:{id:N}";

    public static string ForPoll(Guid id) => $"{Poll}:{id:N}";

    public static string ForPollResults(Guid id) => $"{PollResults}:{id:N}";

    /// <summary>The poll a <see cref="ForPollResults"/> topic names, or null for anything else.</summary>
    public static Guid? PollOfResults(string topic) =>
        topic.StartsWith(PollResults + ":", StringComparison.Ordinal) && Guid.TryParseExact(topic[(PollResults.Length + 1)..], "N", out var id) ? id : null;
}
