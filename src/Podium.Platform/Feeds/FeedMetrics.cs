using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Podium.Platform.Feeds;

/// <summary>
/// Outbound calls to feeds by source and status (<c>podium_feeds_requests_total</c>, <c>podium_feeds_request_duration_seconds_*</c>)
/// and what each fetch was answered with (<c>podium_feeds_fetches_total{provenance}</c>). Tags are source keys and
/// status codes only: never a URL, which may carry a key.
/// </summary>
internal sealed class FeedMetrics
{
    public const string MeterName = "Podium.Feeds";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _fetches;

    public FeedMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("podium.feeds.requests", "{request}", "Calls sent to outside feeds, by source and status.");
        _duration = meter.CreateHistogram<double>("podium.feeds.request.duration", "s", "How long calls to outside feeds took, by source and status.");
        _fetches = meter.CreateCounter<long>("podium.feeds.fetches", "{fetch}", "Fetches through a fallback chain, by the source that answered and its provenance.");
    }

    /// <param name="status">The HTTP status code, or <c>timeout</c> / <c>error</c> when no answer came.</param>
    public void RecordRequest(string source, string status, TimeSpan duration)
    {
        var tags = new TagList { { "source", source }, { "status", status } };
        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    public void RecordFetch(string? source, string provenance) =>
        _fetches.Add(1, new TagList { { "source", source ?? "none" }, { "provenance", provenance } });
}
