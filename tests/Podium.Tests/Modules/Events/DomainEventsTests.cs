using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;
using Podium.Platform.Modules.Events;
using Podium.Platform.Outbox;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Events;

/// <summary>An event of a test module, and the other module's own view of its JSON (it cannot see the publisher's type).</summary>
public sealed record OrderShipped(Guid OrderId, string Carrier);

public sealed record ShipmentSeen(Guid OrderId);

/// <summary>What each subscriber received, and how often each should fail first.</summary>
public sealed class Subscribers
{
    private readonly ConcurrentDictionary<(string Subscriber, Guid Order), int> _calls = new();

    public ConcurrentDictionary<string, int> FailuresBeforeSuccess { get; } = new(StringComparer.Ordinal);

    public int Calls(string subscriber, Guid order) => _calls.GetValueOrDefault((subscriber, order));

    internal Task ReceiveAsync(string subscriber, Guid order)
    {
        var call = _calls.AddOrUpdate((subscriber, order), 1, (_, n) => n + 1);
        return call <= FailuresBeforeSuccess.GetValueOrDefault(subscriber)
            ? throw new InvalidOperationException($"{subscriber} failed ({call})")
            : Task.CompletedTask;
    }
}

internal sealed class EmailCustomer(Subscribers subscribers) : IDomainEventHandler<OrderShipped>
{
    public Task HandleAsync(OrderShipped domainEvent, CancellationToken cancellationToken) => subscribers.ReceiveAsync("email", domainEvent.OrderId);
}

internal sealed class UpdateTracking(Subscribers subscribers) : IDomainEventHandler<OrderShipped>
{
    public Task HandleAsync(OrderShipped domainEvent, CancellationToken cancellationToken) => subscribers.ReceiveAsync("tracking", domainEvent.OrderId);
}

internal sealed class OtherModulesReadModel(Subscribers subscribers) : IDomainEventHandler<ShipmentSeen>
{
    public Task HandleAsync(ShipmentSeen domainEvent, CancellationToken cancellationToken) => subscribers.ReceiveAsync("read-model", domainEvent.OrderId);
}

internal sealed record Unsubscribed(int Number);

/// <summary>The event with three subscribers; the dispatcher is off, so the tests drive each delivery round and the clock.</summary>
public abstract class DomainEventsFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public const string Shipped = "test.order-shipped";

    public TestClock Clock { get; } = new();

    public Subscribers Subscribers { get; } = new();

    protected override void Configure(PodiumAppFactory app) =>
        app.WithSetting("Podium:Outbox:DispatcherEnabled", "false")
            .WithSetting("Podium:Outbox:RetryBaseDelay", "00:01:00")
            .WithServices(services =>
            {
                services.AddDomainEvent<OrderShipped>(Shipped)
                    .AddDomainEventHandler<OrderShipped, EmailCustomer>(Shipped, "email")
                    .AddDomainEventHandler<OrderShipped, UpdateTracking>(Shipped, "tracking")
                    .AddDomainEventHandler<ShipmentSeen, OtherModulesReadModel>(Shipped, "read-model")
                    .AddDomainEvent<Unsubscribed>("test.unsubscribed");
                services.AddSingleton(Subscribers);
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton(sp => new OutboxBackoff(sp.GetRequiredService<IOptions<OutboxOptions>>(), new Random(20261207)));
            });
}

public sealed class SqliteDomainEventsFixture() : DomainEventsFixture(DatabaseProvider.Sqlite);

public sealed class PostgresDomainEventsFixture() : DomainEventsFixture(DatabaseProvider.Postgres);

public abstract class DomainEventsTests(DomainEventsFixture fixture) : IAsyncLifetime
{
    private static readonly string[] SubscriberTypes = ["test.order-shipped.email", "test.order-shipped.read-model", "test.order-shipped.tracking"];

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        fixture.Subscribers.FailuresBeforeSuccess.Clear();
        await using var scope = fixture.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OutboxMessage>().ExecuteDeleteAsync(_ct);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private async Task<OrderShipped> PublishAsync(bool commit = true)
    {
        var shipped = new OrderShipped(Guid.NewGuid(), "UPS");
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(_ct);
            scope.ServiceProvider.GetRequiredService<IDomainEvents>().Publish(shipped);
            await db.SaveChangesAsync(_ct);
            if (commit)
            {
                await transaction.CommitAsync(_ct);
            }
            else
            {
                await transaction.RollbackAsync(_ct);
            }
        });

        return shipped;
    }

    private async Task<List<OutboxMessage>> MessagesAsync()
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OutboxMessage>().AsNoTracking().ToListAsync(_ct);
    }

    private Task<int> DeliverBatchAsync() => fixture.App.Services.GetRequiredService<OutboxDelivery>().DeliverBatchAsync(_ct);

    [Fact]
    public async Task Publish_WhenCommitted_WritesOneOutboxMessagePerSubscriber()
    {
        var shipped = await PublishAsync();

        var messages = await MessagesAsync();
        messages.Select(m => m.Type).Order(StringComparer.Ordinal).ShouldBe(SubscriberTypes);
        messages.ShouldAllBe(m => m.Payload == $"{{\"orderId\":\"{shipped.OrderId}\",\"carrier\":\"UPS\"}}");
    }

    [Fact]
    public async Task Publish_WhenTheTransactionRollsBack_WritesNothing()
    {
        await PublishAsync(commit: false);

        (await MessagesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Publish_WhenNobodySubscribed_WritesNothing()
    {
        await using (var scope = fixture.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<IDomainEvents>().Publish(new Unsubscribed(1));
            await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().SaveChangesAsync(_ct);
        }

        (await MessagesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Publish_WhenTheTypeIsNoRegisteredEvent_ThrowsAndAddsNothing()
    {
        await using var scope = fixture.CreateScope();

        Should.Throw<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<IDomainEvents>().Publish(new Uri("https://example.org")))
            .Message.ShouldContain("AddDomainEvent");
        scope.ServiceProvider.GetRequiredService<PodiumDbContext>().ChangeTracker.HasChanges().ShouldBeFalse();
    }

    [Fact]
    public async Task Delivery_WhenOneSubscriberFails_RetriesThatOneAlone_AndTheOthersGetTheEventOnce()
    {
        fixture.Subscribers.FailuresBeforeSuccess["tracking"] = 2;
        var shipped = await PublishAsync();

        (await DeliverBatchAsync()).ShouldBe(3);
        for (var retry = 0; retry < 2; retry++)
        {
            fixture.Clock.Advance(TimeSpan.FromHours(1));
            (await DeliverBatchAsync()).ShouldBe(1, "only the failed subscriber's message is due again");
        }

        fixture.Subscribers.Calls("email", shipped.OrderId).ShouldBe(1);
        fixture.Subscribers.Calls("read-model", shipped.OrderId).ShouldBe(1);
        fixture.Subscribers.Calls("tracking", shipped.OrderId).ShouldBe(3);
        var messages = await MessagesAsync();
        messages.ShouldAllBe(m => m.DeliveredAt != null);
        messages.Single(m => m.Type.EndsWith(".tracking", StringComparison.Ordinal)).LastError.ShouldBe("InvalidOperationException: tracking failed (2)");
    }
}

public sealed class DomainEventsTests_Sqlite(SqliteDomainEventsFixture fixture) : DomainEventsTests(fixture), IClassFixture<SqliteDomainEventsFixture>;

public sealed class DomainEventsTests_Postgres(PostgresDomainEventsFixture fixture) : DomainEventsTests(fixture), IClassFixture<PostgresDomainEventsFixture>;
