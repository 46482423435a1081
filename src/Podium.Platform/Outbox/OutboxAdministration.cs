using Podium.Platform.Jobs;
using Microsoft.Extensions.Options;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Data;

namespace Podium.Platform.Outbox;

public sealed record ParkedOutboxMessage(
    Guid Id, string Type, DateTime CreatedAt, DateTime ParkedAt, int Attempts, string? LastError, string PayloadPreview);

public sealed record OutboxOverview(long Backlog, long Parked, IReadOnlyList<ParkedOutboxMessage> ParkedMessages);

/// <summary>What the admin page shows and does: the backlog, parked messages, and sending them again (audited).</summary>
public sealed class OutboxAdministration
{
    /// <summary>Parked messages listed, oldest first; "Retry all" takes every one, listed or not.</summary>
    public const int ListLimit = 100;

    private const int PreviewLength = 300;

    private readonly PodiumDbContext _db;
    private readonly OutboxTypes _types;
    private readonly OutboxSignal _signal;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;

    internal OutboxAdministration(PodiumDbContext db, OutboxTypes types, OutboxSignal signal, IAuditLog audit, TimeProvider time)
    {
        _db = db;
        _types = types;
        _signal = signal;
        _audit = audit;
        _time = time;
    }

    public async Task<OutboxOverview> GetOverviewAsync(CancellationToken cancellationToken)
    {
        var rows = _db.Set<OutboxMessage>().AsNoTracking();
        var backlog = await rows.LongCountAsync(m => m.DeliveredAt == null && m.ParkedAt == null, cancellationToken);
        var parked = await rows.LongCountAsync(m => m.ParkedAt != null, cancellationToken);
        var list = await rows.Where(m => m.ParkedAt != null).OrderBy(m => m.ParkedAt).Take(ListLimit).ToListAsync(cancellationToken);
        return new OutboxOverview(backlog, parked,
            [.. list.Select(m => new ParkedOutboxMessage(m.Id, m.Type, m.CreatedAt, m.ParkedAt!.Value, m.Attempts, m.LastError, Preview(m)))]);
    }

    /// <returns>False when no parked message has this id (unknown, already retried, or delivered).</returns>
    public async Task<bool> RetryAsync(Guid adminId, Guid id, CancellationToken cancellationToken)
    {
        var type = await _db.Set<OutboxMessage>().Where(m => m.Id == id && m.ParkedAt != null).Select(m => m.Type).FirstOrDefaultAsync(cancellationToken);
        var retried = type is not null && await UnparkAsync(_db.Set<OutboxMessage>().Where(m => m.Id == id), cancellationToken) > 0;
        if (retried)
        {
            await _audit.RecordAsync("admin.outbox-retry", AuditOutcome.Success, adminId, id.ToString(), new { type }, cancellationToken);
        }

        return retried;
    }

    /// <returns>How many parked messages were made due again.</returns>
    public async Task<int> RetryAllAsync(Guid adminId, CancellationToken cancellationToken)
    {
        var count = await UnparkAsync(_db.Set<OutboxMessage>(), cancellationToken);
        if (count > 0)
        {
            await _audit.RecordAsync("admin.outbox-retry-all", AuditOutcome.Success, adminId, details: new { count }, cancellationToken: cancellationToken);
        }

        return count;
    }

    /// <summary>A fresh start: all attempts again, due now. The last error stays as a record until the next one.</summary>
    private async Task<int> UnparkAsync(IQueryable<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var count = await messages.Where(m => m.ParkedAt != null).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.ParkedAt, (DateTime?)null).SetProperty(m => m.Attempts, 0).SetProperty(m => m.AvailableAt, now)
                .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
            cancellationToken);
        if (count > 0)
        {
            _signal.Notify();
        }

        return count;
    }

    /// <summary>
    /// The payload with secret-looking fields redacted, shortened; nothing at all for types registered as confidential
    /// (e-mail bodies carry sign-in and reset links) or not known to this build.
    /// </summary>
    private string Preview(OutboxMessage message)
    {
        var type = _types.Find(message.Type);
        if (type is null)
        {
            return "(hidden: type not known to this version)";
        }

        if (type.ConfidentialPayload)
        {
            return "(hidden: may contain links or tokens)";
        }

        try
        {
            var text = AuditLog.Redact(JsonNode.Parse(message.Payload))?.ToJsonString() ?? "null";
            return text.Length <= PreviewLength ? text : text[..PreviewLength] + "…";
        }
        catch (JsonException)
        {
            return "(not valid JSON)";
        }
    }
}

/// <summary>Delivered messages are kept for a while as a record, then removed by the purge job.</summary>
internal sealed class DeliveredOutboxRetentionRule(PodiumDbContext db, IOptions<OutboxOptions> options) : IRetentionRule
{
    private int Days => options.Value.DeliveredRetentionDays;

    public string Name => $"outbox messages delivered more than {Days} days ago";

    public Task<int> DeleteExpiredBatchAsync(DateTime nowUtc, int batchSize, CancellationToken cancellationToken)
    {
        var cutoff = nowUtc.AddDays(-Days);
        return db.Set<OutboxMessage>().DeleteBatchAsync(m => m.DeliveredAt != null && m.DeliveredAt < cutoff, m => m.Id, batchSize, cancellationToken);
    }
}
