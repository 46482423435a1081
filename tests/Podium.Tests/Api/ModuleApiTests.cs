using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Api;
using Podium.Platform.Identity;
using Podium.Platform.Modules;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Api;

/// <summary>
/// <c>MapModuleApi</c> gives every read of a module's API the module's read scope once, on the group; a write keeps
/// only its own scope, so a key made just for writing results still writes.
/// </summary>
public sealed class ModuleApiTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private List<RouteEndpoint> ClubApi() =>
        [.. fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/club/", StringComparison.Ordinal))];

    private static string[] Scopes(RouteEndpoint endpoint) =>
    [
        .. endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()
            .SelectMany(p => p.Requirements.OfType<ScopeRequirement>())
            .Select(r => r.ToString()),
    ];

    [Fact]
    public void MapModuleApi_WhenAnEndpointNamesNoScope_ReadsWithTheModuleScope_AndWritesKeepOnlyTheirOwn()
    {
        var endpoints = ClubApi();
        var reads = endpoints.Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.SequenceEqual(["GET"])).ToList();
        var writes = endpoints.Except(reads).ToList();

        reads.ShouldNotBeEmpty();
        writes.ShouldNotBeEmpty();
        reads.ShouldAllBe(e => Scopes(e).SequenceEqual(new[] { "scope 'club:read' when signed in" }), "a read without the club's read scope");
        reads.ShouldAllBe(e => e.Metadata.GetOrderedMetadata<RequiredScopeMetadata>().Count == 1);
        foreach (var write in writes)
        {
            Scopes(write).ShouldHaveSingleItem().ShouldNotContain("club:read", customMessage: $"{write.DisplayName} also needs the read scope");
        }

        endpoints.ShouldAllBe(e => e.Metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(t => t.Tags).SequenceEqual(new[] { "Club" }));
    }
}

/// <summary>What a module declares when it registers is checked there, so a mistake stops the app at its first start.</summary>
public sealed class ModuleRegistrationTests
{
    private static PodiumModule Quiz(string? readScope = null, string? managePolicy = null) =>
        new("quiz", "Quiz", "/quiz", "A module registered by this test only.", typeof(ModuleRegistrationTests).Assembly)
        {
            ReadScope = readScope,
            ManagePolicy = managePolicy,
        };

    private static WebApplication HostWith(PodiumModule module, params string[] scopes)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddSingleton<ModuleCatalog>();
        builder.Services.AddSingleton<ApiScopeCatalog>();
        foreach (var scope in scopes)
        {
            builder.Services.AddApiScope(scope, "A scope of the test's module.", Roles.Member);
        }

        builder.AddPodiumModule(module);
        return builder.Build();
    }

    [Fact]
    public async Task MapModuleApi_WhenTheModuleDeclaresNoReadScope_RefusesAndSaysWhereToDeclareIt()
    {
        await using var app = HostWith(Quiz());

        Should.Throw<InvalidOperationException>(() => app.MapModuleApi("quiz")).Message.ShouldContain("ReadScope");
    }

    [Fact]
    public async Task MapModuleApi_WhenTheReadScopeIsNotRegistered_RefusesAndNamesAddApiScope()
    {
        await using var app = HostWith(Quiz(readScope: "quiz:read"), "quiz:write");

        Should.Throw<InvalidOperationException>(() => app.MapModuleApi("quiz")).Message.ShouldContain("AddApiScope");
    }

    [Fact]
    public async Task MapModuleApi_WhenTheReadScopeIsRegistered_MapsTheModulesGroup()
    {
        await using var app = HostWith(Quiz(readScope: "quiz:read"), "quiz:read");

        app.MapModuleApi("quiz").MapGet("/questions", () => "none");

        ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .ShouldContain(e => e.RoutePattern.RawText == "/api/v1/quiz/questions");
    }

    [Fact]
    public void AddPodiumModule_WhenTheManagePolicyIsNotNamedAfterTheModule_Refuses()
    {
        var builder = WebApplication.CreateBuilder();

        Should.Throw<ArgumentException>(() => builder.AddPodiumModule(Quiz(managePolicy: "officer"))).Message.ShouldContain("quiz-");
    }
}
