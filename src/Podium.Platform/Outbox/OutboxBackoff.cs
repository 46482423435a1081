using Microsoft.Extensions.Options;

namespace Podium.Platform.Outbox;

/// <summary>When a failed message is tried again: exponential in the failures so far, with jitter.</summary>
internal sealed class OutboxBackoff(IOptions<OutboxOptions> options, Random random)
{
    private readonly Lock _random = new();

    /// <param name="failures">Failed attempts so far, 1 after the first.</param>
    public TimeSpan Delay(int failures)
    {
        var settings = options.Value;
        var exponential = settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 40));
        var ceiling = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        double fraction;
        lock (_random)
        {
            fraction = random.NextDouble();
        }

        // "Equal jitter": at least half the exponential delay, so it still backs off, and a random rest, so the
        // messages that failed together in one outage do not all come back at the same moment.
        return TimeSpan.FromMilliseconds((ceiling / 2) + (fraction * ceiling / 2));
    }
}
