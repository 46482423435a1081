using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>The module's shape: one public entry point, and every officer page behind the officer policy.</summary>
public sealed class ClubArchitectureTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public void Module_ExposesOnlyItsAddAndMapPair()
    {
        var exported = typeof(ClubModule).Assembly.GetExportedTypes()
            .Where(t => !t.Namespace!.StartsWith("AspNetCoreGeneratedDocument", StringComparison.Ordinal))
            .Select(t => t.FullName);

        exported.ShouldBe([typeof(ClubModule).FullName]);
    }

    [Fact]
    public void ManagePages_AllRequireTheOfficerPolicy()
    {
        var pages = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is { AreaName: "Club" })
            .ToList();
        var manage = pages.Where(e => e.RoutePattern.RawText!.StartsWith("club/manage", StringComparison.OrdinalIgnoreCase)).ToList();

        pages.ShouldNotBeEmpty();
        manage.ShouldNotBeEmpty();
        manage.ShouldAllBe(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == ClubPolicies.Officer), "an officer page open to everyone");
    }
}
