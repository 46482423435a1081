using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Podium.Platform;
using Podium.Platform.Data;
using Podium.Platform.Outbox;
using Podium.Tests.Infrastructure;
using Podium.Web;

namespace Podium.Tests.Outbox;

/// <summary>The hosted dispatcher itself, running in real apps.</summary>
public abstract class OutboxDispatcherTests(DatabaseProvider provider)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static PodiumAppFactory Dispatching(PodiumAppFactory app, TestDeliveries deliveries, string pollInterval) =>
        app.WithSetting("Podium:Outbox:PollInterval", pollInterval).WithTestPing(deliveries);

    /// <summary>Waits (bounded) until the condition holds; the assertions come after, on what happened.</summary>
    protected static Task EventuallyAsync(Func<Task<bool>> condition, string what) =>
        Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(30), what);

    [Fact]
    public async Task Dispatcher_WhenThisInstanceCommitsAMessage_DeliversItWithoutWaitingForThePoll()
    {
        var deliveries = new TestDeliveries();
        // An hour between polls: only the commit signal can make the dispatcher start another round within the test.
        await using var app = Dispatching(await PodiumAppFactory.CreateAsync(provider), deliveries, "01:00:00");
        var warmUp = await app.EnqueueAsync("delivered by the first round or by the signal");
        await EventuallyAsync(async () => (await app.RowAsync(warmUp.Id)).DeliveredAt is not null, "the first message to be delivered");

        // Enqueued after the round that delivered the first had claimed: each needs a new round.
        var saved = await app.EnqueueAsync("SaveChanges without a transaction");
        await EventuallyAsync(async () => (await app.RowAsync(saved.Id)).DeliveredAt is not null, "the saved message to be delivered");
        var committed = new TestPing(Guid.NewGuid(), "in an explicit transaction");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            await db.InTransactionAsync(ct =>
            {
                scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(committed);
                return db.SaveChangesAsync(ct);
            }, cancellationToken: Ct);
        }

        await EventuallyAsync(async () => (await app.RowAsync(committed.Id)).DeliveredAt is not null, "the committed message to be delivered");
        deliveries.Delivered.ShouldBe([warmUp.Id, saved.Id, committed.Id]);
    }

    [Fact]
    public void AddPlatform_ForACliCommand_RegistersNoDispatcher()
    {
        var server = WebApplication.CreateBuilder();
        server.AddPlatform([], PodiumProduct.Info);
        var command = WebApplication.CreateBuilder();
        command.AddPlatform(["db", "status"], PodiumProduct.Info);

        server.Services.ShouldContain(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OutboxDispatcher));
        command.Services.ShouldNotContain(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OutboxDispatcher));
    }
}

public sealed class OutboxDispatcherTests_Sqlite() : OutboxDispatcherTests(DatabaseProvider.Sqlite);

public sealed class OutboxDispatcherTests_Postgres() : OutboxDispatcherTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task TwoInstances_WhenManyMessagesAreEnqueued_DeliverEachExactlyOnce()
    {
        const int Batches = 10;
        const int PerBatch = 25;
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        TestDeliveries first = new(), second = new();
        await using var firstApp = Dispatching(new PodiumAppFactory(database), first, "00:00:00.200").WithSetting("Podium:Outbox:BatchSize", "5");
        _ = firstApp.Services; // migrates the shared database before the second instance starts
        await using var secondApp = Dispatching(new PodiumAppFactory(database, ownsDatabase: false), second, "00:00:00.200").WithSetting("Podium:Outbox:BatchSize", "5");
        _ = secondApp.Services;

        var sent = new List<Guid>();
        for (var batch = 0; batch < Batches; batch++)
        {
            // Each instance enqueues half, so each is woken by its own commits while the other is busy too.
            await using var scope = (batch % 2 == 0 ? firstApp : secondApp).Services.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            for (var i = 0; i < PerBatch; i++)
            {
                var ping = new TestPing(Guid.NewGuid(), $"batch {batch} message {i}");
                outbox.Enqueue(ping);
                sent.Add(ping.Id);
            }

            await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().SaveChangesAsync(Ct);
        }

        await EventuallyAsync(async () => (await firstApp.RowsAsync()).All(m => m.DeliveredAt is not null), "every message to be delivered");

        var delivered = first.Delivered.Concat(second.Delivered).ToList();
        delivered.Count.ShouldBe(Batches * PerBatch);
        delivered.ShouldBe(sent, ignoreOrder: true);
        delivered.Distinct().Count().ShouldBe(delivered.Count, "no message was delivered twice");
        first.Delivered.ShouldNotBeEmpty("both instances dispatched");
        second.Delivered.ShouldNotBeEmpty("both instances dispatched");
        var rows = await firstApp.RowsAsync();
        rows.ShouldAllBe(m => m.Attempts == 1 && m.ClaimedBy == null && m.ParkedAt == null);
    }
}
