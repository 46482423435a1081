using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Platform.Jobs;

namespace Podium.Tests.Feeds;

/// <summary>The fallback chain, last good data, feed runs and stored settings, on each database.</summary>
public abstract class FeedDataTests(FeedFixture fixture)
{
    private const string Good = """{"games":[{"home":"Hawks","away":"Owls","homeScore":21,"awayScore":17}]}""";
    private const string Other = """{"games":[{"home":"Bears","away":"Wolves","homeScore":3,"awayScore":0}]}""";
    private const string Partial = """{"games":[{"home":"Hawks","homeScore":21}]}""";
    private const string Malformed = """{"games":[{"home":"Hawks",""";

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static string Primary => FeedFixture.Prefix(FeedFixture.Scores);

    private static string Backup => FeedFixture.Prefix(FeedFixture.Backup);

    private IFeedChain<TestScoresRequest, TestScores> Chain => fixture.App.Services.GetRequiredService<IFeedChain<TestScoresRequest, TestScores>>();

    private IFeedRuns Runs => fixture.App.Services.GetRequiredService<IFeedRuns>();

    private static string NewDay() => $"day-{Guid.NewGuid():N}";

    [Fact]
    public async Task Chain_WhenThePrimaryAnswers_ServesItAsReal_AndSkipsTheDisabledSourceWithoutCallingIt()
    {
        fixture.Stub.AnswerJson(Primary, Good);
        fixture.Stub.AnswerJson(Backup, Other);
        fixture.Stub.AnswerJson(FeedFixture.Prefix(FeedFixture.Disabled), Other);
        var day = NewDay();

        var result = await Chain.FetchAsync(new TestScoresRequest(day), _ct);

        result.Provenance.ShouldBe(FeedProvenance.Real);
        result.SourceKey.ShouldBe(FeedFixture.Scores);
        result.Data!.Games.ShouldBe([new TestGame("Hawks", "Owls", 21, 17)]);
        result.Failures.ShouldBe([new FeedAttempt(FeedFixture.Disabled, Skipped: true, "disabled")]);
        fixture.Stub.Calls(FeedFixture.Prefix(FeedFixture.Disabled)).ShouldBeEmpty();
        fixture.Stub.Calls(Backup).ShouldBeEmpty();
        fixture.Stub.Calls(Primary).ShouldHaveSingleItem().Query.ShouldBe($"?day={day}");
    }

    [Fact]
    public async Task Chain_WhenThePrimaryAnswers500AfterRetries_FallsBackToTheSecondary()
    {
        fixture.Stub.AnswerStatus(Primary, HttpStatusCode.InternalServerError);
        fixture.Stub.AnswerJson(Backup, Other);

        var result = await Chain.FetchAsync(new TestScoresRequest(NewDay()), _ct);

        result.SourceKey.ShouldBe(FeedFixture.Backup);
        result.Provenance.ShouldBe(FeedProvenance.Real);
        result.Data!.Games.Single().Home.ShouldBe("Bears");
        // The first attempt and both retries reached the primary before the chain moved on.
        fixture.Stub.Calls(Primary).Count.ShouldBe(3);
        result.Failures.Select(f => (f.SourceKey, f.Skipped)).ShouldBe([(FeedFixture.Disabled, true), (FeedFixture.Scores, false)]);
        result.Failures[1].Reason.ShouldContain("500");
    }

    [Fact]
    public async Task Chain_WhenEverySourceFails_ServesTheLastGoodDataLabelledCached_WithWhenAndFromWhere()
    {
        var day = NewDay();
        fixture.Stub.AnswerJson(Primary, Good);
        var first = await Chain.FetchAsync(new TestScoresRequest(day), _ct);
        fixture.Stub.AnswerJson(Primary, Malformed);
        fixture.Stub.AnswerJson(Backup, Partial);

        var result = await Chain.FetchAsync(new TestScoresRequest(day), _ct);

        result.Provenance.ShouldBe(FeedProvenance.Cached);
        result.SourceKey.ShouldBe(FeedFixture.Scores);
        result.FetchedAtUtc.ShouldBe(first.FetchedAtUtc);
        result.Data.ShouldBe(first.Data, new TestScoresComparer());
        result.Failures.Where(f => !f.Skipped).Select(f => f.SourceKey).ShouldBe([FeedFixture.Scores, FeedFixture.Backup]);
        result.Failures.Single(f => f.SourceKey == FeedFixture.Backup).Reason.ShouldContain("misses its teams");
        await using var scope = fixture.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<FeedSnapshot>().AsNoTracking()
            .SingleAsync(s => s.Kind == "test-scores" && s.RequestKey == day, _ct);
        stored.Provenance.ShouldBe(FeedProvenance.Real);
        stored.Payload.ShouldContain("Hawks");
    }

    [Fact]
    public async Task Chain_WhenEverySourceFailsAndNothingWasEverFetched_HasNoData()
    {
        fixture.Stub.AnswerJson(Primary, Malformed);
        fixture.Stub.AnswerStatus(Backup, HttpStatusCode.BadGateway);

        var result = await Chain.FetchAsync(new TestScoresRequest(NewDay()), _ct);

        result.HasData.ShouldBeFalse();
        result.Data.ShouldBeNull();
        result.Failures.Count(f => !f.Skipped).ShouldBe(2);
    }

    [Fact]
    public async Task Run_WhenTheImportSucceeds_RecordsItsCountsAndProvenance()
    {
        var run = await Runs.RunAsync(FeedFixture.Sample, (progress, _) =>
        {
            progress.Read = 12;
            progress.Inserted = 7;
            progress.Updated = 3;
            progress.Rejected = 2;
            progress.Provenance = FeedProvenance.Sample;
            return Task.CompletedTask;
        }, _ct);

        var row = await RunRowAsync(run.Id);
        row.Outcome.ShouldBe(FeedRunOutcome.Succeeded);
        (row.RecordsRead, row.RecordsInserted, row.RecordsUpdated, row.RecordsRejected).ShouldBe((12, 7, 3, 2));
        row.Provenance.ShouldBe(FeedProvenance.Sample);
        row.FinishedAt.ShouldNotBeNull();
        row.DurationMilliseconds.ShouldNotBeNull();
        row.Error.ShouldBeNull();
    }

    [Fact]
    public async Task Run_WhenTheImportThrows_IsRecordedFailedWithTheCountsSoFarAndTheError_WithoutAKeyFromTheUrl()
    {
        long id = 0;
        var thrown = await Should.ThrowAsync<HttpRequestException>(() => Runs.RunAsync(FeedFixture.Sample, (progress, _) =>
        {
            id = progress.Id;
            progress.Read = 5;
            progress.Inserted = 4;
            throw new HttpRequestException("GET https://feed.test/v1/scores?apikey=leaky-secret failed");
        }, _ct));

        var row = await RunRowAsync(id);
        row.Outcome.ShouldBe(FeedRunOutcome.Failed);
        (row.RecordsRead, row.RecordsInserted).ShouldBe((5, 4));
        row.Error.ShouldNotBeNull().ShouldContain("HttpRequestException");
        row.Error.ShouldContain("https://feed.test/v1/scores");
        row.Error.ShouldNotContain("leaky-secret");
        thrown.Message.ShouldContain("failed");
    }

    [Fact]
    public async Task Run_StartedAndNeverEnded_StaysRunning_AndAnEndedOneIsNotEndedTwice()
    {
        var run = await Runs.StartAsync(FeedFixture.Sample, _ct);
        (await RunRowAsync(run.Id)).Outcome.ShouldBe(FeedRunOutcome.Running);

        run.Read = 1;
        await Runs.CompleteAsync(run, _ct);
        await Runs.FailAsync(run, new InvalidOperationException("late"), _ct);

        var row = await RunRowAsync(run.Id);
        row.Outcome.ShouldBe(FeedRunOutcome.Succeeded);
        row.RecordsRead.ShouldBe(1);
    }

    [Fact]
    public async Task IsDue_FollowsTheScheduleAndAnUpdateRequest()
    {
        // test.scores is configured to every 15 minutes; only this test runs imports of it.
        var admin = Guid.NewGuid();
        await Runs.RunAsync(FeedFixture.Scores, (_, _) => Task.CompletedTask, _ct);
        (await Runs.IsDueAsync(FeedFixture.Scores, _ct)).ShouldBeFalse();

        await using (var scope = fixture.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<FeedSettingsStore>().RequestUpdateAsync(admin, FeedFixture.Scores, _ct)).ShouldNotBeNull();
        }

        (await Runs.IsDueAsync(FeedFixture.Scores, _ct)).ShouldBeTrue();
        (await Runs.IsDueAsync(FeedFixture.Disabled, _ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task RetentionRule_DeletesRunsOlderThanTheRetention_AndKeepsTheRest()
    {
        var now = DateTime.UtcNow;
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var source = "test.keyless";
        db.AddRange(
            new FeedRun { SourceKey = source, StartedAt = now.AddDays(-91), Outcome = FeedRunOutcome.Succeeded, Error = "old" },
            new FeedRun { SourceKey = source, StartedAt = now.AddDays(-89), Outcome = FeedRunOutcome.Succeeded, Error = "kept" });
        await db.SaveChangesAsync(_ct);
        var rule = scope.ServiceProvider.GetServices<IRetentionRule>().OfType<FeedRunsRetentionRule>().Single();

        (await rule.DeleteExpiredBatchAsync(now, 100, _ct)).ShouldBeGreaterThanOrEqualTo(1);

        (await db.Set<FeedRun>().AsNoTracking().Where(r => r.SourceKey == source).Select(r => r.Error).ToListAsync(_ct)).ShouldBe(["kept"]);
    }

    [Fact]
    public async Task Settings_StoreTheApiKeyEncrypted_UseItForCalls_AndClearIt()
    {
        const string secret = "stored-key-5d1c93aa";
        var admin = Guid.NewGuid();
        var prefix = FeedFixture.Prefix(FeedFixture.KeyedHeader);
        fixture.Stub.AnswerStatus(prefix, HttpStatusCode.OK);
        await using var scope = fixture.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<FeedSettingsStore>();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();

        (await store.SaveAsync(admin, FeedFixture.KeyedHeader, new FeedSourceEdit(null, secret, ClearApiKey: false, Enabled: true, "00:05:00"), _ct)).Succeeded.ShouldBeTrue();

        var raw = await db.Database.SqlQueryRaw<string>("SELECT protected_api_key AS \"Value\" FROM platform_feed_sources WHERE source_key = {0}", FeedFixture.KeyedHeader).SingleAsync(_ct);
        raw.ShouldNotContain(secret);
        scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(FeedSettingsStore.ApiKeyPurpose).Unprotect(raw).ShouldBe(secret);
        // Another purpose cannot read it.
        Should.Throw<System.Security.Cryptography.CryptographicException>(() =>
            scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Podium.Other").Unprotect(raw));
        var client = await fixture.App.Services.GetRequiredService<IFeedClients>().CreateAsync(FeedFixture.KeyedHeader, _ct);
        (await client.GetAsync("prices", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        fixture.Stub.Calls(prefix).Last().Headers["X-Test-Key"].ShouldBe(secret);

        // Saving without a key keeps it; clearing falls back to the configured one.
        (await store.SaveAsync(admin, FeedFixture.KeyedHeader, new FeedSourceEdit(null, "", ClearApiKey: false, Enabled: true, null), _ct)).Succeeded.ShouldBeTrue();
        (await Sources().GetAsync(FeedFixture.KeyedHeader, _ct)).ApiKeyStored.ShouldBeTrue();
        (await store.SaveAsync(admin, FeedFixture.KeyedHeader, new FeedSourceEdit(null, null, ClearApiKey: true, Enabled: true, null), _ct)).Succeeded.ShouldBeTrue();
        var cleared = await Sources().GetAsync(FeedFixture.KeyedHeader, _ct);
        cleared.ApiKeyStored.ShouldBeFalse();
        cleared.ApiKey.ShouldBe(FeedFixture.HeaderKey);
    }

    [Fact]
    public async Task Settings_OverrideTheConfiguredDefaults_AndADisabledSourceIsSkippedByTheChain()
    {
        var admin = Guid.NewGuid();
        fixture.Stub.AnswerJson(Backup, Other);
        await using var scope = fixture.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<FeedSettingsStore>();
        var moved = fixture.Stub.For("moved");
        fixture.Stub.AnswerJson("moved", Good);
        try
        {
            (await store.SaveAsync(admin, FeedFixture.Backup, new FeedSourceEdit(moved, null, false, Enabled: true, "01:00:00"), _ct)).Succeeded.ShouldBeTrue();
            (await store.SaveAsync(admin, FeedFixture.Scores, new FeedSourceEdit(null, null, false, Enabled: false, null), _ct)).Succeeded.ShouldBeTrue();

            var backup = await Sources().GetAsync(FeedFixture.Backup, _ct);
            backup.BaseUrl!.ToString().ShouldBe(moved);
            backup.Schedule.ShouldBe(TimeSpan.FromHours(1));
            var result = await Chain.FetchAsync(new TestScoresRequest(NewDay()), _ct);
            result.SourceKey.ShouldBe(FeedFixture.Backup);
            result.Data!.Games.Single().Home.ShouldBe("Hawks");
            result.Failures.ShouldContain(new FeedAttempt(FeedFixture.Scores, Skipped: true, "disabled"));
            fixture.Stub.Calls("moved").ShouldHaveSingleItem();
        }
        finally
        {
            await store.SaveAsync(admin, FeedFixture.Backup, new FeedSourceEdit(null, null, false, Enabled: true, null), _ct);
            await store.SaveAsync(admin, FeedFixture.Scores, new FeedSourceEdit(null, null, false, Enabled: true, null), _ct);
        }
    }

    [Theory]
    [InlineData("ftp://files.test/", "BaseUrl")]
    [InlineData("javascript:alert(1)", "BaseUrl")]
    [InlineData("https://feed.test/?apikey=x", "BaseUrl")]
    [InlineData("not a url", "BaseUrl")]
    public async Task Settings_WithABadBaseUrl_AreRefusedWithAFieldMessage_AndNothingChanges(string url, string field)
    {
        await using var scope = fixture.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<FeedSettingsStore>();

        var result = await store.SaveAsync(Guid.NewGuid(), FeedFixture.Keyless, new FeedSourceEdit(url, null, false, true, "soon"), _ct);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Keys.ShouldBe([field, "Schedule"], ignoreOrder: true);
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<FeedSourceSetting>().AnyAsync(s => s.SourceKey == FeedFixture.Keyless, _ct)).ShouldBeFalse();
    }

    private FeedSources Sources() => fixture.App.Services.GetRequiredService<FeedSources>();

    private async Task<FeedRun> RunRowAsync(long id)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<FeedRun>().AsNoTracking().SingleAsync(r => r.Id == id, _ct);
    }

    private sealed class TestScoresComparer : IEqualityComparer<TestScores?>
    {
        public bool Equals(TestScores? x, TestScores? y) => x is not null && y is not null && x.Day == y.Day && x.Games.SequenceEqual(y.Games);

        public int GetHashCode(TestScores? obj) => obj?.Day.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}

public sealed class SqliteFeedDataTests(SqliteFeedFixture fixture) : FeedDataTests(fixture), IClassFixture<SqliteFeedFixture>;

public sealed class PostgresFeedDataTests(PostgresFeedFixture fixture) : FeedDataTests(fixture), IClassFixture<PostgresFeedFixture>;
