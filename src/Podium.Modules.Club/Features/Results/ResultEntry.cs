using System.Data;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Domain;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Modules.Events;

namespace Podium.Modules.Club.Features.Results;

/// <summary>An angler's bag to record at a tournament.</summary>
/// <param name="Member">A member on the tournament date; null takes it from the angler's membership today.</param>
internal sealed record BagInput(Guid AnglerId, BagEntry Bag, bool? Member = null);

internal enum ResultOutcome
{
    Saved,
    Deleted,
    Invalid,
    TournamentNotFound,
    AnglerNotFound,
    ResultNotFound,
}

/// <summary>What became of a write; <see cref="Errors"/> is keyed by <see cref="BagFields"/> (or "angler", "tournament").</summary>
internal sealed record ResultChange(ResultOutcome Outcome, IReadOnlyDictionary<string, string[]> Errors, TournamentResult? Result = null)
{
    public static ResultChange Of(ResultOutcome outcome) => new(outcome, new Dictionary<string, string[]>());

    public static ResultChange Invalid(string field, string message) =>
        new(ResultOutcome.Invalid, new Dictionary<string, string[]> { [field] = [message] });
}

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

    public async Task<ResultChange> SaveBagAsync(Guid tournamentId, BagInput input, Guid? actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await InTransactionAsync(tournamentId, async tournament =>
        {
            var errors = BagRules.Validate(input.Bag, tournament.FishLimit);
            if (errors.Count > 0)
            {
                return (new ResultChange(ResultOutcome.Invalid, errors), null);
            }

            var angler = await db.Set<Angler>().FirstOrDefaultAsync(a => a.Id == input.AnglerId, cancellationToken);
            if (angler is null)
            {
                return (ResultChange.Of(ResultOutcome.AnglerNotFound), null);
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
            return (new ResultChange(ResultOutcome.Saved, new Dictionary<string, string[]>(), result), () => AuditRecord(before, result));
        }, actorId, "club.result.saved", $"angler:{input.AnglerId:N}", cancellationToken);
    }

    public Task<ResultChange> DeleteBagAsync(Guid tournamentId, Guid anglerId, Guid? actorId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tournamentId, tournament =>
        {
            var result = tournament.Results.FirstOrDefault(r => r.AnglerId == anglerId);
            if (result is null)
            {
                return Task.FromResult<(ResultChange, Func<object>?)>((ResultChange.Of(ResultOutcome.ResultNotFound), null));
            }

            var before = AuditedBag.Of(result);
            tournament.Results.Remove(result);
            db.Remove(result);
            return Task.FromResult<(ResultChange, Func<object>?)>((ResultChange.Of(ResultOutcome.Deleted), () => AuditRecord(before, null)));
        }, actorId, "club.result.deleted", $"angler:{anglerId:N}", cancellationToken);

    /// <summary>A team's combined weight: two anglers sharing a boat, or one fishing alone (<paramref name="angler2Id"/> null).</summary>
    public Task<ResultChange> SaveTeamAsync(Guid tournamentId, Guid angler1Id, Guid? angler2Id, int totalWeight, Guid? actorId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tournamentId, async tournament =>
        {
            if (totalWeight < 0 || totalWeight > 2 * Weight.MaxHundredths)
            {
                return (ResultChange.Invalid("totalWeight", totalWeight < 0
                    ? "The team's weight can't be negative."
                    : $"The team's weight can't be more than {Weight.Format(2 * Weight.MaxHundredths)}; check the scales' reading."), null);
            }

            if (angler2Id == angler1Id)
            {
                return (ResultChange.Invalid("angler2Id", "Pick two different anglers, or leave the partner empty for someone fishing alone."), null);
            }

            var ids = angler2Id is { } second ? new[] { angler1Id, second } : [angler1Id];
            if (await db.Set<Angler>().CountAsync(a => ids.Contains(a.Id), cancellationToken) != ids.Length)
            {
                return (ResultChange.Of(ResultOutcome.AnglerNotFound), null);
            }

            // A boat is one team: either angler already in another team means this entry corrects that one.
            var team = tournament.TeamResults.FirstOrDefault(t => ids.Contains(t.Angler1Id) || (t.Angler2Id is { } a2 && ids.Contains(a2)));
            if (team is not null && tournament.TeamResults.Count(t => ids.Contains(t.Angler1Id) || (t.Angler2Id is { } a && ids.Contains(a))) > 1)
            {
                return (ResultChange.Invalid("angler2Id", "These anglers are already in two different teams; remove one of those teams first."), null);
            }

            var before = team is null ? null : new { team.Angler1Id, team.Angler2Id, team.TotalWeight, team.Place };
            if (team is null)
            {
                team = new TeamResult { TournamentId = tournament.Id };
                tournament.TeamResults.Add(team);
            }

            (team.Angler1Id, team.Angler2Id, team.TotalWeight, team.UpdatedAt) = (angler1Id, angler2Id, totalWeight, time.GetUtcNow().UtcDateTime);
            return (ResultChange.Of(ResultOutcome.Saved), () => new { before, after = new { team.Angler1Id, team.Angler2Id, team.TotalWeight, team.Place } });
        }, actorId, "club.team-result.saved", $"angler:{angler1Id:N}", cancellationToken);

    public Task<ResultChange> DeleteTeamAsync(Guid tournamentId, Guid teamId, Guid? actorId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tournamentId, tournament =>
        {
            var team = tournament.TeamResults.FirstOrDefault(t => t.Id == teamId);
            if (team is null)
            {
                return Task.FromResult<(ResultChange, Func<object>?)>((ResultChange.Of(ResultOutcome.ResultNotFound), null));
            }

            var before = new { team.Angler1Id, team.Angler2Id, team.TotalWeight, team.Place };
            tournament.TeamResults.Remove(team);
            db.Remove(team);
            return Task.FromResult<(ResultChange, Func<object>?)>((ResultChange.Of(ResultOutcome.Deleted), () => new { before, after = (object?)null }));
        }, actorId, "club.team-result.deleted", $"team:{teamId:N}", cancellationToken);

    private static object AuditRecord(AuditedBag? before, TournamentResult? after) => new { before, after = AuditedBag.Of(after) };

    /// <summary>
    /// Loads the tournament with all its results under a write lock, lets <paramref name="change"/> edit them, rescores
    /// and commits with the <see cref="TournamentResultsChanged"/> event — one transaction, so two weigh-masters saving
    /// at once never leave places computed from stale bags, and a committed change is always announced. Then (after the
    /// commit) audits and drops cached boards, so the writer's next read already sees the change.
    /// </summary>
    private async Task<ResultChange> InTransactionAsync(
        Guid tournamentId,
        Func<Tournament, Task<(ResultChange Change, Func<object>? Details)>> change,
        Guid? actorId,
        string action,
        string target,
        CancellationToken cancellationToken)
    {
        var (outcome, details, opened) = await ChangeAsync(tournamentId, change, cancellationToken);
        if (outcome.Outcome is ResultOutcome.Saved or ResultOutcome.Deleted)
        {
            if (opened)
            {
                await audit.RecordAsync(
                    "club.tournament.status", "success", actorId, $"tournament:{tournamentId:N}",
                    new { before = nameof(TournamentStatus.Scheduled), after = nameof(TournamentStatus.InProgress) }, cancellationToken);
            }

            await audit.RecordAsync(action, "success", actorId, $"tournament:{tournamentId:N}/{target}", details, cancellationToken);
            await cache.InvalidateTagAsync(ClubCacheTags.Results, cancellationToken);
        }

        return outcome;
    }

    /// <returns><c>Opened</c>: this change was the first bag of a scheduled tournament, which opened its weigh-in.</returns>
    private async Task<(ResultChange Outcome, object? Details, bool Opened)> ChangeAsync(
        Guid tournamentId, Func<Tournament, Task<(ResultChange Change, Func<object>? Details)>> change, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
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
            return (ResultChange.Of(ResultOutcome.TournamentNotFound), null, false);
        }

        if (tournament.Status == TournamentStatus.Cancelled)
        {
            return (ResultChange.Invalid("tournament", "This tournament was cancelled; it takes no results."), null, false);
        }

        var (result, describe) = await change(tournament);
        if (result.Outcome is not (ResultOutcome.Saved or ResultOutcome.Deleted))
        {
            return (result, null, false);
        }

        // The weigh-in opens with its first bag, not when an officer merely looks at the page ahead of the day.
        var opened = tournament.Status == TournamentStatus.Scheduled && result.Outcome == ResultOutcome.Saved;
        if (opened)
        {
            tournament.Status = TournamentStatus.InProgress;
        }

        TournamentScoring.Apply(tournament);
        events.Publish(new TournamentResultsChanged(tournament.Id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (result, describe?.Invoke(), opened);
    }
}
