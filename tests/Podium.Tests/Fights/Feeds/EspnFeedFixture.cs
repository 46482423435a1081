using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Podium.Platform.Data;
using Podium.Tests.Feeds;
using Podium.Tests.Infrastructure;
using Podium.Tests.Jobs;

namespace Podium.Tests.Fights.Feeds;

/// <summary>What the ESPN stub answers now: a scoreboard, a summary per event, or whatever <see cref="Override"/> does.</summary>
public sealed class EspnScript
{
    public volatile string Scoreboard = EspnJson.Scoreboard();

    public ConcurrentDictionary<string, string> Summaries { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers every call instead (500s, hangs, malformed bodies); null for the scripted data.</summary>
    public volatile Func<HttpContext, Task>? Override;

    /// <summary>When set, summaries answer with this status and no body.</summary>
    public int? SummaryStatus { get; set; }

    public void Serve(params EspnEvent[] events)
    {
        Override = null;
        SummaryStatus = null;
        Summaries.Clear();
        Scoreboard = EspnJson.Scoreboard(events);
        foreach (var e in events)
        {
            Summaries[e.Id] = EspnJson.Summary(e);
        }
    }

    internal async Task AnswerAsync(HttpContext context)
    {
        if (Override is { } answer)
        {
            await answer(context);
            return;
        }

        var path = context.Request.Path.Value ?? "";
        context.Response.ContentType = "application/json";
        if (path.EndsWith("/scoreboard", StringComparison.Ordinal))
        {
            await context.Response.WriteAsync(Scoreboard);
        }
        else if (path.EndsWith("/summary", StringComparison.Ordinal))
        {
            if (SummaryStatus is { } status)
            {
                context.Response.StatusCode = status;
                return;
            }

            if (Summaries.TryGetValue(context.Request.Query["event"].ToString(), out var summary))
            {
                await context.Response.WriteAsync(summary);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }
}

/// <summary>
/// The app importing from ESPN (<c>Podium:Fights:Feed=espn</c>) at a loopback stub that answers in ESPN's shapes; the
/// feed jobs never fire by themselves (tests run them), retries wait milliseconds, and the circuit stays shut unless a
/// fixture asks otherwise (it outlives a test).
/// </summary>
public abstract class EspnFeedFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public const string Source = "espn";
    public const string Prefix = "espn";

    public FeedStub Stub { get; private set; } = null!;

    public EspnScript Espn { get; } = new();

    protected virtual int MinimumThroughput => 100_000;

    public Mailbox Mail => new(App.MailDirectory);

    public override async ValueTask InitializeAsync()
    {
        Stub = await FeedStub.StartAsync();
        Stub.Answer(Prefix, Espn.AnswerAsync);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stub.DisposeAsync();
    }

    protected override void Configure(PodiumAppFactory app)
    {
        var at = $"Podium:Feeds:Sources:{Source}:";
        app.WithSetting("Podium:Fights:Feed", "espn")
            .WithSetting(at + "BaseUrl", Stub.For(Prefix))
            .WithSetting(at + "AttemptTimeoutSeconds", "3")
            .WithSetting(at + "TotalTimeoutSeconds", "30")
            .WithSetting(at + "RetryDelaySeconds", "0.01")
            .WithSetting(at + "MaxRetryAttempts", "2")
            .WithSetting(at + "SamplingDurationSeconds", "60")
            .WithSetting(at + "MinimumThroughput", MinimumThroughput.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting(at + "FailureRatio", "0.5")
            .WithSetting(at + "BreakDurationSeconds", "120")
            .WithSetting("Podium:Feeds:SettingsRefreshSeconds", "0")
            .WithSetting("Podium:Jobs:Schedules:fights-feed-upcoming", JobTestSupport.Never.ToString())
            .WithSetting("Podium:Jobs:Schedules:fights-feed-results", JobTestSupport.Never.ToString());
    }
}

public sealed class SqliteEspnFeedFixture() : EspnFeedFixture(DatabaseProvider.Sqlite);

public sealed class PostgresEspnFeedFixture() : EspnFeedFixture(DatabaseProvider.Postgres);

/// <summary>A circuit that opens after three calls: its own app, so no other test meets the open circuit.</summary>
public sealed class BreakerEspnFeedFixture() : EspnFeedFixture(DatabaseProvider.Sqlite)
{
    protected override int MinimumThroughput => 3;
}
