using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Feeds;
using Podium.Tests.Infrastructure;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Podium.Tests.Feeds;

/// <summary>A source's client against the stub: retries, timeouts, the circuit, the key added and never logged.</summary>
public sealed class FeedHttpTests(SqliteFeedFixture fixture) : IClassFixture<SqliteFeedFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<HttpClient> ClientAsync(string source) =>
        await fixture.App.Services.GetRequiredService<IFeedClients>().CreateAsync(source, _ct);

    [Fact]
    public async Task Call_WhenTheSourceFailsTwiceThenAnswers_IsRetriedAndSucceeds_AndEveryAttemptIsCounted()
    {
        var prefix = FeedFixture.Prefix(FeedFixture.Retries);
        var attempts = 0;
        fixture.Stub.Answer(prefix, async context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref attempts) <= 2 ? 500 : 200;
            await context.Response.WriteAsync("{\"ok\":true}", _ct);
        });
        using var metrics = new MetricRecorder(fixture.App.Services, FeedMetrics.MeterName);
        var client = await ClientAsync(FeedFixture.Retries);

        var response = await client.GetAsync("scores?day=1", _ct);

        var seen = string.Join("; ", metrics.Measurements.Select(m => $"{m.Instrument} {m.Value} {string.Join(",", m.Tags)}"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{attempts} attempts; {seen}");
        fixture.Stub.Calls(prefix).Count.ShouldBe(3);
        fixture.Stub.Calls(prefix).ShouldAllBe(c => c.Path == $"/{prefix}/scores" && c.Query == "?day=1");
        metrics.Sum("podium.feeds.requests", ("source", FeedFixture.Retries), ("status", "500")).ShouldBe(2, string.Join("; ", metrics.Measurements.Select(m => $"{m.Instrument} {m.Value} {string.Join(",", m.Tags)}")));
        metrics.Sum("podium.feeds.requests", ("source", FeedFixture.Retries), ("status", "200")).ShouldBe(1);
        metrics.Measurements.Count(m => m.Instrument == "podium.feeds.request.duration").ShouldBe(3);
    }

    [Fact]
    public async Task Call_WhenTheSourceHangs_TimesOutEachAttemptAndGivesUp()
    {
        var prefix = FeedFixture.Prefix(FeedFixture.Timeouts);
        fixture.Stub.Hang(prefix, TimeSpan.FromSeconds(30));
        using var metrics = new MetricRecorder(fixture.App.Services, FeedMetrics.MeterName);
        var client = await ClientAsync(FeedFixture.Timeouts);

        await Should.ThrowAsync<TimeoutRejectedException>(() => client.GetAsync("scores", _ct));

        // The first attempt and two retries, each cut at the attempt timeout.
        fixture.Stub.Calls(prefix).Count.ShouldBe(3);
        metrics.Sum("podium.feeds.requests", ("source", FeedFixture.Timeouts), ("status", "timeout")).ShouldBe(3);
    }

    [Fact]
    public async Task Calls_WhenTheSourceKeepsFailing_OpenTheCircuit_AndNoCallReachesTheSourceWhileItIsOpen()
    {
        var prefix = FeedFixture.Prefix(FeedFixture.Breaker);
        fixture.Stub.AnswerStatus(prefix, HttpStatusCode.InternalServerError);
        var client = await ClientAsync(FeedFixture.Breaker);

        var opened = false;
        for (var i = 0; i < 10 && !opened; i++)
        {
            try
            {
                (await client.GetAsync("scores", _ct)).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            }
            catch (BrokenCircuitException)
            {
                opened = true;
            }
        }

        opened.ShouldBeTrue("the circuit never opened");
        var reached = fixture.Stub.Calls(prefix).Count;
        reached.ShouldBeGreaterThanOrEqualTo(3);
        for (var i = 0; i < 5; i++)
        {
            await Should.ThrowAsync<BrokenCircuitException>(() => client.GetAsync("scores", _ct));
        }

        fixture.Stub.Calls(prefix).Count.ShouldBe(reached);
    }

    [Fact]
    public async Task ApiKey_IsSentInTheQueryOrHeaderItsSourceNames_AndNeverAppearsInLogsOrMetricTags()
    {
        var queryPrefix = FeedFixture.Prefix(FeedFixture.KeyedQuery);
        var headerPrefix = FeedFixture.Prefix(FeedFixture.KeyedHeader);
        var attempts = 0;
        // A failure first, so the retry and failure paths log too.
        fixture.Stub.Answer(queryPrefix, context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref attempts) == 1 ? 503 : 200;
            return Task.CompletedTask;
        });
        fixture.Stub.AnswerStatus(headerPrefix, HttpStatusCode.OK);
        using var metrics = new MetricRecorder(fixture.App.Services, FeedMetrics.MeterName);

        (await (await ClientAsync(FeedFixture.KeyedQuery)).GetAsync("prices?coin=btc", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await ClientAsync(FeedFixture.KeyedHeader)).GetAsync("prices", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var query = fixture.Stub.Calls(queryPrefix);
        query.Count.ShouldBe(2);
        // Retried with the key once, not appended a second time.
        query.ShouldAllBe(c => c.Query == $"?coin=btc&apikey={FeedFixture.QueryKey}");
        fixture.Stub.Calls(headerPrefix).Single().Headers["X-Test-Key"].ShouldBe(FeedFixture.HeaderKey);

        var lines = fixture.Log.Events.ToList();
        lines.ShouldContain(e => e.RenderMessage(null).Contains(FeedFixture.KeyedQuery) && e.RenderMessage(null).Contains("503"));
        foreach (var line in lines)
        {
            var text = line.RenderMessage(null) + string.Join(" ", line.Properties.Select(p => $"{p.Key}={p.Value}")) + line.Exception;
            text.ShouldNotContain(FeedFixture.QueryKey);
            text.ShouldNotContain(FeedFixture.HeaderKey);
            text.ShouldNotContain("apikey=");
        }

        metrics.Measurements.ShouldNotBeEmpty();
        metrics.Measurements.SelectMany(m => m.Tags.Values).Select(v => $"{v}").ShouldAllBe(v => !v.Contains(FeedFixture.QueryKey) && !v.Contains(FeedFixture.HeaderKey));
    }
}

public sealed class FeedOptionsTests
{
    [Fact]
    public async Task Start_WhenASourceSettingIsWrong_FailsNamingTheKeyOfEach()
    {
        var refused = await Should.ThrowAsync<Exception>(() => PlatformTestHost.StartAsync(
            "Development",
            new Dictionary<string, string?>
            {
                ["Podium:Feeds:Sources:test.scores:BaseUrl"] = "ftp://scores.test/",
                ["Podium:Feeds:Sources:test.scores:Schedule"] = "often",
                ["Podium:Feeds:Sources:test.scores:AttemptTimeoutSeconds"] = "20",
                ["Podium:Feeds:Sources:test.nowhere:Enabled"] = "true",
            },
            _ => { },
            TestContext.Current.CancellationToken,
            services: services => services.AddFeedSource(new FeedSourceDefinition("test.scores", "Test scores", new Uri("https://scores.test/")))));

        var text = string.Join("\n", Podium.Platform.PlatformExtensions.InvalidSettings(refused));
        text.ShouldContain("Podium:Feeds:Sources:test.scores:BaseUrl 'ftp://scores.test/' is not an absolute http(s) URL");
        text.ShouldContain("Podium:Feeds:Sources:test.scores:Schedule 'often'");
        text.ShouldContain("Podium:Feeds:Sources:test.scores:SamplingDurationSeconds must be at least twice AttemptTimeoutSeconds");
        // The app's own modules may register sources too (Fights' sample feed in Development): the test's is among them.
        text.ShouldMatch(@"Podium:Feeds:Sources:test\.nowhere names no registered feed source \(registered: [^)]*\btest\.scores\b[^)]*\)");
    }

    [Theory]
    [InlineData("Scores")]
    [InlineData("scores..x!")]
    [InlineData("")]
    public void Definition_WithAKeyThatIsNotLowerCaseDotted_IsRefused(string key) =>
        Should.Throw<ArgumentException>(() => new FeedSourceDefinition(key, "x", null));
}
