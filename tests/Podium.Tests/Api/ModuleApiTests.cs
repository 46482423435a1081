using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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
