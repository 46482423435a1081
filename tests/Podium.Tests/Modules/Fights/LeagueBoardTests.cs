using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Features.Leagues;
using Podium.Platform.Competitions;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Fights;

/// <summary>
/// Leagues: each scores its board with its own rules; a member joining brings the totals their scored predictions earn
/// under them, and leaving, removal and account deletion take them off (through the group events).
/// </summary>
public abstract class LeagueBoardTests(FightBoardsFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task League_ScoresItsBoardWithItsOwnRules_AndJoinLeaveRemoveMoveItsBoard()
    {
        var (_, bout) = await fixture.FreshBoutAsync(_ct);
        await fixture.SetClosingOddsAsync(bout, 150, -170, _ct);
        var owner = await fixture.UserAsync("Olga Owner");
        var member = await fixture.UserAsync("Milo Member");
        var late = await fixture.UserAsync("Lara Latecomer");
        await fixture.PredictAsync(bout, owner, Corner.A, PickedMethod.KoTko, 1, ct: _ct);
        await fixture.PredictAsync(bout, member, Corner.B, ct: _ct);
        await fixture.PredictAsync(bout, late, Corner.A, ct: _ct);

        // One point for a winner and nothing else: the global board's 10 + 5 bonus + 5 + 5 becomes 1 here.
        var created = await LeaguesAsync(l => l.CreateAsync(owner.Id, "Office league", new ScoringRules(Winner: 1, UnderdogBonusPerUnit: 0, UnderdogBonusCap: 0, Method: 0, Round: 0), _ct));
        created.Succeeded.ShouldBeTrue();
        var league = created.Value!.Group;
        var board = $"league-{league.Id:D}";
        (await LeaguesAsync(l => l.JoinAsync(member.Id, league.InviteCode, _ct))).Succeeded.ShouldBeTrue();

        await fixture.RecordAsync(bout.Id, BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1), _ct);

        (await fixture.BoardAsync(board, _ct)).Rows.Select(r => (r.UserId, r.Rank, r.Score[0])).ShouldBe([(owner.Id, 1L, 1d), (member.Id, 2L, 0d)]);
        (await fixture.StandingAsync("global", owner.Id, _ct)).Me!.Score[0].ShouldBe(25);

        // Joining after the result: the latecomer's scored pick comes with them, under the league's rules.
        (await LeaguesAsync(l => l.JoinAsync(late.Id, league.InviteCode, _ct))).Succeeded.ShouldBeTrue();
        (await fixture.StandingAsync(board, late.Id, _ct)).Me!.Score[0].ShouldBe(1);

        (await LeaguesAsync(l => l.LeaveAsync(league.Id, member.Id, _ct))).Succeeded.ShouldBeTrue();
        (await LeaguesAsync(l => l.RemoveAsync(league.Id, owner.Id, late.Id, _ct))).Succeeded.ShouldBeTrue();
        await Eventually.HoldsAsync(async () => (await fixture.BoardAsync(board, _ct)).Total == 1, Within, "the leaver and the removed member off the league's board");
        (await fixture.BoardAsync(board, _ct)).Rows.Single().UserId.ShouldBe(owner.Id);

        // A correction re-scores the league too, and never puts someone who left back on its board.
        await fixture.RecordAsync(bout.Id, BoutResult.WinFor(Corner.B, FinishMethod.SplitDecision, 3), _ct);
        (await fixture.BoardAsync(board, _ct)).Rows.Select(r => (r.UserId, r.Score[0])).ShouldBe([(owner.Id, 0d)]);

        (await LeaguesAsync(l => l.DeleteAsync(league.Id, owner.Id, _ct))).Succeeded.ShouldBeTrue();
        await Eventually.HoldsAsync(async () => (await fixture.BoardAsync(board, _ct)).Total == 0, Within, "a deleted league's board emptied");
    }

    [Fact]
    public async Task League_WithRulesOutOfBounds_IsRefusedAndNothingIsCreated()
    {
        var owner = await fixture.UserAsync("Rita Rules");

        var refused = await LeaguesAsync(l => l.CreateAsync(owner.Id, "Greedy", new ScoringRules(Winner: 101, Method: -1), _ct));

        refused.Errors.Keys.ShouldBe(["winner", "method"], ignoreOrder: true);
        (await LeaguesAsync(async l => (await l.MineAsync(owner.Id, new Podium.Platform.Api.PageRequest(1, 10), _ct)).TotalCount)).ShouldBe(0);
    }

    [Fact]
    public async Task DeletingAnAccount_TakesItOffBoardsAndLedger_AndHandsItsLeaguesToTheLongestStandingMember()
    {
        var (fightEvent, bout) = await fixture.FreshBoutAsync(_ct);
        var owner = await fixture.UserAsync("Gone Owner");
        var first = await fixture.UserAsync("First Joiner");
        var second = await fixture.UserAsync("Second Joiner");
        await fixture.PredictAsync(bout, owner, Corner.A, ct: _ct);
        var league = (await LeaguesAsync(l => l.CreateAsync(owner.Id, "Handed over", null, _ct))).Value!.Group;
        var solo = (await LeaguesAsync(l => l.CreateAsync(owner.Id, "Alone", null, _ct))).Value!.Group;
        await LeaguesAsync(l => l.JoinAsync(first.Id, league.InviteCode, _ct));
        await LeaguesAsync(l => l.JoinAsync(second.Id, league.InviteCode, _ct));
        await fixture.RecordAsync(bout.Id, BoutResult.WinFor(Corner.A, FinishMethod.KoTko, 1), _ct);
        (await fixture.StandingAsync($"league-{league.Id:D}", owner.Id, _ct)).Me.ShouldNotBeNull();

        await using (var scope = fixture.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PodiumUser>>();
            var user = (await users.FindByIdAsync(owner.Id.ToString()))!;
            (await scope.ServiceProvider.GetRequiredService<PersonalDataService>().DeleteAsync(user, _ct)).Succeeded.ShouldBeTrue();
        }

        (await fixture.StandingAsync("global", owner.Id, _ct)).Me.ShouldBeNull();
        (await fixture.StandingAsync($"event-{fightEvent.Slug}", owner.Id, _ct)).Me.ShouldBeNull();
        (await fixture.StandingAsync($"league-{league.Id:D}", owner.Id, _ct)).Me.ShouldBeNull();
        await using (var scope = fixture.CreateScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<IScoreLedger>();
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            (await ledger.TotalsAsync(db, "fights.global", [owner.Id], _ct)).Single().Scored.ShouldBe(0);
            var groups = scope.ServiceProvider.GetRequiredService<ICompetitionGroups>();
            var kept = await groups.GetAsync("fights.league", league.Id, first.Id, _ct);
            kept.ShouldNotBeNull();
            kept.MyRole.ShouldBe(GroupRole.Owner);
            kept.MemberCount.ShouldBe(2);
            (await groups.GetAsync("fights.league", league.Id, second.Id, _ct))!.MyRole.ShouldBe(GroupRole.Member);
            (await groups.MembershipsAsync("fights.league", [owner.Id], _ct)).ShouldBeEmpty();
            (await db.Set<Podium.Modules.Fights.Model.League>().AnyAsync(l => l.GroupId == league.Id, _ct)).ShouldBeTrue();
        }

        await Eventually.HoldsAsync(
            async () =>
            {
                await using var scope = fixture.CreateScope();
                return !await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Podium.Modules.Fights.Model.League>().AnyAsync(l => l.GroupId == solo.Id, _ct);
            },
            Within,
            "the league its deleted owner was alone in gone with its rules");
    }

    private async Task<T> LeaguesAsync<T>(Func<FightLeagues, Task<T>> act)
    {
        await using var scope = fixture.CreateScope();
        return await act(scope.ServiceProvider.GetRequiredService<FightLeagues>());
    }
}

public sealed class SqliteLeagueBoardTests(SqliteFightBoardsFixture fixture) : LeagueBoardTests(fixture), IClassFixture<SqliteFightBoardsFixture>;

public sealed class PostgresLeagueBoardTests(PostgresFightBoardsFixture fixture) : LeagueBoardTests(fixture), IClassFixture<PostgresFightBoardsFixture>;

public sealed class PostgresRedisLeagueBoardTests(PostgresRedisFightBoardsFixture fixture) : LeagueBoardTests(fixture), IClassFixture<PostgresRedisFightBoardsFixture>;
