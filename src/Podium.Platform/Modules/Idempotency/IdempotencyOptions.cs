using System.ComponentModel.DataAnnotations;

namespace Podium.Platform.Modules.Idempotency;

public sealed class IdempotencyOptions
{
    public const string SectionName = "Podium:Idempotency";

    /// <summary>How long a key's first response is kept and replayed; after it the key may be used again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a request waits for another one with its key that is still running, before answering 409.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan InFlightWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a running request holds its key. After it the claim counts as abandoned (its instance died) and a retry
    /// runs the request again. Longer than any write takes, and than a client's own timeout (HttpClient's is 100 s), so a
    /// client that gave up and retried still meets the first request's claim.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a request holds its key once its write committed: all that is left is to store the response, which takes
    /// milliseconds, so a retry does not wait <see cref="InFlightLease"/> for an instance that died right after its
    /// commit. A retry taking over a committed key never writes again (see <see cref="IdempotencyClaim.Owned.Replay"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan CommittedLease { get; set; } = TimeSpan.FromSeconds(5);
}
