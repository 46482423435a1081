using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;
using Podium.Platform.RateLimiting;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.RateLimiting;

public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Api_OverTheAnonymousLimit_Gets429ProblemDetailsWithRetryAfterAndRateLimitHeaders()
    {
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithSetting("Podium:RateLimits:Anonymous:PermitLimit", "3");
        var client = app.CreateClient();

        for (var remaining = 2; remaining >= 0; remaining--)
        {
            var allowed = await client.GetAsync("/api/v1/platform/info", Ct);
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
            Header(allowed, "RateLimit-Limit").ShouldBe(3);
            Header(allowed, "RateLimit-Remaining").ShouldBe(remaining);
            Header(allowed, "RateLimit-Reset").ShouldBeInRange(1, 60);
        }

        using var rejections = new MetricRecorder(app.Services, "Podium.RateLimiting");
        var refused = await client.GetAsync("/api/v1/platform/info", Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        Header(refused, "Retry-After").ShouldBeInRange(1, 60);
        Header(refused, "RateLimit-Remaining").ShouldBe(0);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("\"status\":429");
        rejections.Sum("podium.rate_limit.rejections", ("policy", "anonymous")).ShouldBe(1);
    }

    [Fact]
    public async Task HealthAndStaticAssets_WhenTheLimitIsSpent_AreStillServed()
    {
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithSetting("Podium:RateLimits:Anonymous:PermitLimit", "1");
        var client = app.CreateClient();
        var home = await client.GetStringAsync("/", Ct);
        var stylesheet = System.Text.RegularExpressions.Regex.Match(home, "href=\"(?<href>/css/[^\"]+\\.css)\"").Groups["href"].Value;
        stylesheet.ShouldNotBeEmpty();

        (await client.GetAsync("/", Ct)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/health/live", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.GetAsync(stylesheet, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task SignedInPeople_AreLimitedPerUser_NotPerAddress()
    {
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithSetting("Podium:RateLimits:Anonymous:PermitLimit", "5")
            .WithSetting("Podium:RateLimits:User:PermitLimit", "3");
        await TestUsers.CreateAsync(app, "ada@example.org", "Ada");
        await TestUsers.CreateAsync(app, "bo@example.org", "Bo");
        var ada = new FormSession(app);
        var bo = new FormSession(app);
        // Each sign-in is two anonymous requests from 127.0.0.1 (the form, then the post): four of five.
        (await ada.SignInAsync("ada@example.org", TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await bo.SignInAsync("bo@example.org", TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        for (var i = 0; i < 3; i++)
        {
            (await ada.Client.GetAsync("/account/manage", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await ada.Client.GetAsync("/account/manage", Ct)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        // Same address, another person: a whole allowance of their own.
        for (var i = 0; i < 3; i++)
        {
            (await bo.Client.GetAsync("/account/manage", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var anonymous = app.CreateClient();
        (await anonymous.GetAsync("/account/sign-in", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/account/sign-in", Ct)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Limits_WhenDisabled_AreNotApplied()
    {
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithSetting("Podium:RateLimits:Enabled", "false")
            .WithSetting("Podium:RateLimits:Anonymous:PermitLimit", "1");
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var response = await client.GetAsync("/api/v1/platform/info", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.Contains("RateLimit-Limit").ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData("0", "60")]
    [InlineData("10", "0")]
    [InlineData("10", "100000")]
    public void Options_WithAnInvalidPolicy_AreRefusedNamingTheSetting(string permits, string window)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Podium:RateLimits:User:PermitLimit"] = permits,
            ["Podium:RateLimits:User:WindowSeconds"] = window,
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPodiumRateLimiting().BuildServiceProvider();

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<RateLimitOptions>>().Value);

        failure.Message.ShouldContain("Podium:RateLimits 'user'");
    }
}
