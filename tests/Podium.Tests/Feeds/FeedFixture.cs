using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Platform.Jobs;
using Podium.Tests.Infrastructure;
using Serilog.Core;

namespace Podium.Tests.Feeds;

/// <summary>
/// The app with test-only sources, each pointed at its own part of one <see cref="FeedStub"/>, tuned for quick tests
/// (sub-second timeouts, millisecond backoff); every log line it writes is collected. The circuit of a source outlives
/// a test, so a test that opens one has a source of its own.
/// </summary>
public abstract class FeedFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public const string Scores = "test.scores";
    public const string Backup = "test.backup";
    public const string Retries = "test.retries";
    public const string Timeouts = "test.timeouts";
    public const string Breaker = "test.breaker";
    public const string KeyedQuery = "test.keyed-query";
    public const string KeyedHeader = "test.keyed-header";
    public const string Disabled = "test.disabled";
    public const string Sample = "test.sample";
    public const string Keyless = "test.keyless";
    public const string UpdateJob = "test-feed-update";

    /// <summary>The configured keys; a test searching logs for them must find nothing.</summary>
    public const string QueryKey = "qk-7f3a9c1e55d04b2b";
    public const string HeaderKey = "hk-0b8e2d6f41aa4c93";

    public FeedStub Stub { get; private set; } = null!;

    public CollectingSink Log { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        Stub = await FeedStub.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stub.DisposeAsync();
    }

    public static string Prefix(string source) => source.Replace('.', '-');

    protected override void Configure(PodiumAppFactory app)
    {
        app.WithSetting("Serilog:MinimumLevel:Default", "Verbose")
            .WithServices(services =>
            {
                services.AddSingleton<ILogEventSink>(Log);
                services.AddSingleton<Podium.Tests.Jobs.JobScript>();
                services.AddPodiumJob<Podium.Tests.Jobs.ScriptedJob>(UpdateJob, Podium.Tests.Jobs.JobTestSupport.Never, "Test feed update");
                services.AddFeedSource(new FeedSourceDefinition(Scores, "Test scores", new Uri(Stub.For(Prefix(Scores)))) { UpdateJobKey = UpdateJob });
                services.AddFeedSource(new FeedSourceDefinition(Backup, "Test scores (backup)", new Uri(Stub.For(Prefix(Backup)))));
                services.AddFeedSource(new FeedSourceDefinition(Retries, "Test retries", new Uri(Stub.For(Prefix(Retries)))));
                services.AddFeedSource(new FeedSourceDefinition(Timeouts, "Test timeouts", new Uri(Stub.For(Prefix(Timeouts)))));
                services.AddFeedSource(new FeedSourceDefinition(Breaker, "Test breaker", new Uri(Stub.For(Prefix(Breaker)))));
                services.AddFeedSource(new FeedSourceDefinition(KeyedQuery, "Test keyed (query)", new Uri(Stub.For(Prefix(KeyedQuery))), requiresApiKey: true) { ApiKeyQueryParameter = "apikey" });
                services.AddFeedSource(new FeedSourceDefinition(KeyedHeader, "Test keyed (header)", new Uri(Stub.For(Prefix(KeyedHeader))), requiresApiKey: true) { ApiKeyHeader = "X-Test-Key" });
                services.AddFeedSource(new FeedSourceDefinition(Disabled, "Test disabled", new Uri(Stub.For(Prefix(Disabled)))));
                services.AddFeedSource(new FeedSourceDefinition(Keyless, "Test keyless", new Uri(Stub.For(Prefix(Keyless))), requiresApiKey: true));
                services.AddFeedSource(new FeedSourceDefinition(Sample, "Test sample data", defaultBaseUrl: null) { IsSample = true });

                // The chain: a disabled source first (skipped), then primary and backup.
                services.AddFeedProvider<TestScoresRequest, TestScores, DisabledScoresProvider>();
                services.AddFeedProvider<TestScoresRequest, TestScores, PrimaryScoresProvider>();
                services.AddFeedProvider<TestScoresRequest, TestScores, BackupScoresProvider>();
            });
        foreach (var source in new[] { Scores, Backup, Retries, Timeouts, Breaker, KeyedQuery, KeyedHeader, Disabled, Keyless })
        {
            var at = $"Podium:Feeds:Sources:{source}:";
            // Only the source that tests timeouts has a short one: a first call on a busy machine can take a second.
            app.WithSetting(at + "AttemptTimeoutSeconds", source == Timeouts ? "0.3" : "10")
                .WithSetting(at + "TotalTimeoutSeconds", "30")
                .WithSetting(at + "RetryDelaySeconds", "0.01")
                .WithSetting(at + "MaxRetryAttempts", "2")
                .WithSetting(at + "SamplingDurationSeconds", "30")
                .WithSetting(at + "MinimumThroughput", source == Breaker ? "3" : "1000")
                .WithSetting(at + "FailureRatio", "0.5")
                .WithSetting(at + "BreakDurationSeconds", "120");
        }

        app.WithSetting($"Podium:Feeds:Sources:{KeyedQuery}:ApiKey", QueryKey)
            .WithSetting($"Podium:Feeds:Sources:{KeyedHeader}:ApiKey", HeaderKey)
            .WithSetting($"Podium:Feeds:Sources:{Disabled}:Enabled", "false")
            .WithSetting("Podium:Feeds:SettingsRefreshSeconds", "0")
            .WithSetting($"Podium:Feeds:Sources:{Scores}:Schedule", string.Create(CultureInfo.InvariantCulture, $"{TimeSpan.FromMinutes(15):c}"));
    }
}

public sealed class SqliteFeedFixture() : FeedFixture(DatabaseProvider.Sqlite);

public sealed class PostgresFeedFixture() : FeedFixture(DatabaseProvider.Postgres);
