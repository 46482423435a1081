using System.Data;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Modules.Events;

namespace Podium.Modules.Club.Features.Results;

/// <summary>An angler's bag to record at a tournament.</summary>
/// <param name="Member">A member on the tournament date; null takes it from the angler's membership today.</param>
internal sealed record BagInput(Guid AnglerId, BagEntry Bag, bool? Member = null);

/// <summary>The parts of a result the audit trail keeps, before and after a change.</summary>
internal sealed record AuditedBag(int Fish, int TotalWeight, int BigBass, int DeadFishPenalty, bool Disqualified, bool BuyIn, bool Member, int? Place, int Points)
{
    public static AuditedBag? Of(TournamentResult? r) =>
        r is null ? null : new(r.Fish, r.TotalWeight, r.BigBass, r.DeadFishPenalty, r.Disqualified, r.BuyIn, r.Member, r.Place, r.Points);
}

/// <summary>
/// Every write to a tournament's results — weigh-in page, API, team entries — goes through here, so each one is
/// checked by the same rules, rescored in the same transaction, audited with before and after, drops the cached
/// boards and publishes <see cref="TournamentResultsChanged"/> (which tells everyone watching the tournament).
/// </summary>
internal sealed class ResultEntry(
    PodiumDbContext db, IAuditLog audit, IPodiumCache cache, IDomainEvents events, TimeProvider time)
{
    public const string LiveEventName = "results";

    public static readonly CommandProblem NoTournament = CommandProblem.NotFound("Tournament not found", "No tournament has this id.");

    public static readonly CommandProblem NoAngler = CommandProblem.NotFound("Angler not found", "No angler of the club has this id.");

    public static readonly CommandProblem NoResult = CommandProblem.NotFound("Result not found", "This angler has no bag in this tournament.");

    public static readonly CommandProblem NoTeam = CommandProblem.NotFound("Team not found", "This tournament has no such team.");

    /// <summary>Errors are keyed by <see cref="BagFields"/> (or "tournament").</summary>
    public async Task<CommandResult<TournamentResult>> SaveBagAsync(Guid tournamentId, BagInput input, Guid? actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await InTransactionAsync<TournamentResult>(tournamentId, async tournament =>
        {
            var errors = BagRules.Validate(input.Bag, tournament.FishLimit);
            if (errors.Count > 0)
            {
                return (CommandResult<TournamentResult>.Invalid(errors), null);
            }

            var angler = await db.Set<Angler>().FirstOrDefaultAsync(a => a.Id == input.AnglerId, cancellationToken);
            if (angler is null)
            {
                return (CommandResult<TournamentResult>.Failed(NoAngler), null);
            }

            var result = tournament.Results.FirstOrDefault(r => r.AnglerId == angler.Id);
            var before = AuditedBag.Of(result);
            if (result is null)
            {
                result = new TournamentResult { TournamentId = tournament.Id, AnglerId = angler.Id, Angler = angler };
                tournament.Results.Add(result);
            }

            var bag = input.Bag;
            (result.Fish, result.TotalWeight, result.BigBass, result.DeadFishPenalty, result.Disqualified, result.BuyIn) =
                (bag.Fish, bag.TotalWeight, bag.BigBass, bag.DeadFishPenalty, bag.Disqualified, bag.BuyIn);
            result.Member = input.Member ?? angler.Kind == MembershipKind.Member;
            result.UpdatedAt = time.GetUtcNow().UtcDateTime;
            return (CommandResult<TournamentResult>.Ok(result), () => AuditRecord(before, result));
        }, opensWeighIn: true, actorId, "club.result.saved", $"angler:{input.AnglerId:N}", cancellationToken);
    }

    public Task<CommandResult<TournamentResult>> DeleteBagAsync(Guid tournamentId, Guid anglerId, Guid? actorId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tournamentId, tournament =>
        {
            var result = tournament.Results.FirstOrDefault(r => r.AnglerId == anglerId);
            if (result is null)
            {
                return Task.FromResult<(CommandResult<TournamentResult>, Func<object>?)>((CommandResult<TournamentResult>.Failed(NoResult), null));
            }

            var before = AuditedBag.Of(result);
            tournament.Results.Remove(result);
            db.Remove(result);
            return Task.FromResult<(CommandResult<TournamentResult>, Func<object>?)>((CommandResult<TournamentResult>.Ok(result), () => AuditRecord(before, null)));
        }, opensWeighIn: false, actorId, "club.result.deleted", $"angler:{anglerId:N}", cancellationToken);

    /// <summary>A team's combined weight: two anglers sharing a boat, or one fishing alone (<paramref name="angler2Id"/> null).</summary>
    public Task<CommandResult<TeamResult>> SaveTeamAsync(Guid tournamentId, Guid angler1Id, Guid? angler2Id, int totalWeight, Guid? actorId, CancellationToken cancellationToken = default) =>
        InTransactionAsync<TeamResult>(tournamentId, async tournament =>
        {
            if (totalWeight < 0 || totalWeight > 2 * Weight.MaxHundredths)
            {
                return (CommandResult<TeamResult>.Invalid("totalWeight", totalWeight < 0
                    ? "The team's weight can't be negative."
                    : $"The team's weight can't be more than {Weight.Format(2 * Weight.MaxHundredths)}; check the scales' reading."), null);
            }

            if (angler2Id == angler1Id)
            {
                return (CommandResult<TeamResult>.Invalid("angler2Id", "Pick two different anglers, or leave the partner empty for someone fishing alone."), null);
            }

            var ids = angler2Id is { } second ? new[] { angler1Id, second } : [angler1Id];
            if (await db.Set<Angler>().CountAsync(a => ids.Contains(a.Id), cancellationToken) != ids.Length)
            {
                return (CommandResult<TeamResult>.Failed(NoAngler), null);
            }

            // A boat is one team: either angler already in another team means this entry corrects that one.
            var team = tournament.TeamResults.FirstOrDefault(t => ids.Contains(t.Angler1Id) || (t.Angler2Id is { } a2 && ids.Contains(a2)));
            if (team is not null && tournament.TeamResults.Count(t => ids.Contains(t.Angler1Id) || (t.Angler2Id is { } a && ids.Contains(a))) > 1)
            {
                return (CommandResult<TeamResult>.Invalid("angler2Id", "These anglers are already in two different teams; remove one of those teams first."), null);
            }

            var before = team is null ? null : new { team.Angler1Id, team.Angler2Id, team.TotalWeight, team.Place };
            if (team is null)
            {
                team = new TeamResult { TournamentId = tournament.Id };
                tournament.TeamResults.Add(team);
            }

            (team.Angler1Id, team.Angler2Id, team.TotalWeight, team.UpdatedAt) = (angler1Id, angler2Id, totalWeight, time.GetUtcNow().UtcDateTime);
            return (CommandResult<TeamResult>.Ok(team), () => new { before, after = new { team.Angler1Id, team.Angler2Id, team.TotalWeight, team.Place } });
        }, opensWeighIn: true, actorId, "club.team-result.saved", $"angler:{angler1Id:N}", cancellationToken);

    public Task<CommandResult<TeamResult>> DeleteTeamAsync(Guid tournamentId, Guid teamId, Guid? actorId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tournamentId, tournament =>
        {
            var team = tournament.TeamResults.FirstOrDefault(t => t.Id == teamId);
            if (team is null)
            {
                return Task.FromResult<(CommandResult<TeamResult>, Func<object>?)>((CommandResult<TeamResult>.Failed(NoTeam), null));
            }

            var before = new { team.Angler1Id, team.Angler2Id, team.TotalWeight, team.Place };
            tournament.TeamResults.Remove(team);
            db.Remove(team);
            return Task.FromResult<(CommandResult<TeamResult>, Func<object>?)>((CommandResult<TeamResult>.Ok(team), () => new { before, after = (object?)null }));
        }, opensWeighIn: false, actorId, "club.team-result.deleted", $"team:{teamId:N}", cancellationToken);

    private static object AuditRecord(AuditedBag? before, TournamentResult? after) => new { before, after = AuditedBag.Of(after) };

    /// <summary>
    /// Loads the tournament with all its results under a write lock, lets <paramref name="change"/> edit them, rescores
    /// and commits with the <see cref="TournamentResultsChanged"/> event and its audit rows — one transaction, so two
    /// weigh-masters saving at once never leave places computed from stale bags, a committed change is always announced
    /// and audited, and a retried one only once. Then (after the commit) drops cached boards, so the writer's next read
    /// already sees the change.
    /// </summary>
    /// <param name="opensWeighIn">The change records a weight, so it opens the weigh-in of a scheduled tournament.</param>
    private async Task<CommandResult<T>> InTransactionAsync<T>(
        Guid tournamentId,
        Func<Tournament, Task<(CommandResult<T> Change, Func<object>? Details)>> change,
        bool opensWeighIn,
        Guid? actorId,
        string action,
        string target,
        CancellationToken cancellationToken)
    {
        var outcome = await ChangeAsync(tournamentId, change, opensWeighIn, new AuditedAs(actorId, action, target), cancellationToken);
        if (outcome.Succeeded)
        {
            await cache.InvalidateTagAsync(ClubCacheTags.Results, cancellationToken);
        }

        return outcome;
    }

    /// <summary>Who made a change and what the audit trail calls it.</summary>
    private sealed record AuditedAs(Guid? ActorId, string Action, string Target);

    private Task<CommandResult<T>> ChangeAsync<T>(
        Guid tournamentId, Func<Tournament, Task<(CommandResult<T> Change, Func<object>? Details)>> change, bool opensWeighIn, AuditedAs audited, CancellationToken cancellationToken) =>
        db.InTransactionAsync(ct => ChangeInTransactionAsync(tournamentId, change, opensWeighIn, audited, ct), IsolationLevel.ReadCommitted, cancellationToken);

    /// <summary>The change, its rescoring, its event and its audit rows: all committed together, or none.</summary>
    private async Task<CommandResult<T>> ChangeInTransactionAsync<T>(
        Guid tournamentId, Func<Tournament, Task<(CommandResult<T> Change, Func<object>? Details)>> change, bool opensWeighIn, AuditedAs audited, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            // SQLite's transaction already holds the database's one write lock; PostgreSQL locks just this tournament.
            await db.Database.ExecuteSqlAsync($"SELECT id FROM club_tournaments WHERE id = {tournamentId} FOR UPDATE", ct);
        }

        var tournament = await db.Set<Tournament>()
            .Include(t => t.Results).Include(t => t.TeamResults)
            .AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == tournamentId, ct);
        if (tournament is null)
        {
            return CommandResult<T>.Failed(NoTournament);
        }

        if (tournament.Status == TournamentStatus.Cancelled)
        {
            return CommandResult<T>.Invalid("tournament", "This tournament was cancelled; it takes no results.");
        }

        var (result, describe) = await change(tournament);
        if (!result.Succeeded)
        {
            return result;
        }

        // The weigh-in opens with its first bag, not when an officer merely looks at the page ahead of the day.
        var opened = opensWeighIn && tournament.Status == TournamentStatus.Scheduled;
        if (opened)
        {
            tournament.Status = TournamentStatus.InProgress;
        }

        TournamentScoring.Apply(tournament);
        events.Publish(new TournamentResultsChanged(tournament.Id));
        await db.SaveChangesAsync(ct);
        if (opened)
        {
            await audit.RecordInTransactionAsync(
                db, "club.tournament.status", "success", audited.ActorId, $"tournament:{tournamentId:N}",
                new { before = nameof(TournamentStatus.Scheduled), after = nameof(TournamentStatus.InProgress) }, ct);
        }

        await audit.RecordInTransactionAsync(db, audited.Action, "success", audited.ActorId, $"tournament:{tournamentId:N}/{audited.Target}", describe?.Invoke(), ct);
        return result;
    }
}
