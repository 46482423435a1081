using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Api;

public sealed class OpenApiTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_IsOpenApi3DescribingThePlatformApiOnly()
    {
        var response = await fixture.CreateClient().GetAsync("/openapi/v1.json", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        document.GetProperty("openapi").GetString().ShouldStartWith("3.");
        document.GetProperty("info").GetProperty("title").GetString().ShouldBe("Podium API");
        document.GetProperty("info").GetProperty("version").GetString().ShouldBe("v1");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/platform/info");
        // Pages, health probes and the docs themselves are not API operations.
        paths.ShouldAllBe(p => p.StartsWith("/api/v1/", StringComparison.Ordinal));
        var operation = document.GetProperty("paths").GetProperty("/api/v1/platform/info").GetProperty("get");
        operation.GetProperty("operationId").GetString().ShouldBe("GetPlatformInfo");
        operation.GetProperty("responses").TryGetProperty("200", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Docs_RenderTheInteractiveReferenceFromLocalAssets()
    {
        var html = await fixture.CreateClient().GetStringAsync("/docs/", _ct);

        html.ShouldContain("Podium API");
        html.ShouldNotContain("cdn.jsdelivr.net");
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]+src=\"(?<src>[^\"]+)\"").Groups["src"].Value;
        script.ShouldNotBeNullOrEmpty();
        var scriptUrl = new Uri(new Uri(fixture.App.Server.BaseAddress, "/docs/"), script);
        (await fixture.CreateClient().GetAsync(scriptUrl, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PlatformInfo_ReportsNameVersionClockAndModules()
    {
        var info = await fixture.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/platform/info", _ct);

        info.GetProperty("name").GetString().ShouldBe("Podium");
        info.GetProperty("version").GetString().ShouldNotBeNullOrEmpty();
        info.GetProperty("serverTimeUtc").GetDateTime().ShouldBe(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        info.GetProperty("modules").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldBe(["club"]);
    }
}
