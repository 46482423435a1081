using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Events;

namespace Podium.Platform.Competitions;

/// <summary>
/// A person's groups and scored entries: exported with their data, gone with the account. Their groups carry on without
/// them: a group they alone owned passes to its longest-standing member (who has been in it longest knows it best),
/// and a group they were the last member of is deleted. Modules hear of each as if the person had left
/// (<see cref="GroupMemberLeft"/>, <see cref="GroupDeleted"/>) and drop them from their group boards.
/// </summary>
internal sealed class CompetitionsPersonalData(PodiumDbContext db, IDomainEvents events) : IPersonalDataContributor
{
    public string Section => "competitions";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken) => new
    {
        groups = await (
                from m in db.Set<CompetitionGroupMember>().AsNoTracking()
                join g in db.Set<CompetitionGroup>().AsNoTracking() on m.GroupId equals g.Id
                where m.UserId == userId
                orderby m.JoinedAt
                select new { g.Kind, g.Name, role = m.Role == GroupRole.Owner ? "owner" : "member", joinedAtUtc = m.JoinedAt })
            .ToListAsync(cancellationToken),
        scores = await db.Set<CompetitionScore>().AsNoTracking().Where(s => s.MemberId == userId)
            .OrderBy(s => s.Competition).ThenBy(s => s.Item)
            .Select(s => new { s.Competition, s.Item, s.Points, s.Counted, s.Correct, enteredAtUtc = s.EnteredAt })
            .ToListAsync(cancellationToken),
    };

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.Set<CompetitionScore>().Where(s => s.MemberId == userId).ExecuteDeleteAsync(cancellationToken);
        var memberships = await db.Set<CompetitionGroupMember>().Where(m => m.UserId == userId).ToListAsync(cancellationToken);
        foreach (var membership in memberships)
        {
            var group = await db.Set<CompetitionGroup>().SingleAsync(g => g.Id == membership.GroupId, cancellationToken);
            var others = await db.Set<CompetitionGroupMember>().Where(m => m.GroupId == group.Id && m.UserId != userId)
                .OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId).ToListAsync(cancellationToken);
            if (others.Count == 0)
            {
                events.Publish(new GroupDeleted(group.Id, group.Kind));
                db.Remove(membership);
                db.Remove(group);
                continue;
            }

            if (membership.Role == GroupRole.Owner && others.All(m => m.Role != GroupRole.Owner))
            {
                others[0].Role = GroupRole.Owner;
            }

            db.Remove(membership);
            group.MemberCount = others.Count;
            events.Publish(new GroupMemberLeft(group.Id, group.Kind, userId, Removed: false));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
