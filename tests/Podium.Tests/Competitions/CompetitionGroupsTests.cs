using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Api;
using Podium.Platform.Audit;
using Podium.Platform.Competitions;
using Podium.Platform.Data;
using Podium.Platform.Modules.Commands;
using Podium.Platform.Modules.Events;
using Podium.Platform.Outbox;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Competitions;

public abstract class CompetitionGroupsFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public const string League = "test.league";
    public const string Pool = "test.pool";
    public const int LeagueCap = 60;
    public const int PoolCap = 3;

    protected override void Configure(PodiumAppFactory app) => app.WithServices(s => s
        .AddCompetitionGroupKind(League, LeagueCap)
        .AddCompetitionGroupKind(Pool, PoolCap)
        .AddDomainEventHandler<GroupMemberLeft, IgnoreGroupEvents>(GroupMemberLeft.Name, "test-board")
        .AddDomainEventHandler<GroupDeleted, IgnoreGroupEvents>(GroupDeleted.Name, "test-board"));
}

/// <summary>A subscriber, so leaving and deleting publish (an event nobody subscribes to writes nothing).</summary>
public sealed class IgnoreGroupEvents : IDomainEventHandler<GroupMemberLeft>, IDomainEventHandler<GroupDeleted>
{
    public Task HandleAsync(GroupMemberLeft domainEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task HandleAsync(GroupDeleted domainEvent, CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class SqliteCompetitionGroupsFixture() : CompetitionGroupsFixture(DatabaseProvider.Sqlite);

public sealed class PostgresCompetitionGroupsFixture() : CompetitionGroupsFixture(DatabaseProvider.Postgres);

/// <summary>Private groups: create, join by code, leave, remove, hand over, delete; bad input changes nothing; concurrent joins lose none.</summary>
public abstract class CompetitionGroupsTests(CompetitionGroupsFixture fixture)
{
    private const string League = CompetitionGroupsFixture.League;

    // Theory data cannot hold null itself.
    private const string NullText = "(null)";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<T> WithGroupsAsync<T>(Func<ICompetitionGroups, Task<T>> call)
    {
        await using var scope = fixture.CreateScope();
        return await call(scope.ServiceProvider.GetRequiredService<ICompetitionGroups>());
    }

    private async Task<GroupSummary> CreateAsync(Guid owner, string name = "Friday Fight Club", string kind = League, int? max = null)
    {
        var created = await WithGroupsAsync(g => g.CreateAsync(kind, owner, name, max, _ct));
        created.Succeeded.ShouldBeTrue(string.Join("; ", created.Errors.SelectMany(e => e.Value)));
        return created.Value!;
    }

    private async Task<GroupSummary> JoinAsync(GroupSummary group, Guid user)
    {
        var joined = await WithGroupsAsync(g => g.JoinAsync(group.Kind, user, group.InviteCode, _ct));
        joined.Succeeded.ShouldBeTrue(joined.Problem?.Detail ?? string.Join("; ", joined.Errors.SelectMany(e => e.Value)));
        return joined.Value!;
    }

    /// <summary>Everything stored about a group: its row, its members, its audit rows and its outbox messages.</summary>
    private async Task<string> StateAsync(Guid groupId)
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var group = await db.Set<CompetitionGroup>().AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId, _ct);
        var members = await db.Set<CompetitionGroupMember>().AsNoTracking().Where(m => m.GroupId == groupId).ToListAsync(_ct);
        var audits = await db.Set<AuditEvent>().CountAsync(e => e.Target == $"competition-group:{groupId}", _ct);
        var id = groupId.ToString();
        var outbox = await db.Set<OutboxMessage>().CountAsync(m => m.Payload.Contains(id), _ct);
        return $"{group?.Name}|{group?.InviteCode}|{group?.MemberCount}|{group?.MaxMembers}|audit {audits}|outbox {outbox}|"
            + string.Join(",", members.OrderBy(m => m.UserId).Select(m => $"{m.UserId}:{m.Role}:{m.JoinedAt:O}"));
    }

    private async Task<List<CompetitionGroupMember>> MembersAsync(Guid groupId)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<CompetitionGroupMember>().AsNoTracking()
            .Where(m => m.GroupId == groupId).ToListAsync(_ct);
    }

    private async Task<List<string>> OutboxTypesAsync(Guid groupId)
    {
        await using var scope = fixture.CreateScope();
        var id = groupId.ToString();
        // Only this test's subscriber: the app's modules subscribe to every kind's events too (and skip other kinds).
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Payload.Contains(id) && m.Type.EndsWith(".test-board")).OrderBy(m => m.Type).Select(m => m.Type).ToListAsync(_ct);
    }

    private async Task<List<string>> AuditActionsAsync(Guid groupId)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Target == $"competition-group:{groupId}").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(_ct);
    }

    private static void ShouldBeProblem<T>(CommandResult<T> result, int status) =>
        result.Problem.ShouldNotBeNull($"expected a {status}, got {(result.Succeeded ? "success" : string.Join("; ", result.Errors.Keys))}").Status.ShouldBe(status);

    private static void ShouldBeFieldError<T>(CommandResult<T> result, string field)
    {
        result.Succeeded.ShouldBeFalse();
        result.Problem.ShouldBeNull();
        result.Errors.Keys.ShouldContain(field);
    }

    [Fact]
    public async Task Create_MakesTheCreatorItsOwnerWithAnInviteCode()
    {
        var owner = Guid.CreateVersion7();

        var group = await CreateAsync(owner, "  Friday Fight Club  ");

        group.Name.ShouldBe("Friday Fight Club");
        group.Kind.ShouldBe(League);
        group.MyRole.ShouldBe(GroupRole.Owner);
        group.MemberCount.ShouldBe(1);
        group.MaxMembers.ShouldBe(CompetitionGroupsFixture.LeagueCap);
        group.InviteCode.ShouldNotBeNull().ShouldMatch("^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$");
        (await AuditActionsAsync(group.Id)).ShouldBe(["competitions.group-created"]);
    }

    [Fact]
    public async Task Join_WithTheCodeInAnyCaseAndSpacing_MakesAMemberWhoDoesNotSeeTheCode()
    {
        var group = await CreateAsync(Guid.CreateVersion7());
        var ben = Guid.CreateVersion7();

        var joined = await WithGroupsAsync(g => g.JoinAsync(League, ben, $"  {group.InviteCode!.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)} ", _ct));

        joined.Succeeded.ShouldBeTrue();
        joined.Value!.Id.ShouldBe(group.Id);
        joined.Value.MyRole.ShouldBe(GroupRole.Member);
        joined.Value.MemberCount.ShouldBe(2);
        joined.Value.InviteCode.ShouldBeNull();
        (await AuditActionsAsync(group.Id)).ShouldBe(["competitions.group-created", "competitions.group-joined"]);
    }

    [Fact]
    public async Task Join_Twice_IsOneMembership()
    {
        var group = await CreateAsync(Guid.CreateVersion7());
        var ben = Guid.CreateVersion7();
        await JoinAsync(group, ben);
        var before = await StateAsync(group.Id);

        (await JoinAsync(group, ben)).MemberCount.ShouldBe(2);

        (await StateAsync(group.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Join_FiftyPeopleAtOnce_LosesNoneAndDoublesNone()
    {
        var group = await CreateAsync(Guid.CreateVersion7());
        var people = Enumerable.Range(0, 50).Select(_ => Guid.CreateVersion7()).ToList();

        var results = await Task.WhenAll(people.Concat(people.Take(10)).Select(async person =>
        {
            await Task.Yield();
            return await WithGroupsAsync(g => g.JoinAsync(League, person, group.InviteCode, _ct));
        }));

        results.ShouldAllBe(r => r.Succeeded);
        var members = await MembersAsync(group.Id);
        members.Count.ShouldBe(51);
        members.Select(m => m.UserId).ShouldBeUnique();
        members.Select(m => m.UserId).ShouldBeSubsetOf(people.Append(members.Single(m => m.Role == GroupRole.Owner).UserId));
        (await WithGroupsAsync(g => g.GetAsync(League, group.Id, people[0], _ct)))!.MemberCount.ShouldBe(51);
        (await AuditActionsAsync(group.Id)).Count(a => a == "competitions.group-joined").ShouldBe(50);
    }

    [Fact]
    public async Task Join_AFullGroupAtOnce_AdmitsOnlyUpToItsCap()
    {
        var group = await CreateAsync(Guid.CreateVersion7(), kind: CompetitionGroupsFixture.Pool);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            await Task.Yield();
            return await WithGroupsAsync(g => g.JoinAsync(CompetitionGroupsFixture.Pool, Guid.CreateVersion7(), group.InviteCode, _ct));
        }));

        results.Count(r => r.Succeeded).ShouldBe(CompetitionGroupsFixture.PoolCap - 1);
        results.Where(r => !r.Succeeded).ShouldAllBe(r => r.Problem!.Status == StatusCodes.Status409Conflict);
        (await MembersAsync(group.Id)).Count.ShouldBe(CompetitionGroupsFixture.PoolCap);
    }

    [Fact]
    public async Task Join_WithAnOwnersLowerCap_StopsThere()
    {
        var group = await CreateAsync(Guid.CreateVersion7(), max: 2);
        await JoinAsync(group, Guid.CreateVersion7());

        ShouldBeProblem(await WithGroupsAsync(g => g.JoinAsync(League, Guid.CreateVersion7(), group.InviteCode, _ct)), StatusCodes.Status409Conflict);
    }

    [Fact]
    public async Task Join_AfterTooManyAttempts_IsRefusedEvenWithTheRightCode()
    {
        var group = await CreateAsync(Guid.CreateVersion7());
        var guesser = Guid.CreateVersion7();
        var before = await StateAsync(group.Id);

        for (var i = 0; i < 10; i++)
        {
            ShouldBeFieldError(await WithGroupsAsync(g => g.JoinAsync(League, guesser, InviteCodes.Generate(), _ct)), "code");
        }

        var refused = await WithGroupsAsync(g => g.JoinAsync(League, guesser, group.InviteCode, _ct));

        ShouldBeProblem(refused, StatusCodes.Status429TooManyRequests);
        ((int)refused.Problem!.Extensions!["retryAfter"]!).ShouldBeInRange(1, 600);
        (await StateAsync(group.Id)).ShouldBe(before);
        (await JoinAsync(group, Guid.CreateVersion7())).MemberCount.ShouldBe(2);
    }

    [Fact]
    public async Task RotateInviteCode_StopsTheOldCodeAndStartsTheNew()
    {
        var owner = Guid.CreateVersion7();
        var group = await CreateAsync(owner);

        var rotated = await WithGroupsAsync(g => g.RotateInviteCodeAsync(League, group.Id, owner, _ct));

        rotated.Value!.InviteCode.ShouldNotBe(group.InviteCode);
        ShouldBeFieldError(await WithGroupsAsync(g => g.JoinAsync(League, Guid.CreateVersion7(), group.InviteCode, _ct)), "code");
        (await JoinAsync(rotated.Value, Guid.CreateVersion7())).Id.ShouldBe(group.Id);
    }

    [Fact]
    public async Task Leave_RemovesTheMemberAndTellsSubscribers()
    {
        var group = await CreateAsync(Guid.CreateVersion7());
        var ben = Guid.CreateVersion7();
        await JoinAsync(group, ben);

        (await WithGroupsAsync(g => g.LeaveAsync(League, group.Id, ben, _ct))).Succeeded.ShouldBeTrue();

        (await MembersAsync(group.Id)).Select(m => m.UserId).ShouldNotContain(ben);
        (await WithGroupsAsync(g => g.GetAsync(League, group.Id, ben, _ct))).ShouldBeNull();
        (await OutboxTypesAsync(group.Id)).ShouldBe([$"{GroupMemberLeft.Name}.test-board"]);
        (await AuditActionsAsync(group.Id)).Last().ShouldBe("competitions.group-left");
    }

    [Fact]
    public async Task Leave_TheOwnerWhileOthersRemain_IsRefusedUntilHandedOver()
    {
        var owner = Guid.CreateVersion7();
        var group = await CreateAsync(owner);
        var ben = Guid.CreateVersion7();
        await JoinAsync(group, ben);
        var before = await StateAsync(group.Id);

        ShouldBeProblem(await WithGroupsAsync(g => g.LeaveAsync(League, group.Id, owner, _ct)), StatusCodes.Status409Conflict);
        (await StateAsync(group.Id)).ShouldBe(before);

        (await WithGroupsAsync(g => g.HandOverAsync(League, group.Id, owner, ben, _ct))).Succeeded.ShouldBeTrue();
        (await WithGroupsAsync(g => g.LeaveAsync(League, group.Id, owner, _ct))).Succeeded.ShouldBeTrue();

        var left = (await MembersAsync(group.Id)).ShouldHaveSingleItem();
        left.UserId.ShouldBe(ben);
        left.Role.ShouldBe(GroupRole.Owner);
    }

    [Fact]
    public async Task Leave_TheLastMember_DeletesTheGroup()
    {
        var owner = Guid.CreateVersion7();
        var group = await CreateAsync(owner);

        (await WithGroupsAsync(g => g.LeaveAsync(League, group.Id, owner, _ct))).Succeeded.ShouldBeTrue();

        (await MembersAsync(group.Id)).ShouldBeEmpty();
        (await StateAsync(group.Id)).ShouldStartWith("||||");
        (await OutboxTypesAsync(group.Id)).ShouldBe([$"{GroupDeleted.Name}.test-board"]);
    }

    [Fact]
    public async Task CoOwners_EitherMayLeaveOrRemoveWhileAnOwnerRemains()
    {
        var owner = Guid.CreateVersion7();
        var group = await CreateAsync(owner);
        var (ben, cal) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await JoinAsync(group, ben);
        await JoinAsync(group, cal);

        (await WithGroupsAsync(g => g.SetRoleAsync(League, group.Id, owner, ben, GroupRole.Owner, _ct))).Value.ShouldBeTrue();
        (await WithGroupsAsync(g => g.RemoveMemberAsync(League, group.Id, ben, cal, _ct))).Succeeded.ShouldBeTrue();
        (await WithGroupsAsync(g => g.LeaveAsync(League, group.Id, owner, _ct))).Succeeded.ShouldBeTrue();

        ShouldBeProblem(await WithGroupsAsync(g => g.SetRoleAsync(League, group.Id, ben, ben, GroupRole.Member, _ct)), StatusCodes.Status409Conflict);
        (await MembersAsync(group.Id)).ShouldHaveSingleItem().Role.ShouldBe(GroupRole.Owner);
        (await OutboxTypesAsync(group.Id)).ShouldBe([$"{GroupMemberLeft.Name}.test-board", $"{GroupMemberLeft.Name}.test-board"]);
    }

    [Fact]
    public async Task RemoveMember_ByTheOwner_RemovesThemAndTellsSubscribers()
    {
        var owner = Guid.CreateVersion7();
        var group = await CreateAsync(owner);
        var ben = Guid.CreateVersion7();
        await JoinAsync(group, ben);

        (await WithGroupsAsync(g => g.RemoveMemberAsync(League, group.Id, owner, ben, _ct))).Succeeded.ShouldBeTrue();

        (await MembersAsync(group.Id)).ShouldHaveSingleItem().UserId.ShouldBe(owner);
        (await OutboxTypesAsync(group.Id)).ShouldBe([$"{GroupMemberLeft.Name}.test-board"]);
        (await AuditActionsAsync(group.Id)).Last().ShouldBe("competitions.member-removed");
        (await WithGroupsAsync(g => g.GetAsync(League, group.Id, owner, _ct)))!.MemberCount.ShouldBe(1);
    }

    [Fact]
    public async Task Delete_ByTheOwner_RemovesTheGroupAndItsMembers()
    {
        var owner = Guid.CreateVersion7();
        var group = await CreateAsync(owner);
        await JoinAsync(group, Guid.CreateVersion7());

        (await WithGroupsAsync(g => g.DeleteAsync(League, group.Id, owner, _ct))).Succeeded.ShouldBeTrue();

        (await MembersAsync(group.Id)).ShouldBeEmpty();
        (await WithGroupsAsync(g => g.GetAsync(League, group.Id, owner, _ct))).ShouldBeNull();
        (await AuditActionsAsync(group.Id)).Last().ShouldBe("competitions.group-deleted");
    }

    [Fact]
    public async Task MyGroups_ListsTheUsersGroupsOfThatKindOnly_Paged()
    {
        var me = Guid.CreateVersion7();
        var mine = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add((await CreateAsync(me, $"League {i}")).Id);
        }

        await JoinAsync(await CreateAsync(Guid.CreateVersion7(), "Someone else's"), me);
        await CreateAsync(me, "A pool", CompetitionGroupsFixture.Pool);
        await CreateAsync(Guid.CreateVersion7(), "Not mine");

        var first = await WithGroupsAsync(g => g.MyGroupsAsync(League, me, new PageRequest(1, 3), _ct));
        var second = await WithGroupsAsync(g => g.MyGroupsAsync(League, me, new PageRequest(2, 3), _ct));

        first.TotalCount.ShouldBe(4);
        first.Items.Count.ShouldBe(3);
        second.Items.ShouldHaveSingleItem();
        first.Items.Concat(second.Items).Select(g => g.Name).Order(StringComparer.Ordinal).ShouldBe(["League 0", "League 1", "League 2", "Someone else's"]);
    }

    [Fact]
    public async Task Members_AreListedToMembersOnly_Paged()
    {
        var owner = await TestUsers.CreateAsync(fixture.App, $"owner-{Guid.NewGuid():N}@podium.test", "Olive Owner");
        var group = await CreateAsync(owner.User.Id);
        var others = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToList();
        foreach (var other in others)
        {
            await JoinAsync(group, other);
        }

        var page = await WithGroupsAsync(g => g.MembersAsync(League, group.Id, others[0], new PageRequest(1, 2), _ct));
        var last = await WithGroupsAsync(g => g.MembersAsync(League, group.Id, owner.User.Id, new PageRequest(3, 2), _ct));

        page.Value!.TotalCount.ShouldBe(5);
        page.Value.Items.Select(m => m.UserId).ShouldBe([owner.User.Id, others[0]]);
        page.Value.Items[0].DisplayName.ShouldBe("Olive Owner");
        page.Value.Items[0].Role.ShouldBe(GroupRole.Owner);
        last.Value!.Items.ShouldHaveSingleItem().UserId.ShouldBe(others[3]);
        ShouldBeProblem(await WithGroupsAsync(g => g.MembersAsync(League, group.Id, Guid.CreateVersion7(), new PageRequest(1, 2), _ct)), StatusCodes.Status404NotFound);
    }

    public static TheoryData<string> BadNames() => new()
    {
        NullText, "", "   ", new string('n', 81), new string('n', 100_000), "Bell\u0007", "Two\nlines", "Tab\there", "Nul\0", "Evil\u202Eetirw", "Half\uD800",
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Create_WithABadName_IsAFieldErrorAndStoresNothing(string name)
    {
        var given = name == NullText ? null : name;
        var owner = Guid.CreateVersion7();

        ShouldBeFieldError(await WithGroupsAsync(g => g.CreateAsync(League, owner, given, cancellationToken: _ct)), "name");

        (await WithGroupsAsync(g => g.MyGroupsAsync(League, owner, new PageRequest(1, 10), _ct))).TotalCount.ShouldBe(0);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(CompetitionGroupsFixture.LeagueCap + 1)]
    [InlineData(int.MaxValue)]
    public async Task Create_WithAMaximumOutsideTheKindsRange_IsAFieldError(int max)
    {
        var owner = Guid.CreateVersion7();

        ShouldBeFieldError(await WithGroupsAsync(g => g.CreateAsync(League, owner, "Fine name", max, _ct)), "maxMembers");

        (await WithGroupsAsync(g => g.MyGroupsAsync(League, owner, new PageRequest(1, 10), _ct))).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task Create_WithoutAUser_IsRefused() =>
        ShouldBeFieldError(await WithGroupsAsync(g => g.CreateAsync(League, Guid.Empty, "Fine name", cancellationToken: _ct)), "");

    [Fact]
    public async Task Operations_OnAnUnregisteredKind_Throw()
    {
        await Should.ThrowAsync<InvalidOperationException>(() => WithGroupsAsync(g => g.CreateAsync("test.unknown", Guid.CreateVersion7(), "Fine", cancellationToken: _ct)));
        await Should.ThrowAsync<InvalidOperationException>(() => WithGroupsAsync(g => g.JoinAsync(null!, Guid.CreateVersion7(), "ABCDE-FGHJK", _ct)));
    }

    public static TheoryData<string> BadCodes() => new()
    {
        NullText, "", "   ", "ABCDE", "ABCDE-FGHJK-M", "OOOOO-IIIII", new string('A', 100_000), "ABCDE\0FGHJ", "ABCDE\u0007FGHJ", "ÄBCDE-FGHJK",
    };

    [Theory]
    [MemberData(nameof(BadCodes))]
    public async Task Join_WithAMalformedCode_IsAFieldErrorAndChangesNothing(string code)
    {
        var given = code == NullText ? null : code;
        var group = await CreateAsync(Guid.CreateVersion7());
        var before = await StateAsync(group.Id);

        ShouldBeFieldError(await WithGroupsAsync(g => g.JoinAsync(League, Guid.CreateVersion7(), given, _ct)), "code");

        (await StateAsync(group.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Join_WithAnotherKindsCodeOrNoUser_ChangesNothing()
    {
        var pool = await CreateAsync(Guid.CreateVersion7(), kind: CompetitionGroupsFixture.Pool);
        var before = await StateAsync(pool.Id);

        ShouldBeFieldError(await WithGroupsAsync(g => g.JoinAsync(League, Guid.CreateVersion7(), pool.InviteCode, _ct)), "code");
        ShouldBeFieldError(await WithGroupsAsync(g => g.JoinAsync(CompetitionGroupsFixture.Pool, Guid.Empty, pool.InviteCode, _ct)), "");

        (await StateAsync(pool.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task OwnerOperations_BySomeoneElse_Are404ToStrangersAnd403ToMembersAndChangeNothing()
    {
        var owner = Guid.CreateVersion7();
        var group = await CreateAsync(owner);
        var (member, stranger) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await JoinAsync(group, member);
        var before = await StateAsync(group.Id);

        foreach (var (actor, status) in new[] { (stranger, StatusCodes.Status404NotFound), (member, StatusCodes.Status403Forbidden) })
        {
            ShouldBeProblem(await WithGroupsAsync(g => g.RotateInviteCodeAsync(League, group.Id, actor, _ct)), status);
            ShouldBeProblem(await WithGroupsAsync(g => g.RemoveMemberAsync(League, group.Id, actor, owner, _ct)), status);
            ShouldBeProblem(await WithGroupsAsync(g => g.SetRoleAsync(League, group.Id, actor, actor, GroupRole.Owner, _ct)), status);
            ShouldBeProblem(await WithGroupsAsync(g => g.HandOverAsync(League, group.Id, actor, actor, _ct)), status);
            ShouldBeProblem(await WithGroupsAsync(g => g.DeleteAsync(League, group.Id, actor, _ct)), status);
        }

        ShouldBeProblem(await WithGroupsAsync(g => g.LeaveAsync(League, group.Id, stranger, _ct)), StatusCodes.Status404NotFound);
        (await WithGroupsAsync(g => g.GetAsync(League, group.Id, stranger, _ct))).ShouldBeNull();
        (await StateAsync(group.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Operations_OnAnUnknownGroupOrAnotherKindsGroup_Are404AndChangeNothing()
    {
        var owner = Guid.CreateVersion7();
        var pool = await CreateAsync(owner, kind: CompetitionGroupsFixture.Pool);
        var before = await StateAsync(pool.Id);

        foreach (var groupId in new[] { Guid.CreateVersion7(), Guid.Empty, pool.Id })
        {
            ShouldBeProblem(await WithGroupsAsync(g => g.RotateInviteCodeAsync(League, groupId, owner, _ct)), StatusCodes.Status404NotFound);
            ShouldBeProblem(await WithGroupsAsync(g => g.LeaveAsync(League, groupId, owner, _ct)), StatusCodes.Status404NotFound);
            ShouldBeProblem(await WithGroupsAsync(g => g.RemoveMemberAsync(League, groupId, owner, Guid.CreateVersion7(), _ct)), StatusCodes.Status404NotFound);
            ShouldBeProblem(await WithGroupsAsync(g => g.SetRoleAsync(League, groupId, owner, owner, GroupRole.Member, _ct)), StatusCodes.Status404NotFound);
            ShouldBeProblem(await WithGroupsAsync(g => g.HandOverAsync(League, groupId, owner, Guid.CreateVersion7(), _ct)), StatusCodes.Status404NotFound);
            ShouldBeProblem(await WithGroupsAsync(g => g.DeleteAsync(League, groupId, owner, _ct)), StatusCodes.Status404NotFound);
            ShouldBeProblem(await WithGroupsAsync(g => g.MembersAsync(League, groupId, owner, new PageRequest(1, 10), _ct)), StatusCodes.Status404NotFound);
        }

        (await StateAsync(pool.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task OwnerOperations_WithBadTargets_AreRefusedAndChangeNothing()
    {
        var owner = Guid.CreateVersion7();
        var group = await CreateAsync(owner);
        var (member, coOwner) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await JoinAsync(group, member);
        await JoinAsync(group, coOwner);
        (await WithGroupsAsync(g => g.SetRoleAsync(League, group.Id, owner, coOwner, GroupRole.Owner, _ct))).Succeeded.ShouldBeTrue();
        var before = await StateAsync(group.Id);

        ShouldBeFieldError(await WithGroupsAsync(g => g.RemoveMemberAsync(League, group.Id, owner, owner, _ct)), "memberId");
        ShouldBeFieldError(await WithGroupsAsync(g => g.RemoveMemberAsync(League, group.Id, owner, Guid.CreateVersion7(), _ct)), "memberId");
        ShouldBeFieldError(await WithGroupsAsync(g => g.RemoveMemberAsync(League, group.Id, owner, Guid.Empty, _ct)), "memberId");
        ShouldBeProblem(await WithGroupsAsync(g => g.RemoveMemberAsync(League, group.Id, owner, coOwner, _ct)), StatusCodes.Status409Conflict);
        ShouldBeFieldError(await WithGroupsAsync(g => g.SetRoleAsync(League, group.Id, owner, member, (GroupRole)42, _ct)), "role");
        ShouldBeFieldError(await WithGroupsAsync(g => g.SetRoleAsync(League, group.Id, owner, Guid.CreateVersion7(), GroupRole.Owner, _ct)), "memberId");
        (await WithGroupsAsync(g => g.SetRoleAsync(League, group.Id, owner, member, GroupRole.Member, _ct))).Value.ShouldBeFalse();
        ShouldBeFieldError(await WithGroupsAsync(g => g.HandOverAsync(League, group.Id, owner, owner, _ct)), "newOwnerId");
        ShouldBeFieldError(await WithGroupsAsync(g => g.HandOverAsync(League, group.Id, owner, Guid.CreateVersion7(), _ct)), "newOwnerId");

        (await StateAsync(group.Id)).ShouldBe(before);
    }
}

public sealed class SqliteCompetitionGroupsTests(SqliteCompetitionGroupsFixture fixture)
    : CompetitionGroupsTests(fixture), IClassFixture<SqliteCompetitionGroupsFixture>;

public sealed class PostgresCompetitionGroupsTests(PostgresCompetitionGroupsFixture fixture)
    : CompetitionGroupsTests(fixture), IClassFixture<PostgresCompetitionGroupsFixture>;
