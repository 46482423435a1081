using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;
using Podium.Platform.Outbox;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Outbox;

/// <summary>A message type that exists only in the tests.</summary>
public sealed record TestPing(Guid Id, string Note, string? ApiToken = null);

/// <summary>What one app's test handler received, and how it should behave.</summary>
public sealed class TestDeliveries
{
    private readonly ConcurrentDictionary<Guid, int> _calls = new();

    public ConcurrentQueue<Guid> Delivered { get; } = new();

    /// <summary>Calls per message that throw before one succeeds.</summary>
    public int FailuresBeforeSuccess { get; set; }

    public int CallsFor(Guid id) => _calls.GetValueOrDefault(id);

    internal async Task HandleAsync(TestPing message, CancellationToken cancellationToken)
    {
        var call = _calls.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        if (call <= FailuresBeforeSuccess)
        {
            throw new InvalidOperationException($"boom {call}");
        }

        // A little work, so that two instances' batches overlap in the multi-instance test.
        await Task.Delay(2, cancellationToken);
        Delivered.Enqueue(message.Id);
    }
}

internal sealed class TestPingHandler(TestDeliveries deliveries) : IOutboxHandler<TestPing>
{
    public Task HandleAsync(TestPing message, CancellationToken cancellationToken) => deliveries.HandleAsync(message, cancellationToken);
}

internal static class OutboxTestApps
{
    public const string PingType = "test.ping";

    /// <summary>The test message type and handler, a fixed random seed for the backoff, and the given clock.</summary>
    public static PodiumAppFactory WithTestPing(this PodiumAppFactory app, TestDeliveries deliveries, TimeProvider? clock = null) =>
        app.WithServices(services =>
        {
            services.AddOutboxMessage<TestPing>(PingType).AddOutboxHandler<TestPing, TestPingHandler>();
            services.AddSingleton(deliveries);
            services.AddSingleton(sp => new OutboxBackoff(sp.GetRequiredService<IOptions<OutboxOptions>>(), new Random(20261124)));
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
        });

    public static async Task<List<OutboxMessage>> RowsAsync(this PodiumAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OutboxMessage>().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<OutboxMessage> RowAsync(this PodiumAppFactory app, Guid pingId) =>
        (await app.RowsAsync()).Single(m => m.Payload.Contains(pingId.ToString(), StringComparison.Ordinal));

    public static async Task ClearAsync(this PodiumAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OutboxMessage>().ExecuteDeleteAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<TestPing> EnqueueAsync(this PodiumAppFactory app, string note = "hello")
    {
        var ping = new TestPing(Guid.NewGuid(), note);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(ping);
        await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
        return ping;
    }

    public static async Task AddRowAsync(this PodiumAppFactory app, OutboxMessage row)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        db.Add(row);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}

/// <summary>
/// An app whose dispatcher does not run by itself: the tests drive delivery rounds (<see cref="OutboxDelivery"/>)
/// and move the clock, so retries, parking and leases are checked without waiting.
/// </summary>
public abstract class OutboxFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public TestClock Clock { get; } = new();

    public TestDeliveries Deliveries { get; } = new();

    protected override void Configure(PodiumAppFactory app) =>
        app.WithSetting("Podium:Outbox:DispatcherEnabled", "false")
            .WithSetting("Podium:Outbox:MaxAttempts", "3")
            .WithSetting("Podium:Outbox:RetryBaseDelay", "00:01:00")
            .WithSetting("Podium:Outbox:MaxRetryDelay", "01:00:00")
            .WithTestPing(Deliveries, Clock);
}

public sealed class SqliteOutboxFixture() : OutboxFixture(DatabaseProvider.Sqlite);

public sealed class PostgresOutboxFixture() : OutboxFixture(DatabaseProvider.Postgres);
