using Microsoft.Extensions.Options;
using Podium.Platform.Outbox;

namespace Podium.Tests.Outbox;

public sealed class OutboxBackoffTests
{
    private static OutboxBackoff Backoff(int seed, double baseSeconds = 2, double maxSeconds = 3600) =>
        new(Options.Create(new OutboxOptions { RetryBaseDelay = TimeSpan.FromSeconds(baseSeconds), MaxRetryDelay = TimeSpan.FromSeconds(maxSeconds) }), new Random(seed));

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(6, 64)]
    [InlineData(12, 3600)]
    [InlineData(1000, 3600)]
    public void Delay_AfterFailures_IsBetweenHalfAndAllOfTheCappedExponential(int failures, double ceilingSeconds)
    {
        var backoff = Backoff(seed: 7);

        for (var i = 0; i < 200; i++)
        {
            var delay = backoff.Delay(failures).TotalSeconds;
            delay.ShouldBeGreaterThanOrEqualTo(ceilingSeconds / 2);
            delay.ShouldBeLessThanOrEqualTo(ceilingSeconds);
        }
    }

    [Fact]
    public void Delay_WithTheSameSeed_IsReproducibleAndWithOthersItVaries()
    {
        var first = Enumerable.Range(1, 8).Select(Backoff(seed: 42).Delay).ToList();
        var again = Enumerable.Range(1, 8).Select(Backoff(seed: 42).Delay).ToList();
        var other = Enumerable.Range(1, 8).Select(Backoff(seed: 43).Delay).ToList();

        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public void Delay_ForMessagesThatFailedTogether_SpreadsTheirRetries()
    {
        var backoff = Backoff(seed: 1);

        var retries = Enumerable.Range(0, 50).Select(_ => backoff.Delay(3)).ToList();

        retries.Distinct().Count().ShouldBeGreaterThan(40);
        (retries.Max() - retries.Min()).ShouldBeGreaterThan(TimeSpan.FromSeconds(2));
    }
}
