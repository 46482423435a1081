using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Cluster;

public sealed class RedisOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(string Status, string? RedisStatus, string? RedisDescription)> ReadinessAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "Degraded is still ready: the instance serves");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var redis = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "redis");
        return (json.RootElement.GetProperty("status").GetString()!, redis.GetProperty("status").GetString(), redis.GetProperty("description").GetString());
    }

    private static Task WaitForAsync(HttpClient client, string status, TimeSpan within) =>
        Eventually.HoldsAsync(async () => (await ReadinessAsync(client)).Status == status, within, $"readiness to become {status}");

    private static async Task RequestsSucceedAsync(PodiumAppFactory app, HttpClient client)
    {
        (await client.GetAsync("/", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/platform/info", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cache = app.Services.GetRequiredService<IPodiumCache>();
        (await cache.GetOrCreateAsync($"test:{Guid.NewGuid():N}", _ => ValueTask.FromResult(7), cancellationToken: Ct)).ShouldBe(7);
        await cache.InvalidateTagAsync("test:outage", Ct);
    }

    [Fact]
    public async Task RedisKilledWhileRunning_RequestsKeepSucceeding_HealthDegraded_ThenRecovers()
    {
        await using var redis = await TestRedisServer.StartAsync();
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithRedis(connectionString: redis.ConnectionString)
            .WithSetting("Podium:RateLimits:Anonymous:PermitLimit", "1000");
        var client = app.CreateClient();
        await WaitForAsync(client, "Healthy", TimeSpan.FromSeconds(10));

        redis.Kill();

        await RequestsSucceedAsync(app, client);
        await WaitForAsync(client, "Degraded", TimeSpan.FromSeconds(10));
        (await ReadinessAsync(client)).RedisDescription.ShouldNotBeNull().ShouldContain("in-process");
        await RequestsSucceedAsync(app, client);
        // Limits still apply meanwhile, counted in this process.
        var limited = await client.GetAsync("/api/v1/platform/info", Ct);
        limited.Headers.Contains("RateLimit-Remaining").ShouldBeTrue();

        await redis.RestartAsync();

        await WaitForAsync(client, "Healthy", TimeSpan.FromSeconds(30));
        await RequestsSucceedAsync(app, client);
    }

    [Fact]
    public async Task RedisUnreachableAtStart_AppStartsAndServes_HealthDegraded()
    {
        await using var redis = await TestRedisServer.StartAsync();
        redis.Kill(); // a port where Redis was, now closed
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithRedis(connectionString: redis.ConnectionString);
        var client = app.CreateClient();

        await RequestsSucceedAsync(app, client);
        var readiness = await ReadinessAsync(client);

        readiness.Status.ShouldBe("Degraded");
        readiness.RedisStatus.ShouldBe("Degraded");
        readiness.RedisDescription.ShouldNotBeNull().ShouldContain("unreachable");
    }
}
