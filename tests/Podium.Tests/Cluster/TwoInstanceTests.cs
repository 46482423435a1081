using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Admin;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Identity;
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

        var response = await SendWithCookieAsync(cluster.B, FormSession.SessionCookieOf(signedIn), "/account/manage");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Casey");
    }

    [Fact]
    public async Task SignOutOnA_EndsTheSessionOnBWithinOneSecond()
    {
        await TestUsers.CreateAsync(cluster.A, "leaving@example.org", "Lee");
        var onA = new FormSession(cluster.A);
        var cookie = FormSession.SessionCookieOf(await onA.SignInAsync("leaving@example.org", TestUsers.Password));
        (await SendWithCookieAsync(cluster.B, cookie, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await onA.SubmitAsync("/account/sign-out", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await RefusedByBWithinOneSecondAsync(cookie, "B still accepted the cookie of a session signed out on A");
    }

    [Fact]
    public async Task PasswordChangeOnA_EndsTheOtherSessionOnBWithinOneSecondButNotThisOne()
    {
        await TestUsers.CreateAsync(cluster.A, "changing@example.org", "Chris");
        var laptopOnA = new FormSession(cluster.A);
        (await laptopOnA.SignInAsync("changing@example.org", TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var phoneOnB = FormSession.SessionCookieOf(await new FormSession(cluster.B).SignInAsync("changing@example.org", TestUsers.Password));
        (await SendWithCookieAsync(cluster.B, phoneOnB, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        const string newPassword = "quiet meadow copper falcon";
        var changed = await laptopOnA.SubmitAsync("/account/manage/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestUsers.Password,
            ["NewPassword"] = newPassword,
            ["ConfirmPassword"] = newPassword,
        });
        (await changed.Content.ReadAsStringAsync(Ct)).ShouldContain("Your password is changed");

        await RefusedByBWithinOneSecondAsync(phoneOnB, "B still accepted a session the password change on A ended");
        (await laptopOnA.Client.GetAsync("/account/manage", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminLockOnA_EndsTheSessionOnBWithinOneSecond()
    {
        var (user, _) = await TestUsers.CreateAsync(cluster.A, "locked@example.org", "Lou");
        var onB = FormSession.SessionCookieOf(await new FormSession(cluster.B).SignInAsync("locked@example.org", TestUsers.Password));
        (await SendWithCookieAsync(cluster.B, onB, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = cluster.A.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
            await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .LockAsync(Guid.NewGuid(), (await users.FindByIdAsync(user.Id.ToString()))!, Ct);
        }

        await RefusedByBWithinOneSecondAsync(onB, "B still accepted the session of an account locked on A");
    }

    private static async Task<HttpResponseMessage> SendWithCookieAsync(PodiumAppFactory instance, string cookie, string path)
    {
        // Not disposed here: the caller may still read the response's body.
        var client = instance.CreateClientWithoutRedirects();
        client.BaseAddress = new Uri(FormSession.Origin);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Ct);
    }

    private async Task RefusedByBWithinOneSecondAsync(string cookie, string what) =>
        await Eventually.HoldsAsync(
            async () => (await SendWithCookieAsync(cluster.B, cookie, "/api/v1/me")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(1),
            what);
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
