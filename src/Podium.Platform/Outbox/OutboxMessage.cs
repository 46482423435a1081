using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Platform.Outbox;

/// <summary>
/// One side effect waiting to happen (an e-mail, a webhook call): written in the same transaction as the change that
/// caused it, delivered afterwards, at least once, by whichever instance claims it.
/// </summary>
internal sealed class OutboxMessage
{
    public const int TypeMaxLength = 128;
    public const int ErrorMaxLength = 2000;
    public const int ClaimedByMaxLength = 128;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The registered name (e.g. <c>email.send</c>), never a CLR type name, so renaming a class breaks nothing.</summary>
    public string Type { get; set; } = "";

    /// <summary>JSON of the message.</summary>
    public string Payload { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC: not to be attempted before (now at first, later the retry backoff).</summary>
    public DateTime AvailableAt { get; set; }

    /// <summary>Deliveries started (counted when claimed, so a message that crashes its instance still runs out of attempts).</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>The dispatcher holding the lease; with <see cref="ClaimedUntil"/>, nobody else takes the message.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>UTC end of the lease; after it (a crashed or stuck instance) the message can be claimed again.</summary>
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? DeliveredAt { get; set; }

    /// <summary>UTC: set when the attempts ran out; a parked message waits for an administrator's "Retry".</summary>
    public DateTime? ParkedAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("platform_outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Type).HasMaxLength(OutboxMessage.TypeMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.Property(m => m.ClaimedBy).HasMaxLength(OutboxMessage.ClaimedByMaxLength);

        // Partial indexes (same syntax on SQLite and PostgreSQL) stay as small as the work they serve: the
        // dispatcher's claim and the backlog gauge read pending rows only, the admin page parked ones, the purge
        // delivered ones.
        builder.HasIndex(m => m.AvailableAt).HasDatabaseName("ix_platform_outbox_pending")
            .HasFilter("delivered_at IS NULL AND parked_at IS NULL");
        builder.HasIndex(m => m.ParkedAt).HasDatabaseName("ix_platform_outbox_parked")
            .HasFilter("parked_at IS NOT NULL");
        builder.HasIndex(m => m.DeliveredAt).HasDatabaseName("ix_platform_outbox_delivered")
            .HasFilter("delivered_at IS NOT NULL");
    }
}
