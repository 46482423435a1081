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
    public async Task Document_DescribesTheProductInTheHostsWords()
    {
        var document = await fixture.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", _ct);

        document.GetProperty("info").GetProperty("description").GetString()
            .ShouldBe("Prediction leagues and club competitions. Errors are RFC 9457 Problem Details carrying a traceId.");
    }

    [Fact]
    public async Task Document_TypesNumbersAsNumbersOnly()
    {
        var document = await fixture.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", _ct);

        var standing = document.GetProperty("components").GetProperty("schemas").GetProperty("StandingDto").GetProperty("properties");
        standing.GetProperty("rank").GetProperty("type").GetString().ShouldBe("integer");
        standing.GetProperty("weightLb").GetProperty("type").GetString().ShouldBe("number");
        standing.GetProperty("rank").TryGetProperty("pattern", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("/api/v1/club/polls/{id}/votes", "post", new[] { "200", "201", "400", "401", "403", "404", "409", "422" })]
    [InlineData("/api/v1/club/polls/{id}", "get", new[] { "200", "401", "403", "404" })]
    [InlineData("/api/v1/club/tournaments/{id}", "get", new[] { "200", "401", "403", "404" })]
    [InlineData("/api/v1/club/tournaments/{id}/results", "get", new[] { "200", "401", "403", "404" })]
    [InlineData("/api/v1/club/tournaments/{id}/results/{anglerId}", "put", new[] { "200", "400", "401", "403", "404", "409", "422" })]
    [InlineData("/api/v1/club/tournaments/{id}/results/{anglerId}", "delete", new[] { "204", "400", "401", "403", "404" })]
    public async Task Document_ListsTheProblemsAClubOperationCanAnswer(string path, string method, string[] statuses)
    {
        var document = await fixture.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", _ct);

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        responses.EnumerateObject().Select(r => r.Name).Order().ShouldBe(statuses.Order());
        foreach (var status in statuses.Where(s => s[0] is '4'))
        {
            responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue(status);
        }
    }

    [Fact]
    public async Task Document_ListsTheIdempotencyKeyHeader_OnTheWritesThatTakeItOnly()
    {
        var document = await fixture.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", _ct);
        var paths = document.GetProperty("paths");

        static JsonElement? Header(JsonElement operation) =>
            operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(p => p!.Value.GetProperty("name").GetString() == "Idempotency-Key")
                : null;

        foreach (var (path, method) in new[] { ("/api/v1/club/tournaments/{id}/results/{anglerId}", "put"), ("/api/v1/club/polls/{id}/votes", "post") })
        {
            var header = Header(paths.GetProperty(path).GetProperty(method)).ShouldNotBeNull(path);
            header.GetProperty("in").GetString().ShouldBe("header");
            (header.TryGetProperty("required", out var required) && required.GetBoolean()).ShouldBeFalse();
            header.GetProperty("description").GetString()!.ShouldContain("24 h");
        }

        Header(paths.GetProperty("/api/v1/club/tournaments/{id}/results/{anglerId}").GetProperty("delete")).ShouldBeNull();
    }

    [Fact]
    public async Task Document_DescribesBearerAndApiKeyAuthentication_AndTheScopeEachOperationNeeds()
    {
        var document = await fixture.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", _ct);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("bearer").GetProperty("type").GetString().ShouldBe("http");
        schemes.GetProperty("bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        schemes.GetProperty("apiKey").GetProperty("type").GetString().ShouldBe("apiKey");
        schemes.GetProperty("apiKey").GetProperty("in").GetString().ShouldBe("header");
        schemes.GetProperty("apiKey").GetProperty("name").GetString().ShouldBe("X-Api-Key");
        var vote = document.GetProperty("paths").GetProperty("/api/v1/club/polls/{id}/votes").GetProperty("post").GetProperty("security");
        vote.EnumerateArray().Select(Requirement).ShouldBe(["bearer:club:polls:vote", "apiKey:club:polls:vote"]);
        // Readable without a credential too: an empty requirement says so.
        var read = document.GetProperty("paths").GetProperty("/api/v1/club/polls/{id}").GetProperty("get").GetProperty("security");
        read.EnumerateArray().Select(Requirement).ShouldBe(["bearer:club:read", "apiKey:club:read", ""]);

        static string Requirement(JsonElement requirement) =>
            string.Join(",", requirement.EnumerateObject().Select(s => $"{s.Name}:{string.Join(' ', s.Value.EnumerateArray().Select(v => v.GetString()))}"));
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
        info.GetProperty("modules").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldBe(["club", "fights", "pools", "forecast"]);
    }
}
