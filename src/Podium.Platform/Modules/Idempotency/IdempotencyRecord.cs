using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Platform.Modules.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> of one caller: first a claim (the request is running somewhere), then the response it
/// got, replayed to every retry until <see cref="ExpiresAt"/>. The unique (caller, key) index is what lets exactly one
/// of two simultaneous requests, on any instance, run.
/// </summary>
internal sealed class IdempotencyRecord
{
    public const int CallerMaxLength = 64;
    public const int KeyMaxLength = 255;
    public const int HashLength = 64;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Whose key it is (<c>user:…</c> or <c>api-key:…</c>): two callers may use the same key for different things.</summary>
    public string Caller { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>Hex SHA-256 of method, target and body: the same key with another request is refused, not replayed.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>Changes with every claim, so a request whose lease was taken over cannot complete or release the new one.</summary>
    public Guid LeaseToken { get; set; }

    /// <summary>UTC; while running, after this the claim is taken to be abandoned (its instance died) and may be taken over.</summary>
    public DateTime? LeaseUntil { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC; after this the key is free again, and the purge job removes the row.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>
    /// UTC; set in the same transaction as the request's write (<c>InTransactionAsync</c>), so it is there exactly when the
    /// write committed. A key committed but not completed belongs to a request that died (or is storing its response):
    /// a retry must not write again.
    /// </summary>
    public DateTime? CommittedAt { get; set; }

    /// <summary>UTC; null while the first request is running.</summary>
    public DateTime? CompletedAt { get; set; }

    public int? StatusCode { get; set; }

    /// <summary>JSON object of the response headers a replay repeats (content type, location).</summary>
    public string? ResponseHeaders { get; set; }

    public byte[]? ResponseBody { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("platform_idempotency_keys");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Caller).HasMaxLength(IdempotencyRecord.CallerMaxLength);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        builder.Property(r => r.RequestHash).HasMaxLength(IdempotencyRecord.HashLength);
        builder.Property(r => r.ResponseHeaders).HasMaxLength(4000);
        builder.HasIndex(r => new { r.Caller, r.Key }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
    }
}
