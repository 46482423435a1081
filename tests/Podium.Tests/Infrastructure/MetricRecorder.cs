using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Podium.Tests.Infrastructure;

/// <summary>Records the measurements one instrument makes while the test runs (all meters of that name, any host).</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(long Value, Dictionary<string, object?> Tags)> _measurements = new();

    public MetricRecorder(string meterName, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            _measurements.Enqueue((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _listener.Start();
    }

    /// <summary>The sum of the measurements whose tags include all of <paramref name="tags"/>.</summary>
    public long Sum(params (string Key, object? Value)[] tags) =>
        _measurements.Where(m => tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value))).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}
