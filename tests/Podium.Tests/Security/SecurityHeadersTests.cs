using Microsoft.AspNetCore.Mvc.Testing;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security;

public sealed class SecurityHeadersTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    // A real host name: HSTS is (rightly) never sent to localhost.
    private HttpClient Https() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://podium.example") });

    [Theory]
    [InlineData("/")]
    [InlineData("/account/sign-in")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/platform/info")]
    [InlineData("/api/v1/nothing")]
    [InlineData("/health/ready")]
    public async Task EveryResponse_CarriesTheStrictHeaders(string path)
    {
        var response = await Https().GetAsync(path, _ct);

        var csp = Header(response, "Content-Security-Policy");
        foreach (var directive in new[]
        {
            "default-src 'none'", "img-src 'self' data:", "connect-src 'self'", "font-src 'self'", "form-action 'self'",
            "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
        })
        {
            csp.ShouldContain(directive);
        }

        csp.ShouldMatch(@"script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'");
        csp.ShouldMatch(@"style-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'");
        csp.ShouldNotContain("unsafe-inline");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "Referrer-Policy").ShouldBe("strict-origin-when-cross-origin");
        Header(response, "Cross-Origin-Opener-Policy").ShouldBe("same-origin");
        Header(response, "Cross-Origin-Resource-Policy").ShouldBe("same-origin");
        Header(response, "Permissions-Policy").ShouldContain("camera=()");
        Header(response, "Strict-Transport-Security").ShouldBe("max-age=63072000; includeSubDomains");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task Nonce_IsNewForEveryResponse()
    {
        var first = Header(await Https().GetAsync("/", _ct), "Content-Security-Policy");
        var second = Header(await Https().GetAsync("/", _ct), "Content-Security-Policy");

        first.ShouldNotBe(second);
    }

    [Fact]
    public async Task ApiReference_AloneAllowsInlineScript()
    {
        var csp = Header(await Https().GetAsync("/docs/", _ct), "Content-Security-Policy");

        csp.ShouldContain("script-src 'self' 'unsafe-inline'");
        csp.ShouldContain("frame-ancestors 'none'");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new ShouldAssertException($"{name} is missing from {response.RequestMessage?.RequestUri}");
}
