using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Security;

namespace Podium.Platform.Audit;

/// <summary>Records who did what, from where, with what outcome. Never throws away or rewrites a row.</summary>
public interface IAuditLog
{
    /// <param name="action">Dotted name, e.g. <c>account.password-changed</c>.</param>
    /// <param name="actorId">The acting user; null for anonymous visitors and the system.</param>
    /// <param name="details">Anything serialisable; keys that look like secrets are redacted.</param>
    Task RecordAsync(string action, string outcome, Guid? actorId, string? target = null, object? details = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the row in the transaction <paramref name="db"/> has open (inside <c>InTransactionAsync</c>), so it commits
    /// with the change it describes, or not at all: no change without its row after a crash, no second row for a unit
    /// that was retried or rolled back. Call it last in the unit: on PostgreSQL it takes the chain's lock, held to the commit.
    /// </summary>
    Task RecordInTransactionAsync(DbContext db, string action, string outcome, Guid? actorId, string? target = null, object? details = null, CancellationToken cancellationToken = default);
}

public sealed record AuditVerification(long RowsChecked, long? BrokenAtId, string? Problem)
{
    public bool Intact => BrokenAtId is null;
}

internal sealed class AuditLog(IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider time) : IAuditLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    // PostgreSQL: appenders on every instance take turns on this lock, held to their commit. SQLite needs none: a
    // transaction begins holding the database's one write lock (BEGIN IMMEDIATE), and a process-wide lock on top of it
    // could deadlock with a unit that already holds the write lock and appends.
    private const long AdvisoryLockKey = 0x506F6469756D41; // "PodiumA"

    private static readonly string[] SecretWords = ["password", "secret", "token", "code", "key", "cookie", "authorization"];

    public async Task RecordAsync(string action, string outcome, Guid? actorId, string? target = null, object? details = null, CancellationToken cancellationToken = default)
    {
        var entry = Describe(action, outcome, actorId, target, details);

        // Its own scope and transaction: an audit row recorded this way must not ride on (or roll back with) the
        // caller's unit of work.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        await db.InTransactionAsync(ct => AppendAsync(db, entry, ct), cancellationToken: cancellationToken);
    }

    private AuditEvent Describe(string action, string outcome, Guid? actorId, string? target, object? details)
    {
        var request = http.HttpContext;
        return new AuditEvent
        {
            OccurredAt = TruncateToMicroseconds(time.GetUtcNow().UtcDateTime),
            ActorId = actorId,
            ActorKind = actorId is not null ? AuditActor.User : request is not null ? AuditActor.Anonymous : AuditActor.System,
            IpAddress = request is null ? null : ClientAddress.Of(request)?.ToString(),
            UserAgent = Truncate(request?.Request.Headers.UserAgent.ToString(), 512),
            Action = action,
            Target = Truncate(target, 200),
            Outcome = outcome,
            Details = details is null ? null : Redact(JsonSerializer.SerializeToNode(details, JsonSerializerOptions.Web))?.ToJsonString(),
        };
    }

    public Task RecordInTransactionAsync(DbContext db, string action, string outcome, Guid? actorId, string? target = null, object? details = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("RecordInTransactionAsync appends to the caller's transaction: call it inside InTransactionAsync, or use RecordAsync.");
        }

        return AppendAsync(db, Describe(action, outcome, actorId, target, details), cancellationToken);
    }

    /// <summary>
    /// Appends <paramref name="entry"/> to the chain in the transaction <paramref name="db"/> has open. The previous hash is
    /// read only once this transaction is the chain's one appender, and under READ COMMITTED (PostgreSQL's default, and
    /// what units that audit use), so it sees the row the appender before committed. Written with its own INSERT, not
    /// through the change tracker: the caller's tracked changes stay the caller's, and a retried unit appends afresh.
    /// </summary>
    private static async Task AppendAsync(DbContext db, AuditEvent e, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        }

        e.PreviousHash = (await db.Set<AuditEvent>().OrderByDescending(r => r.Id).Select(r => r.Hash).Take(1).ToListAsync(cancellationToken))
            .SingleOrDefault() ?? Genesis;
        e.Hash = ComputeHash(e);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO platform_audit_events ("occurred_at", "actor_id", "actor_kind", "ip_address", "user_agent", "action", "target", "outcome", "details", "previous_hash", "hash")
            VALUES ({e.OccurredAt}, {e.ActorId}, {e.ActorKind}, {e.IpAddress}, {e.UserAgent}, {e.Action}, {e.Target}, {e.Outcome}, {e.Details}, {e.PreviousHash}, {e.Hash})
            """,
            cancellationToken);
    }

    public static async Task<AuditVerification> VerifyAsync(PodiumDbContext db, CancellationToken cancellationToken)
    {
        var previous = Genesis;
        long checkedRows = 0;
        await foreach (var row in db.Set<AuditEvent>().AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            checkedRows++;
            if (!string.Equals(row.PreviousHash, previous, StringComparison.Ordinal))
            {
                return new AuditVerification(checkedRows, row.Id, "its previous-hash does not match the row before it (a row was deleted or inserted)");
            }

            if (!string.Equals(ComputeHash(row), row.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(checkedRows, row.Id, "its content does not match its hash (the row was edited)");
            }

            previous = row.Hash;
        }

        return new AuditVerification(checkedRows, null, null);
    }

    internal static string ComputeHash(AuditEvent e)
    {
        // Field by field, length-prefixed, so no two different rows can serialise to the same text.
        var content = new StringBuilder();
        foreach (var field in new[]
        {
            e.PreviousHash,
            e.OccurredAt.Ticks.ToString(CultureInfo.InvariantCulture),
            e.ActorId?.ToString("D"),
            e.ActorKind,
            e.IpAddress,
            e.UserAgent,
            e.Action,
            e.Target,
            e.Outcome,
            e.Details,
        })
        {
            content.Append(field is null ? "-1:" : $"{field.Length}:{field}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())));
    }

    internal static JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    obj[key] = SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase)) ? "***" : Redact(value?.DeepClone());
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Redact(array[i]?.DeepClone());
                }

                return array;
            default:
                return node;
        }
    }

    private static DateTime TruncateToMicroseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
