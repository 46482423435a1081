using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Feeds;

/// <summary>Outside feeds (<c>Podium:Feeds</c>): each source's address, key, switch, schedule and resilience, and how long runs are kept.</summary>
public sealed class FeedsOptions
{
    public const string SectionName = "Podium:Feeds";

    /// <summary>By source key (<c>Podium:Feeds:Sources:scores.primary:BaseUrl</c>); a source not listed keeps its registered defaults.</summary>
    public Dictionary<string, FeedSourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Feed runs older than this are deleted by the purge job.</summary>
    [Range(1, 3_650)]
    public int RunsRetentionDays { get; set; } = 90;

    /// <summary>How long an instance trusts the source settings it read; another instance's admin change reaches it within this.</summary>
    [Range(0, 3_600)]
    public int SettingsRefreshSeconds { get; set; } = 30;

    /// <summary>Runs listed per source on <c>/admin/feeds</c>.</summary>
    [Range(1, 100)]
    public int RecentRunsShown { get; set; } = 10;

    internal FeedSourceOptions For(string key) => Sources.TryGetValue(key, out var source) ? source : Default;

    private static readonly FeedSourceOptions Default = new();
}

/// <summary>One source's settings. Base URL, key, switch and schedule set on the admin page win over these.</summary>
public sealed class FeedSourceOptions
{
    /// <summary>An absolute http(s) URL; the registered default when empty.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Better set on the admin page (stored encrypted); from here it comes from the environment or a secret store.</summary>
    public string? ApiKey { get; set; }

    public bool? Enabled { get; set; }

    /// <summary>How often its data is wanted, as an interval (<c>00:15:00</c>).</summary>
    public string? Schedule { get; set; }

    /// <summary>One attempt's limit.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>The limit of a call with all its retries.</summary>
    public double TotalTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after a failed attempt (5xx, 408, 429, a timeout, a refused connection), 1 to 10.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's wait; later ones grow exponentially, with jitter.</summary>
    public double RetryDelaySeconds { get; set; } = 1;

    /// <summary>The share of failed calls within <see cref="SamplingDurationSeconds"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls within the sampling window before the circuit may open at all.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window failures are counted in; at least twice the attempt timeout.</summary>
    public double SamplingDurationSeconds { get; set; } = 30;

    /// <summary>How long an open circuit refuses calls (without sending them) before letting one through to test the source.</summary>
    public double BreakDurationSeconds { get; set; } = 30;

    internal TimeSpan? ParsedSchedule => FeedSchedule.TryParse(Schedule, out var interval) ? interval : null;
}

internal static class FeedSchedule
{
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Longest = TimeSpan.FromDays(31);

    /// <summary>An interval in the invariant <c>[d.]hh:mm:ss</c> form, between 10 seconds and 31 days.</summary>
    public static bool TryParse(string? text, out TimeSpan interval) =>
        TimeSpan.TryParseExact(text?.Trim(), "c", CultureInfo.InvariantCulture, out interval) && interval >= Shortest && interval <= Longest;

    public static string Format(TimeSpan interval) => interval.ToString("c", CultureInfo.InvariantCulture);
}

/// <summary>Refuses to start on a source setting nobody could mean, naming the key.</summary>
internal sealed class FeedsOptionsValidator(IEnumerable<FeedSourceDefinition> definitions) : IValidateOptions<FeedsOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedsOptions options)
    {
        var known = definitions.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var (key, source) in options.Sources)
        {
            var at = $"{FeedsOptions.SectionName}:Sources:{key}";
            if (!known.Contains(key))
            {
                failures.Add($"{at} names no registered feed source (registered: {(known.Count == 0 ? "none" : string.Join(", ", known.Order(StringComparer.Ordinal)))}).");
                continue;
            }

            if (!string.IsNullOrWhiteSpace(source.BaseUrl) && FeedSourceDefinition.ParseBaseUrl(source.BaseUrl) is null)
            {
                failures.Add($"{at}:BaseUrl '{source.BaseUrl}' is not an absolute http(s) URL without a query string.");
            }

            if (!string.IsNullOrWhiteSpace(source.Schedule) && source.ParsedSchedule is null)
            {
                failures.Add($"{at}:Schedule '{source.Schedule}' is not an interval such as 00:15:00 (10 seconds to 31 days).");
            }

            Check(failures, at, "AttemptTimeoutSeconds", source.AttemptTimeoutSeconds, 0.01, 3_600);
            Check(failures, at, "TotalTimeoutSeconds", source.TotalTimeoutSeconds, 0.01, 3_600);
            Check(failures, at, "RetryDelaySeconds", source.RetryDelaySeconds, 0, 600);
            Check(failures, at, "FailureRatio", source.FailureRatio, 0.01, 1);
            Check(failures, at, "SamplingDurationSeconds", source.SamplingDurationSeconds, 0.5, 86_400);
            Check(failures, at, "BreakDurationSeconds", source.BreakDurationSeconds, 0.5, 86_400);
            Check(failures, at, "MaxRetryAttempts", source.MaxRetryAttempts, 1, 10);
            Check(failures, at, "MinimumThroughput", source.MinimumThroughput, 2, 100_000);
            if (source.TotalTimeoutSeconds < source.AttemptTimeoutSeconds)
            {
                failures.Add($"{at}:TotalTimeoutSeconds must not be shorter than AttemptTimeoutSeconds.");
            }

            // The resilience pipeline refuses a window shorter than that: say so at start, by key, rather than at the first call.
            if (source.SamplingDurationSeconds < 2 * source.AttemptTimeoutSeconds)
            {
                failures.Add($"{at}:SamplingDurationSeconds must be at least twice AttemptTimeoutSeconds.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string at, string setting, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:{setting} must be between {min} and {max}; it is {value}."));
        }
    }
}
