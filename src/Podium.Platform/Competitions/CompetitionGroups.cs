using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Podium.Platform.Api;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Input;
using Podium.Platform.Modules.Commands;
using Podium.Platform.Modules.Events;
using Podium.Platform.RateLimiting;

namespace Podium.Platform.Competitions;

/// <summary>A group as one of its members sees it; the invite code only for owners, who hand it out.</summary>
public sealed record GroupSummary(
    Guid Id, string Kind, string Name, DateTime CreatedAt, int MemberCount, int MaxMembers, GroupRole MyRole, DateTime JoinedAt, string? InviteCode);

public sealed record GroupMember(Guid UserId, string DisplayName, GroupRole Role, DateTime JoinedAt)
{
    /// <summary>A made-up member of demo data (<see cref="Identity.PodiumUser.IsSample"/>): shown as such, never as a person.</summary>
    public bool IsSample { get; init; }
}

/// <summary>Published when someone stops being a member (left, or removed by an owner), so a module drops them from its group board.</summary>
public sealed record GroupMemberLeft(Guid GroupId, string Kind, Guid UserId, bool Removed)
{
    public const string Name = "competitions.group-member-left";
}

/// <summary>Published when an owner deletes a group (or its last member leaves): its board and entries can go.</summary>
public sealed record GroupDeleted(Guid GroupId, string Kind)
{
    public const string Name = "competitions.group-deleted";
}

/// <summary>
/// Private groups (leagues, pools): create, join by invite code, leave, remove, hand over, delete; each change audited in
/// its own transaction. Every operation names the group's kind, so one module's endpoints never reach another's groups.
/// Bad input is a failed <see cref="CommandResult{T}"/> (field errors, 404, 403, 409, 429), never an exception, and
/// changes nothing. A group someone is not a member of is "not found" to them: its existence is private too.
/// </summary>
public interface ICompetitionGroups
{
    Task<CommandResult<GroupSummary>> CreateAsync(string kind, Guid ownerId, string? name, int? maxMembers = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Joins the group of <paramref name="kind"/> whose code this is. Joining a group one is in already is no change (the
    /// same summary). Each attempt costs one of the user's invite-code attempts (<see cref="CompetitionOptions"/>), checked
    /// before the code is looked up, so guessing codes runs into a 429 whether the guesses are right or not.
    /// </summary>
    Task<CommandResult<GroupSummary>> JoinAsync(string kind, Guid userId, string? code, CancellationToken cancellationToken = default);

    Task<GroupSummary?> GetAsync(string kind, Guid groupId, Guid viewerId, CancellationToken cancellationToken = default);

    /// <summary>A new code for the group; the old one stops working at once. Owners only.</summary>
    Task<CommandResult<GroupSummary>> RotateInviteCodeAsync(string kind, Guid groupId, Guid ownerId, CancellationToken cancellationToken = default);

    /// <summary>An owner leaves only when another owner remains or nobody else does (the group then goes with them).</summary>
    Task<CommandResult<bool>> LeaveAsync(string kind, Guid groupId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>An owner removes a member (an owner must be made a member first).</summary>
    Task<CommandResult<bool>> RemoveMemberAsync(string kind, Guid groupId, Guid ownerId, Guid memberId, CancellationToken cancellationToken = default);

    /// <summary>An owner makes a member a co-owner, or an owner a member again; a group always keeps one owner.</summary>
    Task<CommandResult<bool>> SetRoleAsync(string kind, Guid groupId, Guid ownerId, Guid memberId, GroupRole role, CancellationToken cancellationToken = default);

    /// <summary>The owner makes a member the owner and becomes a member.</summary>
    Task<CommandResult<bool>> HandOverAsync(string kind, Guid groupId, Guid ownerId, Guid newOwnerId, CancellationToken cancellationToken = default);

    Task<CommandResult<bool>> DeleteAsync(string kind, Guid groupId, Guid ownerId, CancellationToken cancellationToken = default);

    /// <summary>The groups of <paramref name="kind"/> the user is in, the latest joined first.</summary>
    Task<PagedList<GroupSummary>> MyGroupsAsync(string kind, Guid userId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>The members in the order they joined; only a member may list them (404 to anyone else).</summary>
    Task<CommandResult<PagedList<GroupMember>>> MembersAsync(string kind, Guid groupId, Guid viewerId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Which groups of <paramref name="kind"/> these users are in, for a module's own work (scoring a result onto every
    /// league board of the people who predicted it): no viewer is checked, so never hand it to a request as is. Reads in
    /// the caller's transaction when one is open.
    /// </summary>
    Task<IReadOnlyList<GroupMembership>> MembershipsAsync(string kind, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default);
}

/// <summary>One user's place in one group.</summary>
public sealed record GroupMembership(Guid GroupId, Guid UserId, GroupRole Role, DateTime JoinedAt);

internal sealed class CompetitionGroups(
    PodiumDbContext db,
    IAuditLog audit,
    IDomainEvents events,
    TimeProvider time,
    RateLimitCounter attempts,
    IOptionsMonitor<CompetitionOptions> options,
    CompetitionGroupKinds kinds) : ICompetitionGroups
{
    private const string InviteAttemptsPolicy = "invite-codes";

    public async Task<CommandResult<GroupSummary>> CreateAsync(string kind, Guid ownerId, string? name, int? maxMembers = null, CancellationToken cancellationToken = default)
    {
        var cap = kinds.Cap(kind);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (NameProblem(name) is { } problem)
        {
            errors["name"] = problem;
        }

        if (maxMembers is < 2 || maxMembers > cap)
        {
            errors["maxMembers"] = string.Create(CultureInfo.InvariantCulture, $"A group holds from 2 to {cap} members.");
        }

        if (ownerId == Guid.Empty)
        {
            errors[""] = "Sign in to create a group.";
        }

        if (errors.Count > 0)
        {
            return CommandResult<GroupSummary>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var group = new CompetitionGroup
        {
            Kind = kind,
            Name = name!.Trim(),
            CreatedBy = ownerId,
            CreatedAt = now,
            InviteCode = InviteCodes.Generate(),
            MaxMembers = maxMembers ?? cap,
            MemberCount = 1,
        };
        var owner = new CompetitionGroupMember { GroupId = group.Id, UserId = ownerId, Role = GroupRole.Owner, JoinedAt = now };
        await db.InTransactionAsync(
            async ct =>
            {
                db.Add(group);
                db.Add(owner);
                await db.SaveChangesAsync(ct);
                await audit.RecordInTransactionAsync(db, "competitions.group-created", AuditOutcome.Success, ownerId, Target(group.Id), new { kind, group.Name, group.MaxMembers }, ct);
            },
            cancellationToken: cancellationToken);
        return CommandResult<GroupSummary>.Ok(Summary(group, owner));
    }

    public async Task<CommandResult<GroupSummary>> JoinAsync(string kind, Guid userId, string? code, CancellationToken cancellationToken = default)
    {
        kinds.Cap(kind);
        if (userId == Guid.Empty)
        {
            return CommandResult<GroupSummary>.Invalid("", "Sign in to join a group.");
        }

        var limit = options.CurrentValue.InviteCodeAttempts;
        var decision = await attempts.HitAsync(InviteAttemptsPolicy, userId.ToString("N"), limit);
        if (!decision.Allowed)
        {
            var seconds = (int)Math.Ceiling(decision.ResetAfter.TotalSeconds);
            return CommandResult<GroupSummary>.Failed(new CommandProblem(
                StatusCodes.Status429TooManyRequests,
                "Too many invite codes tried",
                string.Create(CultureInfo.InvariantCulture, $"Try again in {Math.Max(1, seconds)} seconds."))
            {
                Extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["retryAfter"] = Math.Max(1, seconds) },
            });
        }

        if (InviteCodes.Normalize(code) is not { } normalized)
        {
            return CommandResult<GroupSummary>.Invalid("code", "An invite code is 10 letters and digits, like ABCDE-23456.");
        }

        return await db.InTransactionAsync(
            async ct =>
            {
                var id = await db.Set<CompetitionGroup>().AsNoTracking()
                    .Where(g => g.InviteCode == normalized && g.Kind == kind).Select(g => (Guid?)g.Id).FirstOrDefaultAsync(ct);

                // Locked, then read again: the code may have been rotated, or the group deleted, in between.
                var group = id is { } found ? await LockAsync(kind, found, ct) : null;
                if (group is null || group.InviteCode != normalized)
                {
                    return CommandResult<GroupSummary>.Invalid("code", "No group has this invite code. Check it with whoever sent it.");
                }

                var member = await db.Set<CompetitionGroupMember>().FirstOrDefaultAsync(m => m.GroupId == group.Id && m.UserId == userId, ct);
                if (member is not null)
                {
                    return CommandResult<GroupSummary>.Ok(Summary(group, member));
                }

                if (group.MemberCount >= group.MaxMembers)
                {
                    return CommandResult<GroupSummary>.Conflict(
                        "Group is full", string.Create(CultureInfo.InvariantCulture, $"{group.Name} has its {group.MaxMembers} members already."));
                }

                member = new CompetitionGroupMember { GroupId = group.Id, UserId = userId, Role = GroupRole.Member, JoinedAt = time.GetUtcNow().UtcDateTime };
                db.Add(member);
                group.MemberCount++;
                await db.SaveChangesAsync(ct);
                await audit.RecordInTransactionAsync(db, "competitions.group-joined", AuditOutcome.Success, userId, Target(group.Id), new { kind }, ct);
                return CommandResult<GroupSummary>.Ok(Summary(group, member));
            },
            cancellationToken: cancellationToken);
    }

    public async Task<GroupSummary?> GetAsync(string kind, Guid groupId, Guid viewerId, CancellationToken cancellationToken = default)
    {
        kinds.Cap(kind);
        var row = await (
                from g in db.Set<CompetitionGroup>().AsNoTracking()
                join m in db.Set<CompetitionGroupMember>().AsNoTracking() on g.Id equals m.GroupId
                where g.Id == groupId && g.Kind == kind && m.UserId == viewerId
                select new { Group = g, Member = m })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Summary(row.Group, row.Member);
    }

    public Task<CommandResult<GroupSummary>> RotateInviteCodeAsync(string kind, Guid groupId, Guid ownerId, CancellationToken cancellationToken = default) =>
        AsOwnerAsync<GroupSummary>(kind, groupId, ownerId, async (group, owner, ct) =>
        {
            group.InviteCode = InviteCodes.Generate();
            await db.SaveChangesAsync(ct);
            await audit.RecordInTransactionAsync(db, "competitions.invite-code-rotated", AuditOutcome.Success, ownerId, Target(group.Id), new { kind }, ct);
            return CommandResult<GroupSummary>.Ok(Summary(group, owner));
        }, cancellationToken);

    public async Task<CommandResult<bool>> LeaveAsync(string kind, Guid groupId, Guid userId, CancellationToken cancellationToken = default)
    {
        kinds.Cap(kind);
        return await db.InTransactionAsync(
            async ct =>
            {
                var group = await LockAsync(kind, groupId, ct);
                var member = group is null ? null : await db.Set<CompetitionGroupMember>().FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId, ct);
                if (group is null || member is null)
                {
                    return GroupNotFound<bool>();
                }

                if (group.MemberCount == 1)
                {
                    await DeleteGroupAsync(group, userId, "competitions.group-left", ct);
                    return CommandResult<bool>.Ok(true);
                }

                if (member.Role == GroupRole.Owner && !await OtherOwnerAsync(groupId, userId, ct))
                {
                    return CommandResult<bool>.Conflict("Hand the group over first", "You own this group: make another member its owner before you leave.");
                }

                await DropAsync(group, member, userId, removed: false, ct);
                return CommandResult<bool>.Ok(true);
            },
            cancellationToken: cancellationToken);
    }

    public Task<CommandResult<bool>> RemoveMemberAsync(string kind, Guid groupId, Guid ownerId, Guid memberId, CancellationToken cancellationToken = default) =>
        AsOwnerAsync<bool>(kind, groupId, ownerId, async (group, owner, ct) =>
        {
            if (memberId == ownerId)
            {
                return CommandResult<bool>.Invalid("memberId", "To leave the group yourself, use Leave.");
            }

            var member = await db.Set<CompetitionGroupMember>().FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == memberId, ct);
            if (member is null)
            {
                return CommandResult<bool>.Invalid("memberId", "That person is not a member of this group.");
            }

            if (member.Role == GroupRole.Owner)
            {
                return CommandResult<bool>.Conflict("Member is an owner", "Make this owner a member before removing them.");
            }

            await DropAsync(group, member, ownerId, removed: true, ct);
            return CommandResult<bool>.Ok(true);
        }, cancellationToken);

    public Task<CommandResult<bool>> SetRoleAsync(string kind, Guid groupId, Guid ownerId, Guid memberId, GroupRole role, CancellationToken cancellationToken = default) =>
        AsOwnerAsync<bool>(kind, groupId, ownerId, async (group, owner, ct) =>
        {
            if (!Enum.IsDefined(role))
            {
                return CommandResult<bool>.Invalid("role", "The role is owner or member.");
            }

            var member = await db.Set<CompetitionGroupMember>().FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == memberId, ct);
            if (member is null)
            {
                return CommandResult<bool>.Invalid("memberId", "That person is not a member of this group.");
            }

            if (member.Role == role)
            {
                return CommandResult<bool>.Ok(false);
            }

            if (role == GroupRole.Member && !await OtherOwnerAsync(groupId, memberId, ct))
            {
                return CommandResult<bool>.Conflict("A group needs an owner", "Make another member an owner first.");
            }

            member.Role = role;
            await db.SaveChangesAsync(ct);
            await audit.RecordInTransactionAsync(db, "competitions.role-changed", AuditOutcome.Success, ownerId, Target(groupId), new { kind, memberId, role = Role(role) }, ct);
            return CommandResult<bool>.Ok(true);
        }, cancellationToken);

    public Task<CommandResult<bool>> HandOverAsync(string kind, Guid groupId, Guid ownerId, Guid newOwnerId, CancellationToken cancellationToken = default) =>
        AsOwnerAsync<bool>(kind, groupId, ownerId, async (group, owner, ct) =>
        {
            var heir = newOwnerId == ownerId
                ? null
                : await db.Set<CompetitionGroupMember>().FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == newOwnerId, ct);
            if (heir is null)
            {
                return CommandResult<bool>.Invalid("newOwnerId", "Hand the group to another member of it.");
            }

            heir.Role = GroupRole.Owner;
            owner.Role = GroupRole.Member;
            await db.SaveChangesAsync(ct);
            await audit.RecordInTransactionAsync(db, "competitions.group-handed-over", AuditOutcome.Success, ownerId, Target(groupId), new { kind, newOwnerId }, ct);
            return CommandResult<bool>.Ok(true);
        }, cancellationToken);

    public Task<CommandResult<bool>> DeleteAsync(string kind, Guid groupId, Guid ownerId, CancellationToken cancellationToken = default) =>
        AsOwnerAsync<bool>(kind, groupId, ownerId, async (group, owner, ct) =>
        {
            await DeleteGroupAsync(group, ownerId, "competitions.group-deleted", ct);
            return CommandResult<bool>.Ok(true);
        }, cancellationToken);

    public async Task<PagedList<GroupSummary>> MyGroupsAsync(string kind, Guid userId, PageRequest page, CancellationToken cancellationToken = default)
    {
        kinds.Cap(kind);
        var mine =
            from m in db.Set<CompetitionGroupMember>().AsNoTracking()
            join g in db.Set<CompetitionGroup>().AsNoTracking() on m.GroupId equals g.Id
            where m.UserId == userId && g.Kind == kind
            select new { Group = g, Member = m };
        var total = await mine.CountAsync(cancellationToken);
        var rows = await mine.OrderByDescending(r => r.Member.JoinedAt).ThenBy(r => r.Group.Id)
            .Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return page.Of(rows.Select(r => Summary(r.Group, r.Member)).ToList(), total);
    }

    public async Task<CommandResult<PagedList<GroupMember>>> MembersAsync(string kind, Guid groupId, Guid viewerId, PageRequest page, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(kind, groupId, viewerId, cancellationToken) is not { } group)
        {
            return GroupNotFound<PagedList<GroupMember>>();
        }

        var rows = await (
                from m in db.Set<CompetitionGroupMember>().AsNoTracking()
                where m.GroupId == groupId
                join u in db.Users.AsNoTracking() on m.UserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                orderby m.JoinedAt, m.UserId
                select new GroupMember(m.UserId, u == null ? "" : u.DisplayName, m.Role, m.JoinedAt) { IsSample = u != null && u.IsSample })
            .Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return CommandResult<PagedList<GroupMember>>.Ok(page.Of(rows, group.MemberCount));
    }

    public async Task<IReadOnlyList<GroupMembership>> MembershipsAsync(string kind, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default)
    {
        kinds.Cap(kind);
        ArgumentNullException.ThrowIfNull(userIds);
        var found = new List<GroupMembership>();

        // In slices: one IN list per thousand users keeps each statement within both providers' parameter limits.
        foreach (var slice in userIds.Distinct().Chunk(1000))
        {
            found.AddRange(await (
                    from m in db.Set<CompetitionGroupMember>().AsNoTracking()
                    join g in db.Set<CompetitionGroup>().AsNoTracking() on m.GroupId equals g.Id
                    where g.Kind == kind && slice.Contains(m.UserId)
                    select new GroupMembership(m.GroupId, m.UserId, m.Role, m.JoinedAt))
                .ToListAsync(cancellationToken));
        }

        return found;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the group locked and the actor's membership loaded, when the actor is one of its
    /// owners: 404 to a stranger (the group is private), 403 to a member.
    /// </summary>
    private async Task<CommandResult<T>> AsOwnerAsync<T>(
        string kind, Guid groupId, Guid ownerId, Func<CompetitionGroup, CompetitionGroupMember, CancellationToken, Task<CommandResult<T>>> work, CancellationToken cancellationToken)
    {
        kinds.Cap(kind);
        return await db.InTransactionAsync(
            async ct =>
            {
                var group = await LockAsync(kind, groupId, ct);
                var actor = group is null ? null : await db.Set<CompetitionGroupMember>().FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == ownerId, ct);
                if (group is null || actor is null)
                {
                    return GroupNotFound<T>();
                }

                return actor.Role == GroupRole.Owner
                    ? await work(group, actor, ct)
                    : CommandResult<T>.Forbidden("Owners only", "Only an owner of the group can do this.");
            },
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Takes the group's row lock (an UPDATE that changes nothing) and then reads the row: joins, leaves and role changes
    /// of one group run one at a time on PostgreSQL, so the member cap and "always an owner" hold under concurrency.
    /// SQLite's unit already holds the database's write lock.
    /// </summary>
    private async Task<CompetitionGroup?> LockAsync(string kind, Guid groupId, CancellationToken cancellationToken)
    {
        var locked = await db.Set<CompetitionGroup>().Where(g => g.Id == groupId && g.Kind == kind)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.MemberCount, g => g.MemberCount), cancellationToken);
        return locked == 0 ? null : await db.Set<CompetitionGroup>().SingleAsync(g => g.Id == groupId, cancellationToken);
    }

    private Task<bool> OtherOwnerAsync(Guid groupId, Guid userId, CancellationToken cancellationToken) =>
        db.Set<CompetitionGroupMember>().AnyAsync(m => m.GroupId == groupId && m.UserId != userId && m.Role == GroupRole.Owner, cancellationToken);

    private async Task DropAsync(CompetitionGroup group, CompetitionGroupMember member, Guid actorId, bool removed, CancellationToken cancellationToken)
    {
        db.Remove(member);
        group.MemberCount--;
        events.Publish(new GroupMemberLeft(group.Id, group.Kind, member.UserId, removed));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordInTransactionAsync(
            db, removed ? "competitions.member-removed" : "competitions.group-left", AuditOutcome.Success, actorId, Target(group.Id), new { group.Kind, member.UserId }, cancellationToken);
    }

    private async Task DeleteGroupAsync(CompetitionGroup group, Guid actorId, string action, CancellationToken cancellationToken)
    {
        events.Publish(new GroupDeleted(group.Id, group.Kind));
        await db.SaveChangesAsync(cancellationToken);
        await db.Set<CompetitionGroupMember>().Where(m => m.GroupId == group.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CompetitionGroup>().Where(g => g.Id == group.Id).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordInTransactionAsync(db, action, AuditOutcome.Success, actorId, Target(group.Id), new { group.Kind, group.Name, deleted = true }, cancellationToken);
    }

    private static CommandResult<T> GroupNotFound<T>() =>
        CommandResult<T>.NotFound("Group not found", "There is no such group, or you are not a member of it.");

    private static string? NameProblem(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "Give the group a name.";
        }

        if (trimmed.Length > CompetitionGroup.NameMaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"A group's name is at most {CompetitionGroup.NameMaxLength} characters.");
        }

        // One line, and nothing invisible: a name with a bidirectional override or a line break would misrepresent
        // itself in every list of members' groups.
        return TextRules.IsAcceptable(trimmed) && !trimmed.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            ? null
            : "A group's name is one line of visible characters.";
    }

    private static GroupSummary Summary(CompetitionGroup group, CompetitionGroupMember member) => new(
        group.Id,
        group.Kind,
        group.Name,
        group.CreatedAt,
        group.MemberCount,
        group.MaxMembers,
        member.Role,
        member.JoinedAt,
        member.Role == GroupRole.Owner ? InviteCodes.Format(group.InviteCode) : null);

    private static string Role(GroupRole role) => role == GroupRole.Owner ? "owner" : "member";

    private static string Target(Guid groupId) => $"competition-group:{groupId}";
}
