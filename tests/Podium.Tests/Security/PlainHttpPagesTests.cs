using System.Net;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security;

/// <summary>
/// A Production host reached over plain HTTP, as behind a TLS proxy nobody listed in
/// <c>Podium:ForwardedHeaders:KnownProxies</c>: its pages cannot issue form tokens there. The person setting it up gets
/// a page naming the setting, not a 500; programs, probes and the scraper are not pages and carry on.
/// </summary>
public sealed class PlainHttpPagesTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private PlatformTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await PlatformTestHost.StartAsync("Production", new Dictionary<string, string?>(), _ => { }, _ct);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("GET", null)]
    [InlineData("GET", "https")]
    [InlineData("POST", "https")]
    public async Task SignIn_OverPlainHttpWithoutAKnownProxy_Gets400PageNamingTheSetting(string method, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/account/sign-in");
        if (forwardedProto is not null)
        {
            // What a TLS proxy sends; ignored, since no proxy is known.
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "robin@example.org", ["Input.Password"] = "x" });
        }

        var response = await _host.Client.SendAsync(request, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var page = await response.Content.ReadAsStringAsync(_ct);
        page.ShouldContain("This site needs HTTPS");
        page.ShouldContain("Podium:ForwardedHeaders:KnownProxies");
        page.ShouldContain("Podium__ForwardedHeaders__KnownProxies__0");
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/api/v1/platform/info")]
    public async Task ProbesAndTheApi_OverPlainHttp_AreNotPagesAndAnswer(string path)
    {
        (await _host.Client.GetAsync(path, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
