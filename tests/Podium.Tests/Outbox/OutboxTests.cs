using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Email;
using Podium.Platform.Jobs;
using Podium.Platform.Outbox;
using Podium.Platform.Settings;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Outbox;

public abstract class OutboxTests(OutboxFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Base = TimeSpan.FromMinutes(1);

    // PostgreSQL keeps microseconds; allow for that when comparing stored instants with the clock.
    private static readonly TimeSpan Precision = TimeSpan.FromMilliseconds(1);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private PodiumAppFactory App => fixture.App;

    private DateTime Now => fixture.Clock.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync()
    {
        await App.ClearAsync();
        fixture.Deliveries.FailuresBeforeSuccess = 0;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private Task<int> DeliverBatchAsync() => App.Services.GetRequiredService<OutboxDelivery>().DeliverBatchAsync(_ct);

    [Fact]
    public async Task Enqueue_WhenCommitted_StoresTheMessageUnderItsRegisteredName()
    {
        var ping = await App.EnqueueAsync("first");

        var row = await App.RowAsync(ping.Id);
        row.Type.ShouldBe(OutboxTestApps.PingType);
        row.Payload.ShouldContain("\"note\":\"first\"");
        row.Attempts.ShouldBe(0);
        row.AvailableAt.ShouldBeLessThanOrEqualTo(Now);
        row.DeliveredAt.ShouldBeNull();
        row.ParkedAt.ShouldBeNull();
        row.ClaimedBy.ShouldBeNull();
    }

    [Fact]
    public async Task Enqueue_WhenSaveChangesFails_LeavesNoMessage()
    {
        await using (var scope = fixture.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISettingsStore>().SetAsync("test.outbox-duplicate", "taken", _ct);
        }

        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.Add(new PlatformSetting { Key = "test.outbox-duplicate", Value = "again", UpdatedAt = Now });
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(new TestPing(Guid.NewGuid(), "orphan"));

            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(_ct));
        }

        (await App.RowsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Enqueue_WhenTheTransactionRollsBack_LeavesNoMessage()
    {
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(_ct);
                scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(new TestPing(Guid.NewGuid(), "rolled back"));
                await db.SaveChangesAsync(_ct);
                await transaction.RollbackAsync(_ct);
            });
        }

        (await App.RowsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Enqueue_WhenTypeIsNotRegistered_ThrowsAndAddsNothing()
    {
        await using var scope = fixture.CreateScope();

        var error = Should.Throw<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(new Uri("https://example.org")));

        error.Message.ShouldContain("AddOutboxMessage");
        scope.ServiceProvider.GetRequiredService<PodiumDbContext>().ChangeTracker.HasChanges().ShouldBeFalse();
    }

    [Fact]
    public async Task QueueEmail_WhenTheCallerHasNothingPending_CommitsAtOnce()
    {
        await using (var scope = fixture.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IEmailSender>().QueueAsync(Mail("reset"), _ct);
        }

        var row = (await App.RowsAsync()).ShouldHaveSingleItem();
        row.Type.ShouldBe("email.send");
        row.Payload.ShouldContain("https://podium.example/reset?code=reset");
    }

    [Fact]
    public async Task QueueEmail_WhenTheCallerHasPendingChanges_RidesOnTheCallersSaveChanges()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        db.Add(new PlatformSetting { Key = "test.outbox-mail", Value = "changed", UpdatedAt = Now });

        await scope.ServiceProvider.GetRequiredService<IEmailSender>().QueueAsync(Mail("with change"), _ct);
        (await App.RowsAsync()).ShouldBeEmpty();
        await db.SaveChangesAsync(_ct);

        (await App.RowsAsync()).ShouldHaveSingleItem().Type.ShouldBe("email.send");
    }

    [Fact]
    public async Task QueueEmail_WhenTheCallersTransactionRollsBack_LeavesNoMessage()
    {
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(_ct);
                await scope.ServiceProvider.GetRequiredService<IEmailSender>().QueueAsync(Mail("in transaction"), _ct);
                await db.SaveChangesAsync(_ct);
                await transaction.RollbackAsync(_ct);
            });
        }

        (await App.RowsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeliverBatch_WhenAMessageIsDue_HandsItToItsHandlerOnceAndMarksItDelivered()
    {
        var ping = await App.EnqueueAsync();

        (await DeliverBatchAsync()).ShouldBe(1);
        (await DeliverBatchAsync()).ShouldBe(0);

        fixture.Deliveries.CallsFor(ping.Id).ShouldBe(1);
        var row = await App.RowAsync(ping.Id);
        row.DeliveredAt.ShouldNotBeNull();
        row.Attempts.ShouldBe(1);
        row.ClaimedBy.ShouldBeNull();
        row.ClaimedUntil.ShouldBeNull();
    }

    [Fact]
    public async Task DeliverBatch_WhenTheHandlerFails_RetriesAfterAGrowingJitteredBackoffThenDelivers()
    {
        fixture.Deliveries.FailuresBeforeSuccess = 2;
        var ping = await App.EnqueueAsync();

        for (var failure = 1; failure <= 2; failure++)
        {
            var before = Now;
            (await DeliverBatchAsync()).ShouldBe(1);
            var after = Now;
            var row = await App.RowAsync(ping.Id);
            row.Attempts.ShouldBe(failure);
            row.LastError.ShouldBe($"InvalidOperationException: boom {failure}");
            row.DeliveredAt.ShouldBeNull();
            row.ClaimedBy.ShouldBeNull();
            // Exponential with "equal jitter": between half and all of base × 2^(failures − 1).
            var ceiling = Base * Math.Pow(2, failure - 1);
            row.AvailableAt.ShouldBeGreaterThanOrEqualTo(before + (ceiling / 2) - Precision);
            row.AvailableAt.ShouldBeLessThanOrEqualTo(after + ceiling + Precision);

            (await DeliverBatchAsync()).ShouldBe(0, "not due before its backoff ends");
            fixture.Clock.Advance(row.AvailableAt - Now + Precision);
        }

        (await DeliverBatchAsync()).ShouldBe(1);
        fixture.Deliveries.CallsFor(ping.Id).ShouldBe(3);
        var delivered = await App.RowAsync(ping.Id);
        delivered.DeliveredAt.ShouldNotBeNull();
        delivered.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task DeliverBatch_WhenAttemptsRunOut_ParksTheMessageWithItsLastError()
    {
        fixture.Deliveries.FailuresBeforeSuccess = int.MaxValue;
        var ping = await App.EnqueueAsync();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            (await DeliverBatchAsync()).ShouldBe(1);
            fixture.Clock.Advance(TimeSpan.FromHours(2));
        }

        var parked = await App.RowAsync(ping.Id);
        parked.ParkedAt.ShouldNotBeNull();
        parked.Attempts.ShouldBe(3);
        parked.LastError.ShouldBe("InvalidOperationException: boom 3");
        parked.ClaimedBy.ShouldBeNull();
        (await DeliverBatchAsync()).ShouldBe(0, "a parked message waits for an administrator");
        fixture.Deliveries.CallsFor(ping.Id).ShouldBe(3);
    }

    [Fact]
    public async Task DeliverBatch_WhenALeaseHasExpired_ReclaimsTheMessageButLeavesALiveLeaseAlone()
    {
        var crashed = new TestPing(Guid.NewGuid(), "claimed by an instance that crashed");
        var busy = new TestPing(Guid.NewGuid(), "claimed by an instance still at work");
        await App.AddRowAsync(Row(crashed, attempts: 1, claimedBy: "crashed", claimedUntil: Now.AddSeconds(-1)));
        await App.AddRowAsync(Row(busy, attempts: 1, claimedBy: "busy", claimedUntil: Now.AddMinutes(10)));

        (await DeliverBatchAsync()).ShouldBe(1);

        fixture.Deliveries.CallsFor(crashed.Id).ShouldBe(1);
        var reclaimed = await App.RowAsync(crashed.Id);
        reclaimed.DeliveredAt.ShouldNotBeNull();
        reclaimed.Attempts.ShouldBe(2);
        fixture.Deliveries.CallsFor(busy.Id).ShouldBe(0);
        var untouched = await App.RowAsync(busy.Id);
        untouched.ClaimedBy.ShouldBe("busy");
        untouched.DeliveredAt.ShouldBeNull();
    }

    [Fact]
    public async Task DeliverBatch_WhenATypeIsUnknownToThisVersion_LeavesItForAnInstanceThatKnowsIt()
    {
        await App.AddRowAsync(new OutboxMessage { Type = "from.a-newer-version", Payload = "{}", CreatedAt = Now, AvailableAt = Now });

        (await DeliverBatchAsync()).ShouldBe(0);

        var row = (await App.RowsAsync()).ShouldHaveSingleItem();
        row.Attempts.ShouldBe(0);
        row.ParkedAt.ShouldBeNull();
    }

    [Fact]
    public async Task PurgeDelivered_WhenOlderThanTheCutoff_DeletesThemInBatchesAndKeepsTheRest()
    {
        var cutoff = Now.AddDays(-7);
        for (var i = 0; i < 5; i++)
        {
            await App.AddRowAsync(Row(new TestPing(Guid.NewGuid(), "old"), attempts: 1, deliveredAt: cutoff.AddHours(-1 - i)));
        }

        var recent = new TestPing(Guid.NewGuid(), "recent");
        var pending = new TestPing(Guid.NewGuid(), "pending");
        var parked = new TestPing(Guid.NewGuid(), "parked");
        await App.AddRowAsync(Row(recent, attempts: 1, deliveredAt: cutoff.AddHours(1)));
        await App.AddRowAsync(Row(pending, attempts: 0));
        await App.AddRowAsync(Row(parked, attempts: 3, parkedAt: cutoff.AddDays(-1)));

        await using var scope = fixture.CreateScope();
        var rule = scope.ServiceProvider.GetServices<IRetentionRule>().OfType<DeliveredOutboxRetentionRule>().Single();
        var batches = new List<int>();
        int batch;
        do
        {
            batches.Add(batch = await rule.DeleteExpiredBatchAsync(Now, 2, _ct));
        }
        while (batch == 2);

        batches.ShouldBe([2, 2, 1]);
        (await App.RowsAsync()).Select(m => m.Payload).ShouldBe(
            [.. new[] { recent, pending, parked }.Select(p => System.Text.Json.JsonSerializer.Serialize(p, OutboxTypes.Json))], ignoreOrder: true);
        (await rule.DeleteExpiredBatchAsync(Now, 1000, _ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Metrics_ReportBacklogParkedAndDeliveries()
    {
        await App.EnqueueAsync();
        await App.EnqueueAsync();
        await App.AddRowAsync(Row(new TestPing(Guid.NewGuid(), "parked"), attempts: 3, parkedAt: Now));
        using var metrics = new MetricRecorder(App.Services, OutboxMetrics.MeterName);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1)); // past the cached counts of an earlier test
        metrics.Observe("podium.outbox.backlog").ShouldBe(2);
        metrics.Observe("podium.outbox.parked").ShouldBe(1);

        (await DeliverBatchAsync()).ShouldBe(2);
        metrics.Measurements.Where(m => m.Instrument == "podium.outbox.delivered").Select(m => ((long)m.Value, m.Tag("type")))
            .ShouldBe([(1L, OutboxTestApps.PingType), (1L, OutboxTestApps.PingType)]);
        metrics.Observe("podium.outbox.backlog").ShouldBe(2, "counts are cached for a few seconds");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        metrics.Observe("podium.outbox.backlog").ShouldBe(0);
    }

    private OutboxMessage Row(TestPing ping, int attempts, string? claimedBy = null, DateTime? claimedUntil = null, DateTime? deliveredAt = null, DateTime? parkedAt = null) =>
        new()
        {
            Type = OutboxTestApps.PingType,
            Payload = System.Text.Json.JsonSerializer.Serialize(ping, OutboxTypes.Json),
            CreatedAt = Now.AddMinutes(-5),
            AvailableAt = Now.AddMinutes(-5),
            Attempts = attempts,
            ClaimedBy = claimedBy,
            ClaimedUntil = claimedUntil,
            DeliveredAt = deliveredAt,
            ParkedAt = parkedAt,
        };

    private static EmailMessage Mail(string code) =>
        new("casey@example.org", "Casey Rivers", "Reset your password", $"https://podium.example/reset?code={code}", "<p>html</p>");
}

public sealed class OutboxTests_Sqlite(SqliteOutboxFixture fixture) : OutboxTests(fixture), IClassFixture<SqliteOutboxFixture>;

public sealed class OutboxTests_Postgres(PostgresOutboxFixture fixture) : OutboxTests(fixture), IClassFixture<PostgresOutboxFixture>;
