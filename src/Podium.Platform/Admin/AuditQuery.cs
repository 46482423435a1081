using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Platform.Admin;

public sealed record AuditFilter(string? Action, Guid? UserId, string? Outcome, DateTime? FromUtc, DateTime? ToUtc);

public sealed record AuditRow(long Id, DateTime OccurredAt, Guid? ActorId, string? ActorName, string ActorKind, string Action, string? Target, string Outcome, string? IpAddress, string? Details);

/// <summary>Pages through the audit trail for the admin pages, newest first.</summary>
public sealed class AuditQuery(PodiumDbContext db)
{
    public const int PageSize = 50;

    public async Task<Page<AuditRow>> SearchAsync(AuditFilter filter, int page, CancellationToken cancellationToken)
    {
        var query = db.Set<AuditEvent>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action.StartsWith(filter.Action.Trim()));
        }

        if (filter.UserId is { } user)
        {
            var asText = user.ToString();
            query = query.Where(e => e.ActorId == user || e.Target == asText);
        }

        if (!string.IsNullOrWhiteSpace(filter.Outcome))
        {
            query = query.Where(e => e.Outcome == filter.Outcome);
        }

        if (filter.FromUtc is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (filter.ToUtc is { } to)
        {
            query = query.Where(e => e.OccurredAt < to);
        }

        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .GroupJoin(db.Set<PodiumUser>(), e => e.ActorId, u => u.Id, (e, actors) => new { e, actors })
            .SelectMany(x => x.actors.DefaultIfEmpty(), (x, actor) => new AuditRow(
                x.e.Id, x.e.OccurredAt, x.e.ActorId, actor == null ? null : actor.DisplayName, x.e.ActorKind, x.e.Action, x.e.Target, x.e.Outcome, x.e.IpAddress, x.e.Details))
            .ToListAsync(cancellationToken);
        return new Page<AuditRow>([.. rows.OrderByDescending(r => r.Id)], page, PageSize, total);
    }
}
