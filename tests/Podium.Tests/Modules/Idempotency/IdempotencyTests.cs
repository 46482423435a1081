using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Jobs;
using Podium.Platform.Modules.Idempotency;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Idempotency;

/// <summary><c>Idempotency-Key</c> on writes: one run per caller and key, replays, refusals, and keys that expire.</summary>
public abstract class IdempotencyTests(IdempotencyHost host)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static string NewReference() => $"order-{Guid.NewGuid():N}";

    private Task<HttpResponseMessage> PostAsync(string path, object body, string? apiKey, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyExtensions.HeaderName, idempotencyKey);
        }

        return host.Host.Client.SendAsync(request, _ct);
    }

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues(IdempotencyExtensions.ReplayedHeaderName, out var values) && values.Single() == "true";

    private async Task<List<IdempotencyRecord>> RecordsAsync(string key)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<IdempotencyRecord>().AsNoTracking()
            .Where(r => r.Key == key).ToListAsync(_ct);
    }

    [Fact]
    public async Task Post_WhenRetriedWithTheSameKey_ReplaysTheFirstResponseWithoutRunningAgain()
    {
        var (apiKey, key, reference) = (await host.KeyAsync(), Guid.NewGuid().ToString(), NewReference());

        var first = await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 2 }, apiKey, key);
        var retry = await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 2 }, apiKey, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        Replayed(first).ShouldBeFalse();
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        Replayed(retry).ShouldBeTrue();
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await retry.Content.ReadAsStringAsync(_ct)).ShouldBe(await first.Content.ReadAsStringAsync(_ct));
        host.Orders.RunsOf(reference).ShouldBe(1);
    }

    [Fact]
    public async Task Post_WithoutAKey_RunsEveryTime()
    {
        var (apiKey, reference) = (await host.KeyAsync(), NewReference());

        (await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 1 }, apiKey, null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 1 }, apiKey, null)).StatusCode.ShouldBe(HttpStatusCode.Created);

        host.Orders.RunsOf(reference).ShouldBe(2);
    }

    [Fact]
    public async Task Post_WhenTheSameKeyComesWithAnotherRequest_Is422AndRunsNothing()
    {
        var (apiKey, key, reference) = (await host.KeyAsync(), Guid.NewGuid().ToString(), NewReference());
        (await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 2 }, apiKey, key)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var otherBody = await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 3 }, apiKey, key);
        var otherTarget = await PostAsync(IdempotencyHost.FlakyPath, new { reference, quantity = 2 }, apiKey, key);

        otherBody.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        otherBody.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await otherBody.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("title").GetString().ShouldBe("Idempotency-Key reused");
        otherTarget.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        host.Orders.RunsOf(reference).ShouldBe(1);
    }

    [Fact]
    public async Task Post_WhenTwoRequestsWithOneKeyRunAtOnce_RunsOnceAndBothGetTheSameResponse()
    {
        var (apiKey, key, reference) = (await host.KeyAsync(), Guid.NewGuid().ToString(), NewReference());
        host.Orders.Hold();
        try
        {
            var first = PostAsync(IdempotencyHost.SlowPath, new { reference, quantity = 1 }, apiKey, key);
            await Eventually.HoldsAsync(() => Task.FromResult(host.Orders.RunsOf(reference) == 1), TimeSpan.FromSeconds(10), "the first request running");
            var second = PostAsync(IdempotencyHost.SlowPath, new { reference, quantity = 1 }, apiKey, key);

            // The duplicate waits for the first rather than running beside it.
            await Task.Delay(300, _ct);
            second.IsCompleted.ShouldBeFalse();
            host.Orders.Release();
            var responses = await Task.WhenAll(first, second);

            responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.Created, HttpStatusCode.Created]);
            responses.Count(Replayed).ShouldBe(1);
            (await responses[1].Content.ReadAsStringAsync(_ct)).ShouldBe(await responses[0].Content.ReadAsStringAsync(_ct));
            host.Orders.RunsOf(reference).ShouldBe(1);
        }
        finally
        {
            host.Orders.Release();
        }
    }

    [Fact]
    public async Task Post_WhenTheFirstIsStillRunningAfterTheWait_Is409WithRetryAfter_ThenTheRetryGetsItsResponse()
    {
        var (apiKey, key, reference) = (await host.KeyAsync(), Guid.NewGuid().ToString(), NewReference());
        host.Orders.Hold();
        Task<HttpResponseMessage> first;
        try
        {
            first = PostAsync(IdempotencyHost.SlowPath, new { reference, quantity = 1 }, apiKey, key);
            await Eventually.HoldsAsync(() => Task.FromResult(host.Orders.RunsOf(reference) == 1), TimeSpan.FromSeconds(10), "the first request running");

            var waited = await PostAsync(IdempotencyHost.SlowPath, new { reference, quantity = 1 }, apiKey, key);

            waited.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            waited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
            (await waited.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("title").GetString()!.ShouldContain("in progress");
        }
        finally
        {
            host.Orders.Release();
        }

        var original = await first;
        var retry = await PostAsync(IdempotencyHost.SlowPath, new { reference, quantity = 1 }, apiKey, key);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        Replayed(retry).ShouldBeTrue();
        (await retry.Content.ReadAsStringAsync(_ct)).ShouldBe(await original.Content.ReadAsStringAsync(_ct));
        host.Orders.RunsOf(reference).ShouldBe(1);
    }

    [Fact]
    public async Task Post_WhenTheFirstFailedWith500_KeepsNothingAndTheRetryRuns()
    {
        var (apiKey, key, reference) = (await host.KeyAsync(), Guid.NewGuid().ToString(), NewReference());

        var failed = await PostAsync(IdempotencyHost.FlakyPath, new { reference, quantity = 1 }, apiKey, key);
        (await RecordsAsync(key)).ShouldBeEmpty();
        var retry = await PostAsync(IdempotencyHost.FlakyPath, new { reference, quantity = 1 }, apiKey, key);

        failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        Replayed(retry).ShouldBeFalse();
        host.Orders.RunsOf(reference).ShouldBe(2);
    }

    [Fact]
    public async Task Post_WhenTheFirstWasRefusedWith400_ReplaysTheRefusal()
    {
        var (apiKey, key, reference) = (await host.KeyAsync(), Guid.NewGuid().ToString(), NewReference());

        var refused = await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 0 }, apiKey, key);
        var retry = await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 0 }, apiKey, key);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        retry.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Replayed(retry).ShouldBeTrue();
        retry.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        host.Orders.RunsOf($"refused:{reference}").ShouldBe(1);
    }

    [Fact]
    public async Task Post_WhenTwoCallersUseOneKey_EachRunsTheirOwn()
    {
        var buyer = (await TestUsers.CreateAsync(host.Services, $"two-keys-{Guid.NewGuid():N}@example.org")).User;
        var (first, second) = (await host.KeyAsync(buyer), await host.KeyAsync(buyer));
        var (key, reference) = (Guid.NewGuid().ToString(), NewReference());

        var one = await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 1 }, first, key);
        var other = await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 1 }, second, key);

        // Two programs of one owner, each with its own keys: neither is answered with the other's order.
        Replayed(other).ShouldBeFalse();
        other.Headers.Location.ShouldNotBe(one.Headers.Location);
        host.Orders.RunsOf(reference).ShouldBe(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\"b")]
    [InlineData("key-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab")]
    public async Task Post_WhenTheKeyIsMalformed_Is400AndRunsNothing(string key)
    {
        var (apiKey, reference) = (await host.KeyAsync(), NewReference());

        var response = await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 1 }, apiKey, key);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("title").GetString().ShouldBe("Invalid Idempotency-Key");
        host.Orders.RunsOf(reference).ShouldBe(0);
    }

    [Fact]
    public async Task Post_WhenTheKeyIsQuotedAsTheDraftWritesIt_IsTheSameKeyAsBare()
    {
        var (apiKey, key, reference) = (await host.KeyAsync(), Guid.NewGuid().ToString(), NewReference());

        await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 1 }, apiKey, $"\"{key}\"");
        var retry = await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 1 }, apiKey, key);

        Replayed(retry).ShouldBeTrue();
        host.Orders.RunsOf(reference).ShouldBe(1);
    }

    [Fact]
    public async Task Post_WhenAnAnonymousCallerSendsAKey_Is400_AndWithoutOneRuns()
    {
        var reference = NewReference();

        var keyed = await PostAsync(IdempotencyHost.PublicPath, new { reference, quantity = 1 }, null, Guid.NewGuid().ToString());
        var plain = await PostAsync(IdempotencyHost.PublicPath, new { reference, quantity = 1 }, null, null);

        keyed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await keyed.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("title").GetString()!.ShouldContain("signed-in caller");
        plain.StatusCode.ShouldBe(HttpStatusCode.Created);
        host.Orders.RunsOf(reference).ShouldBe(1);
    }

    [Fact]
    public async Task Key_WhenPastItsLifetime_RunsAgain_AndThePurgeRemovesIt()
    {
        var (apiKey, key, reference) = (await host.KeyAsync(), Guid.NewGuid().ToString(), NewReference());
        (await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 1 }, apiKey, key)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var record = (await RecordsAsync(key)).ShouldHaveSingleItem();
        (record.ExpiresAt - record.CreatedAt).ShouldBe(TimeSpan.FromHours(24));

        host.Clock.Advance(TimeSpan.FromHours(23));
        Replayed(await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 1 }, apiKey, key)).ShouldBeTrue();
        host.Clock.Advance(TimeSpan.FromHours(1));
        var after = await PostAsync(IdempotencyHost.OrdersPath, new { reference, quantity = 1 }, apiKey, key);

        Replayed(after).ShouldBeFalse();
        host.Orders.RunsOf(reference).ShouldBe(2);
        var renewed = (await RecordsAsync(key)).ShouldHaveSingleItem();
        await using var scope = host.Services.CreateAsyncScope();
        var rule = scope.ServiceProvider.GetServices<IRetentionRule>().OfType<ExpiredIdempotencyKeysRule>().Single();
        await rule.DeleteExpiredBatchAsync(renewed.ExpiresAt.AddSeconds(-1), 10_000, _ct);
        (await RecordsAsync(key)).ShouldHaveSingleItem();
        await rule.DeleteExpiredBatchAsync(renewed.ExpiresAt, 10_000, _ct);
        (await RecordsAsync(key)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Key_WhenItsRequestRanPastTheLease_IsTakenOverByTheRetry_AndTheLateResponseIsNotKept()
    {
        var (apiKey, key, reference) = (await host.KeyAsync(), Guid.NewGuid().ToString(), NewReference());
        host.Orders.Hold();
        Task<HttpResponseMessage> stuck;
        try
        {
            stuck = PostAsync(IdempotencyHost.SlowPath, new { reference, quantity = 1 }, apiKey, key);
            await Eventually.HoldsAsync(() => Task.FromResult(host.Orders.RunsOf(reference) == 1), TimeSpan.FromSeconds(10), "the first request running");

            // As if its instance had died: after the lease, the claim is abandoned and the retry runs the request itself.
            host.Clock.Advance(TimeSpan.FromMinutes(2));
            var retry = PostAsync(IdempotencyHost.SlowPath, new { reference, quantity = 1 }, apiKey, key);
            await Eventually.HoldsAsync(() => Task.FromResult(host.Orders.RunsOf(reference) == 2), TimeSpan.FromSeconds(10), "the retry running");
            host.Orders.Release();
            var (late, taken) = (await stuck, await retry);

            late.StatusCode.ShouldBe(HttpStatusCode.Created);
            taken.StatusCode.ShouldBe(HttpStatusCode.Created);
            var replay = await PostAsync(IdempotencyHost.SlowPath, new { reference, quantity = 1 }, apiKey, key);
            Replayed(replay).ShouldBeTrue();
            (await replay.Content.ReadAsStringAsync(_ct)).ShouldBe(await taken.Content.ReadAsStringAsync(_ct));
        }
        finally
        {
            host.Orders.Release();
        }
    }
}

public sealed class IdempotencyTests_Sqlite(SqliteIdempotencyHost host) : IdempotencyTests(host), IClassFixture<SqliteIdempotencyHost>;

public sealed class IdempotencyTests_Postgres(PostgresIdempotencyHost host) : IdempotencyTests(host), IClassFixture<PostgresIdempotencyHost>;
