using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Idempotency;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Idempotency;

/// <summary>What the test endpoints did: how often each order ran, and a gate that holds the slow one.</summary>
public sealed class OrderBook
{
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);
    private volatile TaskCompletionSource _gate = Open();

    public int RunsOf(string reference) => _runs.GetValueOrDefault(reference);

    public int Run(string reference) => _runs.AddOrUpdate(reference, 1, (_, n) => n + 1);

    /// <summary>From now on the slow endpoint waits until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    internal Task WaitAsync(CancellationToken cancellationToken) => _gate.Task.WaitAsync(cancellationToken);

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}

public sealed record OrderRequest(string Reference, int Quantity);

/// <summary>
/// The platform with creating endpoints of the kinds modules add, marked <c>WithIdempotency()</c>: one that creates
/// (201 with Location), one that can be held mid-request, one that fails once, one that refuses bad input, and one open
/// to anonymous callers; on each database, with a clock the tests move and a short wait for keys in flight.
/// </summary>
public abstract class IdempotencyHost(DatabaseProvider provider) : IAsyncLifetime
{
    public const string OrdersPath = "/api/v1/test/orders";

    /// <summary>The test's own write scope, registered the way a module registers its scopes.</summary>
    public const string OrdersScope = "test:orders";
    public const string SlowPath = "/api/v1/test/orders/slow";
    public const string FlakyPath = "/api/v1/test/orders/flaky";
    public const string PublicPath = "/api/v1/test/orders/public";

    /// <summary>How long a duplicate waits for a request in flight here (the default is 10 s).</summary>
    public static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(2);

    private PlatformTestHost? _host;
    private Exception? _unavailable;

    public TestClock Clock { get; } = new();

    public OrderBook Orders { get; } = new();

    public PlatformTestHost Host => _host ?? throw _unavailable ?? new InvalidOperationException("The fixture has not started.");

    public IServiceProvider Services => Host.Services;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _host = await PlatformTestHost.StartAsync(
                "Testing",
                new Dictionary<string, string?>
                {
                    ["Podium:Identity:PasswordHashIterations"] = "10000",
                    ["Podium:RateLimits:ApiKey:PermitLimit"] = "100000",
                    ["Podium:RateLimits:Anonymous:PermitLimit"] = "100000",
                    ["Podium:Idempotency:InFlightWait"] = InFlightWait.ToString(),
                },
                Map,
                TestContext.Current.CancellationToken,
                provider,
                services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock))
                    .AddApiScope(OrdersScope, "Place the test's orders.", Roles.Member, Roles.Organizer, Roles.Admin));
        }
        catch (Exception ex) when (ex.Message.StartsWith("$XunitDynamicSkip$", StringComparison.Ordinal))
        {
            _unavailable = ex;
        }
    }

    private void Map(WebApplication app)
    {
        var orders = app.MapGroup(OrdersPath).RequireScope(OrdersScope).WithIdempotency();
        orders.MapPost("", (OrderRequest order) => Create(order));
        orders.MapPost("/slow", async (OrderRequest order, CancellationToken cancellationToken) =>
        {
            var created = Create(order);
            await Orders.WaitAsync(cancellationToken);
            return created;
        });
        orders.MapPost("/flaky", (OrderRequest order) =>
            Orders.Run(order.Reference) == 1 ? throw new InvalidOperationException("The first attempt fails.") : TypedResults.Ok(new { order.Reference }));

        app.MapPost(PublicPath, (OrderRequest order) => Create(order)).AllowAnonymous().WithIdempotency();
    }

    /// <summary>A new order (201), or 400 for a quantity under 1, which is refused before anything is created.</summary>
    private IResult Create(OrderRequest order)
    {
        if (order.Quantity < 1)
        {
            Orders.Run($"refused:{order.Reference}");
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["quantity"] = ["Order at least one."] });
        }

        var run = Orders.Run(order.Reference);
        var id = Guid.NewGuid();
        return TypedResults.Created($"{OrdersPath}/{id}", new { id, order.Reference, order.Quantity, run });
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>An API key of a new member, allowed to place orders.</summary>
    public async Task<string> KeyAsync(PodiumUser? owner = null)
    {
        owner ??= (await TestUsers.CreateAsync(Services, $"buyer-{Guid.NewGuid():N}@example.org")).User;
        await using var scope = Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(owner, owner.Id, new ApiKeyRequest("orders", [OrdersScope], null, null, false), TestContext.Current.CancellationToken);
        outcome.Errors.ShouldBeEmpty();
        return outcome.Value!.Secret;
    }
}

public sealed class SqliteIdempotencyHost() : IdempotencyHost(DatabaseProvider.Sqlite);

public sealed class PostgresIdempotencyHost() : IdempotencyHost(DatabaseProvider.Postgres);
