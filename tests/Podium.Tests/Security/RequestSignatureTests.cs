using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Podium.Platform.Redis;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security;

public sealed class RequestSignatureTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private static RedisConnection Redis(string? connectionString, string prefix) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = connectionString }).Build(),
        Options.Create(new RedisOptions { KeyPrefix = prefix }),
        new PodiumInstance(),
        TimeProvider.System,
        NullLogger<RedisConnection>.Instance);

    [Fact]
    public void Compute_IsHmacSha256OfTheDocumentedLines()
    {
        const string key = "pod_example";
        var expected = HMACSHA256.HashData(Encoding.ASCII.GetBytes(key), Encoding.UTF8.GetBytes("1767225600\nPOST\n/api/v1/x?y=1\n{\"a\":1}"));

        RequestSignatures.Compute(key, 1767225600, "post", "/api/v1/x?y=1", Encoding.UTF8.GetBytes("{\"a\":1}")).ShouldBe(expected);
    }

    [Fact]
    public async Task ReplayCache_WithoutRedis_RemembersASignatureInTheProcess()
    {
        await using var redis = Redis(null, "p:");
        var cache = new SignatureReplayCache(redis, new TestClock());

        (await cache.FirstSeenAsync("key:abc", Window)).ShouldBeTrue();
        (await cache.FirstSeenAsync("key:abc", Window)).ShouldBeFalse();
        (await cache.FirstSeenAsync("key:def", Window)).ShouldBeTrue();
    }

    [Fact]
    public async Task ReplayCache_WithRedis_CatchesAReplaySentToAnotherInstance()
    {
        var server = TestServices.RequireRedis();
        var prefix = PodiumAppFactory.NewRedisPrefix();
        await using var one = Redis(server, prefix);
        await using var two = Redis(server, prefix);
        await one.GetAsync();
        await two.GetAsync();

        (await new SignatureReplayCache(one, TimeProvider.System).FirstSeenAsync("key:abc", Window)).ShouldBeTrue();
        (await new SignatureReplayCache(two, TimeProvider.System).FirstSeenAsync("key:abc", Window)).ShouldBeFalse();
        (await new SignatureReplayCache(two, TimeProvider.System).FirstSeenAsync("key:def", Window)).ShouldBeTrue();
    }
}
