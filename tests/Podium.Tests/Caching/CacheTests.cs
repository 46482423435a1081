using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Settings;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Caching;

public sealed class CacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetOrCreate_ManyCallersAtOnce_RunTheFactoryOnce()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        var cache = app.Services.GetRequiredService<IPodiumCache>();
        var gate = new TaskCompletionSource();
        var calls = 0;

        var callers = Enumerable.Range(0, 20).Select(_ => cache.GetOrCreateAsync("test:stampede", async token =>
        {
            Interlocked.Increment(ref calls);
            await gate.Task.WaitAsync(token);
            return 42;
        }, cancellationToken: Ct).AsTask()).ToList();
        await Task.Delay(100, Ct);
        gate.SetResult();

        (await Task.WhenAll(callers)).ShouldAllBe(v => v == 42);
        calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreate_SecondLookup_IsAHitAndBothAreCounted()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        var cache = app.Services.GetRequiredService<IPodiumCache>();
        using var lookups = new MetricRecorder(app.Services, "Podium.Caching");
        var calls = 0;

        for (var i = 0; i < 2; i++)
        {
            (await cache.GetOrCreateAsync("metrics:answer", _ => ValueTask.FromResult(++calls), cancellationToken: Ct)).ShouldBe(1);
        }

        lookups.Sum("podium.cache.lookups", ("cache", "metrics"), ("result", "miss")).ShouldBe(1);
        lookups.Sum("podium.cache.lookups", ("cache", "metrics"), ("result", "hit")).ShouldBe(1);
    }

    [Fact]
    public async Task InvalidateTag_DropsTaggedEntriesOnly()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        var cache = app.Services.GetRequiredService<IPodiumCache>();
        var version = 1;
        ValueTask<int> Read(string key, string tag) => cache.GetOrCreateAsync(key, _ => ValueTask.FromResult(version), [tag], cancellationToken: Ct);
        (await Read("test:a", "board")).ShouldBe(1);
        (await Read("test:b", "other")).ShouldBe(1);

        version = 2;
        await cache.InvalidateTagAsync("board", Ct);

        (await Read("test:a", "board")).ShouldBe(2);
        (await Read("test:b", "other")).ShouldBe(1);
    }

    [Fact]
    public async Task HomePage_ForAnonymousVisitors_IsServedFromTheOutputCacheUntilSettingsChange()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://podium.example"),
            HandleCookies = false,
        });
        var first = await client.GetAsync("/", Ct);
        first.Headers.Age.ShouldBeNull();
        // Nothing personal in it: no antiforgery token or cookie, which would also keep it out of the cache.
        first.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await first.Content.ReadAsStringAsync(Ct)).ShouldNotContain("request-verification-token");

        var cached = await client.GetAsync("/", Ct);

        cached.Headers.Age.ShouldNotBeNull("the second visitor gets the stored page");
        (await cached.Content.ReadAsStringAsync(Ct)).ShouldContain(">Podium</h1>");
        // Per-request headers are fresh even on a cached page.
        cached.Headers.GetValues("X-Trace-Id").Single().ShouldNotBe(first.Headers.GetValues("X-Trace-Id").Single());
        cached.Headers.GetValues("RateLimit-Remaining").Single().ShouldNotBe(first.Headers.GetValues("RateLimit-Remaining").Single());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISettingsStore>().SetAsync(SettingKeys.SiteName, "Lakeside Bass Club", Ct);
        }

        var changed = await client.GetAsync("/", Ct);
        changed.Headers.Age.ShouldBeNull("the settings change dropped the stored page");
        (await changed.Content.ReadAsStringAsync(Ct)).ShouldContain(">Lakeside Bass Club</h1>");
    }

    [Fact]
    public async Task PagesWithForms_AreNeverOutputCached()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            var response = await client.GetAsync("/account/sign-in", Ct);
            response.Headers.Age.ShouldBeNull();
            (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("__RequestVerificationToken");
        }
    }

    [Fact]
    public async Task HomePage_ForSignedInPeople_IsNeverTheCachedAnonymousPage()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        await TestUsers.CreateAsync(app, "ada@example.org", "Ada");
        (await app.CreateClient().GetStringAsync("/", Ct)).ShouldContain("Create account");
        var session = new FormSession(app);
        (await session.SignInAsync("ada@example.org", TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await session.GetPageAsync("/");

        page.ShouldContain("Sign out");
        page.ShouldNotContain("Create account");
    }
}
