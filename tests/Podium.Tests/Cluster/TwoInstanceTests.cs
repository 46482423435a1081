using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Security;
using Podium.Platform.Settings;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Cluster;

public sealed class TwoInstanceTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CacheInvalidation_OnA_ReachesBsLocalCopyWithinOneSecond()
    {
        var key = $"test:{Guid.NewGuid():N}";
        var tag = $"test-tag:{Guid.NewGuid():N}";
        var source = "first";
        var a = cluster.A.Services.GetRequiredService<IPodiumCache>();
        var b = cluster.B.Services.GetRequiredService<IPodiumCache>();
        ValueTask<string> Read(IPodiumCache cache) => cache.GetOrCreateAsync(key, _ => ValueTask.FromResult(source), [tag], cancellationToken: Ct);
        (await Read(a)).ShouldBe("first");
        (await Read(b)).ShouldBe("first");

        source = "second";
        (await Read(b)).ShouldBe("first"); // B holds its copy until told otherwise
        await a.InvalidateTagAsync(tag, Ct);

        await Eventually.HoldsAsync(async () => await Read(b) == "second", TimeSpan.FromSeconds(1), "B still served the invalidated entry after 1 s");
    }

    [Fact]
    public async Task EntryCachedByA_IsReadByBFromRedis_WithoutRunningBsFactory()
    {
        var key = $"test:{Guid.NewGuid():N}";
        await cluster.A.Services.GetRequiredService<IPodiumCache>().GetOrCreateAsync(key, _ => ValueTask.FromResult("made by A"), cancellationToken: Ct);
        // A writes to Redis in the background, after answering its caller.
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestServices.RequireRedis());
        await Eventually.HoldsAsync(() => redis.GetDatabase().KeyExistsAsync($"{cluster.RedisPrefix}cache:{key}"), TimeSpan.FromSeconds(5), "A never stored the entry in Redis");

        var onB = await cluster.B.Services.GetRequiredService<IPodiumCache>().GetOrCreateAsync(key, _ => ValueTask.FromResult("made by B"), cancellationToken: Ct);

        onB.ShouldBe("made by A");
    }

    [Fact]
    public async Task SettingChangedOnA_ShowsOnBsOutputCachedHomePageWithinOneSecond()
    {
        var b = cluster.B.CreateClient();
        var before = await b.GetStringAsync("/", Ct);
        before.ShouldNotContain("Clear Lake Bassmasters");

        await using (var scope = cluster.A.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISettingsStore>().SetAsync(SettingKeys.SiteTagline, "Clear Lake Bassmasters", Ct);
        }

        await Eventually.HoldsAsync(async () => (await b.GetStringAsync("/", Ct)).Contains("Clear Lake Bassmasters", StringComparison.Ordinal),
            TimeSpan.FromSeconds(1), "B's cached home page did not change within 1 s");
    }

    [Fact]
    public async Task IpRuleAddedOnA_IsEnforcedByBWithinOneSecondAndLiftedAsFast()
    {
        var b = cluster.B.CreateClient();
        (await b.GetAsync("/api/v1/platform/info", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // B has cached "no rules"
        // The test clients are in no allow list of 10/8; the administrator making the change is.
        var office = System.Net.IPAddress.Parse("10.0.0.1");
        IpRuleResult added;
        await using (var scope = cluster.A.Services.CreateAsyncScope())
        {
            added = await scope.ServiceProvider.GetRequiredService<IpRuleAdministration>()
                .AddAsync(Guid.NewGuid(), office, IpRuleScopes.Site, IpRuleKinds.Allow, "10.0.0.0/8", "cluster test", Ct);
        }

        added.Succeeded.ShouldBeTrue(added.Error);
        try
        {
            await Eventually.HoldsAsync(async () => (await b.GetAsync("/api/v1/platform/info", Ct)).StatusCode == HttpStatusCode.Forbidden,
                TimeSpan.FromSeconds(1), "B still served an address outside the new allow list after 1 s");
        }
        finally
        {
            await using var scope = cluster.A.Services.CreateAsyncScope();
            var rules = scope.ServiceProvider.GetRequiredService<IpRuleAdministration>();
            foreach (var rule in await rules.ListAsync(Ct))
            {
                (await rules.RemoveAsync(Guid.NewGuid(), office, rule.Id, Ct)).Succeeded.ShouldBeTrue();
            }
        }

        await Eventually.HoldsAsync(async () => (await b.GetAsync("/api/v1/platform/info", Ct)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(1), "B still refused after the rule was removed on A");
    }

    [Fact]
    public async Task SignInCookieIssuedByA_IsAcceptedByB()
    {
        await TestUsers.CreateAsync(cluster.A, "cluster@example.org", "Casey");
        var onA = new FormSession(cluster.A);
        var signedIn = await onA.SignInAsync("cluster@example.org", TestUsers.Password);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookies = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        cookies.ShouldContain(c => c.StartsWith("__Host-podium=", StringComparison.Ordinal));

        var onB = cluster.B.CreateClientWithoutRedirects();
        onB.BaseAddress = new Uri("https://podium.example");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/manage");
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        var response = await onB.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Casey");
    }
}

/// <summary>Limits with their own pair of instances: the cluster fixture's limits are set out of reach.</summary>
public sealed class SharedRateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnonymousLimit_IsOneLimitAcrossBothInstances()
    {
        var prefix = PodiumAppFactory.NewRedisPrefix();
        await using var a = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite)).WithRedis(prefix)
            .WithSetting("Podium:RateLimits:Anonymous:PermitLimit", "5");
        await using var b = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite)).WithRedis(prefix)
            .WithSetting("Podium:RateLimits:Anonymous:PermitLimit", "5");
        var clients = new[] { a.CreateClient(), b.CreateClient() };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await clients[i % 2].GetAsync("/api/v1/platform/info", Ct)).StatusCode);
        }

        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses[5].ShouldBe(HttpStatusCode.TooManyRequests);
        // B refuses too: the window is shared, not per instance.
        (await clients[1].GetAsync("/api/v1/platform/info", Ct)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
