using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Observability;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Observability;

public sealed class BusinessMetricsTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>Counts this app's business events only (other apps of the test process have meters of the same name).</summary>
    private sealed class EventCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _events = new();

        public EventCounter(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == BusinessMetrics.MeterName && instrument.Meter.Scope == factory)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "event")
                    {
                        _events.Enqueue((string)tag.Value!);
                    }
                }
            });
            _listener.Start();
        }

        public int Count(string eventName) => _events.Count(e => e == eventName);

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public async Task PageViews_AreCountedForSuccessfulPageGetsOnly()
    {
        using var counter = new EventCounter(fixture.App.Services.GetRequiredService<IMeterFactory>());
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

        for (var attempt = 0; attempt < 100 && counter.Count(BusinessMetrics.Events.PageView) < 2; attempt++)
        {
            // Counted as the middleware unwinds, a moment after the client has the page.
            await Task.Delay(50, _ct);
        }

        counter.Count(BusinessMetrics.Events.PageView).ShouldBe(2);
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
        using var counter = new EventCounter(fixture.App.Services.GetRequiredService<IMeterFactory>());

        fixture.App.Services.GetRequiredService<BusinessMetrics>().Record("vote");

        counter.Count("vote").ShouldBe(1);
    }
}
