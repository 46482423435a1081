using System.ComponentModel.DataAnnotations;

namespace Podium.Platform.Outbox;

public sealed class OutboxOptions
{
    public const string SectionName = "Podium:Outbox";

    /// <summary>Whether this instance delivers messages. Off: it only enqueues (another instance delivers).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due messages when nothing woke it (an enqueue here wakes it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages claimed per round trip.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long a claim keeps other instances off a message. Longer than the slowest delivery of a batch; a message
    /// whose lease ran out before its turn is left for the next claim rather than delivered late.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delivery attempts before a message is parked for an administrator.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait after the first failure; doubles with each further failure (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.001", "7.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long delivered messages are kept (a record of what was sent) before the purge job removes them.</summary>
    [Range(1, 3650)]
    public int DeliveredRetentionDays { get; set; } = 7;
}
