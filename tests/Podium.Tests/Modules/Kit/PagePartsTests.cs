using System.Net;
using Microsoft.AspNetCore.Razor.Hosting;
using Podium.Platform.Modules.LocalTime;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Kit;

/// <summary>The page parts every module's pages use are Platform's, found by name from the host and any area.</summary>
public sealed class PagePartsTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public void SharedPageParts_AreCompiledIntoPlatform()
    {
        var views = new RazorCompiledItemLoader().LoadItems(typeof(LocalZone).Assembly).Select(i => i.Identifier).ToList();

        views.ShouldContain("/Pages/Shared/_Layout.cshtml");
        views.ShouldContain("/Pages/Shared/_Pager.cshtml");
        views.ShouldContain("/Pages/Shared/_CountdownScript.cshtml");
    }

    [Fact]
    public async Task CountdownScript_IsServedFromPlatformAndReadsTheCountdownAttribute()
    {
        var response = await fixture.CreateClient().GetAsync("/_content/Podium.Platform/js/countdown.js", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("[data-countdown]");
    }
}
