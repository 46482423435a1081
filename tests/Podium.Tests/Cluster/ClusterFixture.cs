using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Realtime;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Cluster;

/// <summary>
/// Two instances of the app, as behind a load balancer: one PostgreSQL database, one Redis (same key prefix), two
/// hosts with nothing else in common.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private PodiumAppFactory? _a;
    private PodiumAppFactory? _b;

    /// <summary>The key prefix both instances use in Redis.</summary>
    public string RedisPrefix { get; private set; } = "";

    public PodiumAppFactory A => _a ?? throw new InvalidOperationException("The cluster has not started.");

    public PodiumAppFactory B => _b ?? throw new InvalidOperationException("The cluster has not started.");

    public async ValueTask InitializeAsync()
    {
        TestServices.RequireRedis();
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var prefix = RedisPrefix = PodiumAppFactory.NewRedisPrefix();
        _a = new PodiumAppFactory(_database, ownsDatabase: false).WithRedis(prefix).WithServices(LiveTopics);
        _ = _a.Services; // A migrates; B then starts on the migrated database, as a rolling deploy would.
        _b = new PodiumAppFactory(_database, ownsDatabase: false).WithRedis(prefix).WithServices(LiveTopics);
        _ = _b.Services;
    }

    /// <summary>Topics the tests follow: <c>test:…</c> for anyone, <c>secret:…</c> for admins.</summary>
    private static void LiveTopics(IServiceCollection services) =>
        services.AddLiveTopic("test").AddLiveTopic("secret", Policies.Admin);

    public async ValueTask DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
