using System.Data;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Features.Scoring;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Modules.Commands;
using Podium.Platform.Modules.Events;

namespace Podium.Modules.Fights.Features.Results;

/// <summary>
/// Every result — the admin form, the API, a feed import — is recorded here, so each one is checked by the same rules
/// (<see cref="DataQuality.CheckBout"/>), committed with its audit row in one transaction, and drops the cached cards
/// after the commit. Recording the same result again changes nothing; a different one corrects it; null clears it.
/// In the same transaction the bout's predictions are scored and the boards moved (<see cref="BoutScoring"/>), and the
/// event's live topic is told after the commit (<see cref="FightResultsChanged"/>).
/// </summary>
internal sealed class ResultRecorder(PodiumDbContext db, IAuditLog audit, IPodiumCache cache, BoutScoring scoring, IDomainEvents events, TimeProvider time)
{
    /// <summary>The source of a result recorded by hand (the management page, the API).</summary>
    public const string AdminSource = "admin";

    public static readonly CommandProblem NoBout = CommandProblem.NotFound("Bout not found", "No bout has this id.");

    /// <param name="source">Who recorded it: <c>admin</c> for the form and the API, else the feed source's key.</param>
    public async Task<CommandResult<RecordedResult>> RecordAsync(
        Guid boutId, BoutResult? result, string source, Guid? actorId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var outcome = await db.InTransactionAsync(
            ct => RecordInTransactionAsync(boutId, result, source, actorId, ct), IsolationLevel.ReadCommitted, cancellationToken);
        if (outcome.Succeeded && outcome.Value!.Changed)
        {
            await cache.InvalidateTagAsync(FightsCacheTags.Events, cancellationToken);
        }

        return outcome;
    }

    private async Task<CommandResult<RecordedResult>> RecordInTransactionAsync(
        Guid boutId, BoutResult? result, string source, Guid? actorId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            // Two recorders of one bout (the feed and an admin) queue here; SQLite's transaction already holds the write lock.
            await db.Database.ExecuteSqlAsync($"SELECT id FROM fights_bouts WHERE id = {boutId} FOR UPDATE", ct);
        }

        var bout = await db.Set<Bout>().Include(b => b.Event).FirstOrDefaultAsync(b => b.Id == boutId, ct);
        if (bout is null)
        {
            return CommandResult<RecordedResult>.Failed(NoBout);
        }

        if (bout.Status == BoutStatus.Cancelled)
        {
            return CommandResult<RecordedResult>.Invalid("bout", "This bout was cancelled; it takes no result.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var issues = DataQuality.CheckBout(
            new BoutFacts(bout.FighterAId, bout.FighterBId, bout.StartsAt ?? bout.Event.StartsAt, bout.ScheduledRounds, result), now);
        if (issues.Count > 0)
        {
            return CommandResult<RecordedResult>.Invalid(issues.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => i.Reason).ToArray()));
        }

        var before = bout.Result;
        if (before == result)
        {
            // The same result again: nothing to change, unless predictions were never scored against it (results recorded
            // before scoring ran, a run lost): sending it again catches them up, and changes nothing once it has.
            var caughtUp = await scoring.IsBehindAsync(bout, ct) ? await scoring.ScoreAsync(bout, ct) : 0;
            if (caughtUp > 0)
            {
                events.Publish(new FightResultsChanged(bout.EventId, bout.Id));
                await db.SaveChangesAsync(ct);
            }

            return CommandResult<RecordedResult>.Ok(new RecordedResult(bout.Id, result, Changed: false) { MembersRescored = caughtUp });
        }

        (bout.Outcome, bout.Method, bout.Round, bout.TimeSeconds) =
            (result?.Outcome, result?.Method, result?.Round, result?.Time is { } t ? (int)t.TotalSeconds : null);
        bout.Status = result is null ? BoutStatus.Scheduled : BoutStatus.Completed;
        bout.ResultRecordedAt = result is null ? null : now;
        bout.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        var rescored = await scoring.ScoreAsync(bout, ct);
        events.Publish(new FightResultsChanged(bout.EventId, bout.Id));
        await db.SaveChangesAsync(ct);
        await audit.RecordInTransactionAsync(
            db, before is null ? "fights.result.recorded" : "fights.result.corrected", AuditOutcome.Success, actorId, $"bout:{bout.Id:N}",
            new { source, before = Describe(before), after = Describe(result) }, ct);
        return CommandResult<RecordedResult>.Ok(new RecordedResult(bout.Id, result, Changed: true) { MembersRescored = rescored });
    }

    private static object? Describe(BoutResult? r) =>
        r is null ? null : new { outcome = r.Outcome.ToApiName(), method = r.Method?.ToApiName(), r.Round, seconds = r.Time?.TotalSeconds };
}

/// <summary>What a recording did: <paramref name="Changed"/> is false when the bout already had this result.</summary>
internal sealed record RecordedResult(Guid BoutId, BoutResult? Result, bool Changed)
{
    /// <summary>Members whose line moved on some board (summed over boards); 0 when the scores stood as they were.</summary>
    public int MembersRescored { get; init; }
}
