using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Podium.Platform.Observability;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Api;

public sealed class ProblemDetailsTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/does-not-exist")]
    [InlineData("/api/v1/platform/nothing-here")]
    [InlineData("/api")]
    public async Task UnknownApiRoute_Returns404ProblemDetailsWithTheHeadersTraceId(string path)
    {
        var response = await fixture.CreateClient().GetAsync(path, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        problem.GetProperty("status").GetInt32().ShouldBe(404);
        problem.GetProperty("title").GetString().ShouldBe("Not Found");
        var traceId = problem.GetProperty("traceId").GetString();
        traceId.ShouldNotBeNull().ShouldMatch("^[0-9a-f]{32}$");
        response.Headers.GetValues(TraceIds.HeaderName).Single().ShouldBe(traceId);
    }

    [Fact]
    public async Task ApiRoute_WhenMethodIsNotAllowed_Returns405ProblemDetails()
    {
        var response = await fixture.CreateClient().DeleteAsync("/api/v1/platform/info", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task UnknownPage_ReturnsFriendly404PageNotProblemDetails()
    {
        var response = await fixture.CreateClient().GetAsync("/no/such/page", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("Page not found");
        html.ShouldContain("href=\"/\"");
        response.Headers.Contains(TraceIds.HeaderName).ShouldBeTrue();
    }

    [Fact]
    public async Task TwoRequests_GetDifferentTraceIds()
    {
        var client = fixture.CreateClient();

        var first = await client.GetAsync("/api/v1/nope", _ct);
        var second = await client.GetAsync("/api/v1/nope", _ct);

        first.Headers.GetValues(TraceIds.HeaderName).Single().ShouldNotBe(second.Headers.GetValues(TraceIds.HeaderName).Single());
    }
}
