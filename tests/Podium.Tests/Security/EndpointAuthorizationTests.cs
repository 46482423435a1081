using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Platform.Identity;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security;

public sealed class EndpointAuthorizationTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public void EveryApiEndpointOfTheApp_SaysWhoMayCallIt()
    {
        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>();

        endpoints.Endpoints.OfType<RouteEndpoint>().ShouldContain(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal));
        EndpointAuthorization.Undecided(endpoints).ShouldBeEmpty();
    }

    [Fact]
    public async Task Inventory_NamesAnApiEndpointWithoutADecision()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddAuthorization();
        builder.Services.AddRouting();
        await using var app = builder.Build();
        app.MapGet("/api/v1/forgotten", () => "who may see this?");
        app.MapGet("/api/v1/public", () => "anyone").AllowAnonymous();
        app.MapGet("/api/v1/admins", () => "admins").RequireAuthorization(Policies.Admin);
        app.MapGroup("/api/v1/club").RequireAuthorization().MapPost("/results", () => "officers");
        app.MapGet("/not-api", () => "a page");

        var undecided = EndpointAuthorization.Undecided(new CompositeEndpointDataSource(((IEndpointRouteBuilder)app).DataSources));

        undecided.ShouldBe(["GET /api/v1/forgotten"]);
    }

    [Fact]
    public async Task Inventory_OfTheRealPlatform_NamesAModulesEndpointWithoutADecision_AndTakesScopesAsOne()
    {
        await using var host = await PlatformTestHost.StartAsync("Testing", new Dictionary<string, string?>(), app =>
        {
            var club = app.MapGroup("/api/v1/club");
            club.MapGet("/standings", () => "read").RequireScope(ClubScopes.Read);
            club.MapPost("/results", () => "written").RequireScope(ClubScopes.ResultsWrite);
            app.MapGroup("/api/v1/pools").MapGet("/mine", () => "whose?");
        }, TestContext.Current.CancellationToken);

        var undecided = EndpointAuthorization.Undecided(host.Services.GetRequiredService<EndpointDataSource>());

        undecided.ShouldBe(["GET /api/v1/pools/mine"]);
        (await host.Client.GetAsync("/api/v1/club/standings", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }
}
