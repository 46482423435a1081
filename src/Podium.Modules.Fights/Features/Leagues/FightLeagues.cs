using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Features.Boards;
using Podium.Modules.Fights.Features.Scoring;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Competitions;
using Podium.Platform.Data;
using Podium.Platform.Leaderboards;
using Podium.Platform.Modules.Commands;
using Podium.Platform.Modules.Events;

namespace Podium.Modules.Fights.Features.Leagues;

/// <summary>A league as a member sees it: the group, and the rules its board is scored by.</summary>
internal sealed record LeagueView(GroupSummary Group, ScoringRules Rules);

/// <summary>
/// Private leagues: Platform's groups of kind <see cref="FightBoards.LeagueKind"/> plus each league's scoring rules.
/// Creating and joining put the member on the league's board in the same transaction, with the totals their scored
/// predictions earn under the league's rules; leaving, removal and deletion take them off through the group events
/// (<see cref="LeagueBoardCleanup"/>), which account deletion raises too.
/// </summary>
internal sealed class FightLeagues(PodiumDbContext db, ICompetitionGroups groups, ILeaderboards boards, BoutScoring scoring, TimeProvider time)
{
    public async Task<CommandResult<LeagueView>> CreateAsync(Guid ownerId, string? name, ScoringRules? rules, CancellationToken cancellationToken = default)
    {
        rules ??= ScoringRules.Default;
        var problems = LeagueRules.Check(rules);
        if (problems.Count > 0)
        {
            return CommandResult<LeagueView>.Invalid(problems);
        }

        return await db.InTransactionAsync(
            async ct =>
            {
                var created = await groups.CreateAsync(FightBoards.LeagueKind, ownerId, name, cancellationToken: ct);
                if (!created.Succeeded)
                {
                    return Failed(created);
                }

                db.Add(new League
                {
                    GroupId = created.Value!.Id,
                    Winner = rules.Winner,
                    UnderdogBonusPerUnit = rules.UnderdogBonusPerUnit,
                    UnderdogBonusCap = rules.UnderdogBonusCap,
                    Method = rules.Method,
                    Round = rules.Round,
                    CreatedAt = time.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync(ct);
                await PutOnBoardAsync(created.Value.Id, ownerId, ct);
                return CommandResult<LeagueView>.Ok(new LeagueView(created.Value, rules));
            },
            cancellationToken: cancellationToken);
    }

    public Task<CommandResult<LeagueView>> JoinAsync(Guid userId, string? code, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(
            async ct =>
            {
                var joined = await groups.JoinAsync(FightBoards.LeagueKind, userId, code, ct);
                if (!joined.Succeeded)
                {
                    return Failed(joined);
                }

                await PutOnBoardAsync(joined.Value!.Id, userId, ct);
                return CommandResult<LeagueView>.Ok(new LeagueView(joined.Value, await scoring.RulesAsync(joined.Value.Id, ct)));
            },
            cancellationToken: cancellationToken);

    public async Task<LeagueView?> GetAsync(Guid leagueId, Guid viewerId, CancellationToken cancellationToken = default) =>
        await groups.GetAsync(FightBoards.LeagueKind, leagueId, viewerId, cancellationToken) is { } group
            ? new LeagueView(group, await scoring.RulesAsync(leagueId, cancellationToken))
            : null;

    public Task<PagedList<GroupSummary>> MineAsync(Guid userId, PageRequest page, CancellationToken cancellationToken = default) =>
        groups.MyGroupsAsync(FightBoards.LeagueKind, userId, page, cancellationToken);

    public Task<CommandResult<PagedList<GroupMember>>> MembersAsync(Guid leagueId, Guid viewerId, PageRequest page, CancellationToken cancellationToken = default) =>
        groups.MembersAsync(FightBoards.LeagueKind, leagueId, viewerId, page, cancellationToken);

    public Task<CommandResult<GroupSummary>> RotateCodeAsync(Guid leagueId, Guid ownerId, CancellationToken cancellationToken = default) =>
        groups.RotateInviteCodeAsync(FightBoards.LeagueKind, leagueId, ownerId, cancellationToken);

    public Task<CommandResult<bool>> LeaveAsync(Guid leagueId, Guid userId, CancellationToken cancellationToken = default) =>
        groups.LeaveAsync(FightBoards.LeagueKind, leagueId, userId, cancellationToken);

    public Task<CommandResult<bool>> RemoveAsync(Guid leagueId, Guid ownerId, Guid memberId, CancellationToken cancellationToken = default) =>
        groups.RemoveMemberAsync(FightBoards.LeagueKind, leagueId, ownerId, memberId, cancellationToken);

    public Task<CommandResult<bool>> DeleteAsync(Guid leagueId, Guid ownerId, CancellationToken cancellationToken = default) =>
        groups.DeleteAsync(FightBoards.LeagueKind, leagueId, ownerId, cancellationToken);

    private static CommandResult<LeagueView> Failed<T>(CommandResult<T> failed) =>
        failed.Problem is { } problem ? CommandResult<LeagueView>.Failed(problem) : CommandResult<LeagueView>.Invalid(failed.Errors);

    private async Task PutOnBoardAsync(Guid leagueId, Guid userId, CancellationToken ct)
    {
        var totals = await scoring.ScoreMemberIntoLeagueAsync(leagueId, userId, ct);
        var batch = boards.NewBatch();
        FightBoards.Put(batch, FightBoards.Key(BoardName.ForLeague(leagueId))!, totals);
        await boards.ApplyAsync(batch, ct);
    }
}

/// <summary>Takes people off a league's board when they leave or are removed, and the whole board when the league goes.</summary>
internal sealed class LeagueBoardCleanup(PodiumDbContext db, ILeaderboards boards) :
    IDomainEventHandler<GroupMemberLeft>, IDomainEventHandler<GroupDeleted>
{
    public const string Subscriber = "fights-league-boards";

    public async Task HandleAsync(GroupMemberLeft domainEvent, CancellationToken cancellationToken)
    {
        if (domainEvent.Kind != FightBoards.LeagueKind)
        {
            return;
        }

        var batch = boards.NewBatch().Remove(FightBoards.Key(BoardName.ForLeague(domainEvent.GroupId))!, domainEvent.UserId);
        await boards.ApplyAsync(batch, cancellationToken);
    }

    public async Task HandleAsync(GroupDeleted domainEvent, CancellationToken cancellationToken)
    {
        if (domainEvent.Kind != FightBoards.LeagueKind)
        {
            return;
        }

        var board = FightBoards.Key(BoardName.ForLeague(domainEvent.GroupId))!;
        await db.InTransactionAsync(
            async ct =>
            {
                // A league holds at most MaxLeagueMembers, so its board is a few pages; each pass removes the first page.
                while ((await boards.GetPageAsync(board, 1, ILeaderboards.MaxPageSize, ct)).Rows is { Count: > 0 } rows)
                {
                    var batch = boards.NewBatch();
                    foreach (var row in rows)
                    {
                        batch.Remove(board, row.UserId);
                    }

                    await boards.ApplyAsync(batch, ct);
                }

                await db.Set<League>().Where(l => l.GroupId == domainEvent.GroupId).ExecuteDeleteAsync(ct);
            },
            cancellationToken: cancellationToken);
    }
}
