using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;

namespace Podium.Platform.Outbox;

/// <summary>The outbox's instruments (meter <c>Podium.Outbox</c>).</summary>
internal sealed class OutboxMetrics
{
    public const string MeterName = "Podium.Outbox";

    // Scrapes come every few seconds from each collector; the counts need not be fresher than this.
    private static readonly TimeSpan CountsLifetime = TimeSpan.FromSeconds(5);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failures;
    private readonly Lock _countsLock = new();
    private (DateTimeOffset At, long Backlog, long Parked)? _counts;

    public OutboxMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        var meter = meters.Create(MeterName);
        _delivered = meter.CreateCounter<long>("podium.outbox.delivered", "{message}", "Outbox messages delivered to their handler.");
        _failures = meter.CreateCounter<long>("podium.outbox.failures", "{message}", "Failed outbox delivery attempts.");
        meter.CreateObservableGauge("podium.outbox.backlog", () => Observe(c => c.Backlog), "{message}", "Outbox messages not yet delivered (parked ones excluded).");
        meter.CreateObservableGauge("podium.outbox.parked", () => Observe(c => c.Parked), "{message}", "Outbox messages parked after running out of attempts.");
    }

    public void Delivered(string type) => _delivered.Add(1, new KeyValuePair<string, object?>("type", type));

    public void Failed(string type) => _failures.Add(1, new KeyValuePair<string, object?>("type", type));

    private IEnumerable<Measurement<long>> Observe(Func<(DateTimeOffset At, long Backlog, long Parked), long> pick) =>
        Counts() is { } counts ? [new Measurement<long>(pick(counts))] : [];

    /// <summary>Cached counts; none when the database cannot answer (a scrape must not fail because of it).</summary>
    private (DateTimeOffset At, long Backlog, long Parked)? Counts()
    {
        lock (_countsLock)
        {
            var now = _time.GetUtcNow();
            if (_counts is { } cached && now - cached.At < CountsLifetime)
            {
                return cached;
            }

            try
            {
                // Observable instruments are read synchronously; both counts use the outbox's partial indexes.
                using var scope = _scopes.CreateScope();
                var rows = scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OutboxMessage>();
                var backlog = rows.LongCount(m => m.DeliveredAt == null && m.ParkedAt == null);
                var parked = rows.LongCount(m => m.ParkedAt != null);
                _counts = (now, backlog, parked);
                return _counts;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                return null;
            }
        }
    }
}
