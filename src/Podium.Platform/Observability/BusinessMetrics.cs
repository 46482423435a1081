using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace Podium.Platform.Observability;

/// <summary>
/// Counts what people do (sign-ups, page views, predictions, votes) as <c>podium.business.events</c> with an
/// <c>event</c> tag; Prometheus shows it as <c>podium_business_events_total{event="…"}</c>. Modules inject this
/// and call <see cref="Record"/>; the names are a small fixed vocabulary, never ids or user input.
/// </summary>
public sealed partial class BusinessMetrics
{
    public const string MeterName = "Podium.Business";
    public const string InstrumentName = "podium.business.events";

    /// <summary>Event names used by the platform; modules add their own (<c>prediction</c>, <c>vote</c>, …).</summary>
    public static class Events
    {
        public const string Registration = "registration";
        public const string PageView = "page_view";
    }

    private readonly Counter<long> _events;

    public BusinessMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _events = meterFactory.Create(MeterName).CreateCounter<long>(InstrumentName, "{event}", "Things people did, by event.");
    }

    /// <summary>Counts one <paramref name="eventName"/> (snake_case, e.g. <c>registration</c>).</summary>
    /// <exception cref="ArgumentException">The name is not snake_case: every distinct value is a new time series.</exception>
    public void Record(string eventName)
    {
        if (eventName is null || !EventName().IsMatch(eventName))
        {
            throw new ArgumentException($"'{eventName}' is not a snake_case event name such as 'page_view'.", nameof(eventName));
        }

        _events.Add(1, new KeyValuePair<string, object?>("event", eventName));
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex EventName();
}
