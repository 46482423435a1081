using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Platform.Audit;

/// <summary>
/// One row of the append-only audit trail. <see cref="Hash"/> is SHA-256 over the previous row's hash and this
/// row's content, so editing or deleting a row breaks the chain at that row (<c>podium audit verify</c>).
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    /// <summary>UTC, truncated to microseconds (what both databases store exactly).</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>The user who acted; null for the system or an anonymous visitor.</summary>
    public Guid? ActorId { get; set; }

    public string ActorKind { get; set; } = AuditActor.System;

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>What happened, e.g. <c>account.sign-in</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What it happened to, e.g. a user id.</summary>
    public string? Target { get; set; }

    public string Outcome { get; set; } = AuditOutcome.Success;

    /// <summary>JSON object, secrets redacted.</summary>
    public string? Details { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}

public static class AuditActor
{
    public const string User = "user";
    public const string Anonymous = "anonymous";
    public const string System = "system";
}

public static class AuditOutcome
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("platform_audit_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ActorKind).HasMaxLength(16);
        builder.Property(e => e.IpAddress).HasMaxLength(45);
        builder.Property(e => e.UserAgent).HasMaxLength(512);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Target).HasMaxLength(200);
        builder.Property(e => e.Outcome).HasMaxLength(16);
        builder.Property(e => e.Details).HasMaxLength(8000);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.ActorId, e.OccurredAt });
        builder.HasIndex(e => new { e.Action, e.OccurredAt });
    }
}
