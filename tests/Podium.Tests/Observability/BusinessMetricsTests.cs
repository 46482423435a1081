using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Observability;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Observability;

public sealed class BusinessMetricsTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private MetricRecorder Events() => new(fixture.App.Services, BusinessMetrics.MeterName);

    private static double Count(MetricRecorder events, string eventName) => events.Sum(BusinessMetrics.InstrumentName, ("event", eventName));

    [Fact]
    public async Task PageViews_AreCountedForSuccessfulPageGetsOnly()
    {
        using var counter = Events();
        var client = fixture.CreateClient();

        // Not page views: API, health, a static file, an unknown page, a failed form post, an htmx fragment.
        (await client.GetAsync("/api/v1/platform/info", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/live", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/css/site.css", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/no-such-page", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostAsync("/account/sign-in", new FormUrlEncodedContent([]), _ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        using (var fragment = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            fragment.Headers.Add("HX-Request", "true");
            (await client.SendAsync(fragment, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // Page views: a page, and an htmx-boosted navigation to one.
        (await client.GetAsync("/", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var boosted = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in"))
        {
            boosted.Headers.Add("HX-Request", "true");
            boosted.Headers.Add("HX-Boosted", "true");
            (await client.SendAsync(boosted, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        for (var attempt = 0; attempt < 100 && Count(counter, BusinessMetrics.Events.PageView) < 2; attempt++)
        {
            // Counted as the middleware unwinds, a moment after the client has the page.
            await Task.Delay(50, _ct);
        }

        Count(counter, BusinessMetrics.Events.PageView).ShouldBe(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Registration")]
    [InlineData("page view")]
    [InlineData("user:42")]
    [InlineData("9lives")]
    public void Record_WhenTheNameIsNotSnakeCase_Refuses(string eventName)
    {
        var metrics = fixture.App.Services.GetRequiredService<BusinessMetrics>();

        Should.Throw<ArgumentException>(() => metrics.Record(eventName)).ParamName.ShouldBe("eventName");
    }

    [Fact]
    public void Record_CountsTheEventUnderItsName()
    {
        using var counter = Events();

        fixture.App.Services.GetRequiredService<BusinessMetrics>().Record("vote");

        Count(counter, "vote").ShouldBe(1);
    }
}
