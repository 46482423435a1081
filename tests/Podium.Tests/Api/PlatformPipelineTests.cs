using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Settings;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Api;

/// <summary>
/// The platform's error pipeline, in a Production host on a real Kestrel socket, with endpoints of the kind modules
/// will add: a JSON write, a failing API call and a failing page.
/// </summary>
public sealed class PlatformPipelineTests : IAsyncLifetime
{
    private const string BodyLimit = "4096";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private PlatformTestHost? _host;
    private HttpClient _client = null!;

    public sealed record SettingRequest(string Value);

    public async ValueTask InitializeAsync()
    {
        _host = await PlatformTestHost.StartAsync(
            "Production",
            new Dictionary<string, string?> { ["Podium:Http:MaxRequestBodyBytes"] = BodyLimit },
            app =>
            {
                app.MapPut("/api/v1/test/settings/{key}", async (string key, SettingRequest request, ISettingsStore settings, CancellationToken ct) =>
                {
                    await settings.SetAsync(key, request.Value, ct);
                    return TypedResults.NoContent();
                });
                app.MapGet("/api/v1/test/boom", string () => throw new InvalidOperationException("connection string Password=hunter2"));
                app.MapGet("/test/boom-page", string () => throw new InvalidOperationException("page failed"));
                // A page's form post as Razor Pages reads it (antiforgery aside): the body is read when the form is.
                app.MapPost("/test/form-page", async (HttpContext context) => (await context.Request.ReadFormAsync()).Count.ToString())
                    .DisableAntiforgery();
            },
            _ct);
        _client = _host.Client;
        (await _client.PutAsJsonAsync("/api/v1/test/settings/site.name", new SettingRequest("Original"), _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("{\"value\": ")]
    [InlineData("{value: 'single quotes'}")]
    [InlineData("not json at all")]
    [InlineData("{\"value\": 42}")]
    [InlineData("[]")]
    public async Task JsonWrite_WhenBodyIsMalformed_Returns400ProblemAndKeepsTheData(string body)
    {
        var response = await _client.PutAsync("/api/v1/test/settings/site.name", new StringContent(body, Encoding.UTF8, "application/json"), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("traceId").GetString().ShouldBe(response.Headers.GetValues("X-Trace-Id").Single());
        (await SiteNameAsync()).ShouldBe("Original");
    }

    [Fact]
    public async Task JsonWrite_WhenBodyIsOverTheLimit_Returns413ProblemAndKeepsTheData()
    {
        var body = JsonSerializer.Serialize(new SettingRequest(new string('x', 10_000)));

        var response = await _client.PutAsync("/api/v1/test/settings/site.name", new StringContent(body, Encoding.UTF8, "application/json"), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("status").GetInt32().ShouldBe(413);
        (await SiteNameAsync()).ShouldBe("Original");
    }

    [Fact]
    public async Task JsonWrite_WhenChunkedBodyGrowsOverTheLimit_Returns413()
    {
        // No Content-Length: the limit must hold while reading, not only on the announced size.
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new SettingRequest(new string('y', 10_000))))));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/test/settings/site.name") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await SiteNameAsync()).ShouldBe("Original");
    }

    [Fact]
    public async Task PageForm_WhenTheBodyIsOverTheLimit_ShowsTheFriendly413PageNotANotFound()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["note"] = new string('z', 10_000) });

        var response = await _client.PostAsync("/test/form-page", form, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var html = await response.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("That upload is too large");
        // The sender's mistake, not a server fault: no reference number to report.
        html.ShouldNotContain("quote the reference");
    }

    [Fact]
    public async Task ApiCall_WhenHandlerThrows_Returns500ProblemWithoutInternalDetails()
    {
        var response = await _client.GetAsync("/api/v1/test/boom", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync(_ct);
        body.ShouldNotContain("hunter2");
        body.ShouldNotContain("InvalidOperationException");
        JsonDocument.Parse(body).RootElement.GetProperty("traceId").GetString().ShouldBe(response.Headers.GetValues("X-Trace-Id").Single());
    }

    [Fact]
    public async Task Page_WhenHandlerThrows_ShowsFriendly500PageWithReference()
    {
        var response = await _client.GetAsync("/test/boom-page", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("Something went wrong on our side");
        html.ShouldContain(response.Headers.GetValues("X-Trace-Id").Single());
        html.ShouldNotContain("page failed");
    }

    [Fact]
    public async Task JsonWrite_WhenValueIsValid_IsStored()
    {
        (await _client.PutAsJsonAsync("/api/v1/test/settings/site.tagline", new SettingRequest("Bass club of Austin"), _ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var info = await _client.GetFromJsonAsync<JsonElement>("/api/v1/platform/info", _ct);
        info.GetProperty("tagline").GetString().ShouldBe("Bass club of Austin");
    }

    private async Task<string?> SiteNameAsync()
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISettingsStore>().GetAsync(SettingKeys.SiteName, _ct);
    }
}
