using System.Data;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Competitions;
using Podium.Platform.Data;
using Podium.Platform.Modules.Commands;

namespace Podium.Modules.Fights.Features.Predictions;

/// <summary>
/// A user's picks: made, changed and withdrawn until the bout locks, read back with points once scored, and the
/// community's split once the bout locked. The pages and the API both go through here.
/// </summary>
internal sealed class BoutPredictions(PodiumDbContext db, TimeProvider time)
{
    public static readonly CommandProblem NoBout = CommandProblem.NotFound("Bout not found", "No bout has this id.");

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Makes or changes the user's pick. The unique index on (bout, user) keeps one pick per user: two first picks racing
    /// past the look-up both insert, the loser's insert fails, and it is run again, finding the winner's row to change.
    /// </summary>
    public async Task<CommandResult<SavedPrediction>> SaveAsync(Guid userId, Guid boutId, PickInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.TryRead(out var pick, out var errors))
        {
            return CommandResult<SavedPrediction>.Invalid(errors);
        }

        return await SaveAsync(userId, boutId, pick, cancellationToken);
    }

    /// <summary>As <see cref="SaveAsync(Guid, Guid, PickInput, CancellationToken)"/> for a pick already read (the demo's sample predictors).</summary>
    public async Task<CommandResult<SavedPrediction>> SaveAsync(Guid userId, Guid boutId, Prediction pick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pick);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync(ct => SaveInTransactionAsync(userId, boutId, pick, ct), IsolationLevel.ReadCommitted, cancellationToken);
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // The other request's row is there now (or this was not the one-pick constraint, and the second try throws it).
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<CommandResult<SavedPrediction>> SaveInTransactionAsync(Guid userId, Guid boutId, Prediction pick, CancellationToken ct)
    {
        var bout = await OpenBoutAsync<SavedPrediction>(boutId, ct);
        if (bout.Refusal is { } refusal)
        {
            return refusal;
        }

        var errors = PickRules.Check(pick, bout.ScheduledRounds);
        if (errors.Count > 0)
        {
            return CommandResult<SavedPrediction>.Invalid(errors);
        }

        var now = bout.Now;
        var row = await db.Set<BoutPrediction>().FirstOrDefaultAsync(p => p.BoutId == boutId && p.UserId == userId, ct);
        if (row is null)
        {
            row = new BoutPrediction { BoutId = boutId, UserId = userId, Winner = pick.Winner, Method = pick.Method, Round = pick.Round, CreatedAt = now, UpdatedAt = now };
            db.Add(row);
            await db.SaveChangesAsync(ct);
            return CommandResult<SavedPrediction>.Ok(new SavedPrediction(ToView(row), Created: true, Changed: true));
        }

        if (row.Winner == pick.Winner && row.Method == pick.Method && row.Round == pick.Round)
        {
            return CommandResult<SavedPrediction>.Ok(new SavedPrediction(ToView(row), Created: false, Changed: false));
        }

        (row.Winner, row.Method, row.Round, row.UpdatedAt) = (pick.Winner, pick.Method, pick.Round, now);
        await db.SaveChangesAsync(ct);
        return CommandResult<SavedPrediction>.Ok(new SavedPrediction(ToView(row), Created: false, Changed: true));
    }

    /// <summary>Withdraws the user's pick before the lock; true when there was one (withdrawing nothing is not an error).</summary>
    public Task<CommandResult<bool>> WithdrawAsync(Guid userId, Guid boutId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            var bout = await OpenBoutAsync<bool>(boutId, ct);
            if (bout.Refusal is { } refusal)
            {
                return refusal;
            }

            var removed = await db.Set<BoutPrediction>().Where(p => p.BoutId == boutId && p.UserId == userId).ExecuteDeleteAsync(ct);
            return CommandResult<bool>.Ok(removed > 0);
        }, IsolationLevel.ReadCommitted, cancellationToken);

    /// <summary>
    /// The bout as a write sees it inside its transaction, or why the write is refused. On PostgreSQL the bout's row is
    /// share-locked, so picks run side by side but a result being recorded waits for them, and they for it; SQLite's
    /// transaction already holds the write lock. The clock is read after that, so a pick that waited past the lock is late.
    /// </summary>
    private async Task<OpenBout<T>> OpenBoutAsync<T>(Guid boutId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT id FROM fights_bouts WHERE id = {boutId} FOR SHARE", ct);
        }

        var bout = await db.Set<Bout>().AsNoTracking()
            .Where(b => b.Id == boutId)
            .Select(b => new { b.Status, b.Outcome, b.ScheduledRounds, b.StartsAt, EventStartsAt = b.Event.StartsAt })
            .FirstOrDefaultAsync(ct);
        var now = Now;
        if (bout is null)
        {
            return new OpenBout<T>(0, now, CommandResult<T>.Failed(NoBout));
        }

        if (bout.Status == BoutStatus.Cancelled)
        {
            return new OpenBout<T>(0, now, CommandResult<T>.Conflict("Bout cancelled", "This bout was cancelled; it takes no predictions."));
        }

        if (bout.Status == BoutStatus.Completed || bout.Outcome is not null)
        {
            return new OpenBout<T>(0, now, CommandResult<T>.Conflict("Bout over", "This bout has a result; it takes no predictions."));
        }

        var refusal = LockOf(bout.StartsAt, bout.EventStartsAt).RefuseWriteAt<T>(now, "This bout");
        return new OpenBout<T>(bout.ScheduledRounds, now, refusal);
    }

    private sealed record PickCount(Guid BoutId, Corner Winner, PickedMethod? Method, int Count);

    private sealed record OpenBout<T>(int ScheduledRounds, DateTime Now, CommandResult<T>? Refusal);

    /// <summary>The module's lock rule (<see cref="BoutLock"/>) as Platform's lock, which refuses and hides by it.</summary>
    internal static ItemLock LockOf(DateTime? boutStartsAt, DateTime eventStartsAt) =>
        new(DateTime.SpecifyKind(BoutLock.For(boutStartsAt, eventStartsAt).At, DateTimeKind.Utc));

    /// <summary>One bout's predictions as <paramref name="viewerId"/> may see them: their own always, the split once locked.</summary>
    public async Task<BoutPredictionsView?> ForBoutAsync(Guid boutId, Guid? viewerId, CancellationToken cancellationToken) =>
        (await ForBoutsAsync([boutId], viewerId, cancellationToken)).GetValueOrDefault(boutId);

    /// <summary>
    /// As <see cref="ForBoutAsync"/> for a card of bouts at once. Counts are read only for bouts that locked, so nothing
    /// about the others' picks leaves the database before the lock, not even a total.
    /// </summary>
    public async Task<Dictionary<Guid, BoutPredictionsView>> ForBoutsAsync(IReadOnlyCollection<Guid> boutIds, Guid? viewerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(boutIds);
        var ids = boutIds.Distinct().ToList();
        var bouts = await db.Set<Bout>().AsNoTracking()
            .Where(b => ids.Contains(b.Id))
            .Select(b => new PickedBout(
                b.Id, b.StartsAt, b.Event.StartsAt, b.Status, b.Outcome != null, b.ScheduledRounds,
                b.FighterA.Name, b.FighterA.Slug, b.FighterB.Name, b.FighterB.Slug, b.Event.Name, b.Event.Slug))
            .ToListAsync(cancellationToken);
        var now = Now;
        var mine = viewerId is { } me
            ? await db.Set<BoutPrediction>().AsNoTracking().Where(p => p.UserId == me && ids.Contains(p.BoutId)).ToDictionaryAsync(p => p.BoutId, cancellationToken)
            : [];
        var locked = bouts.Where(b => LockOf(b.StartsAt, b.EventStartsAt).IsLockedAt(now)).Select(b => b.Id).ToList();
        var picks = (locked.Count == 0
                ? []
                : await db.Set<BoutPrediction>().AsNoTracking()
                    .Where(p => locked.Contains(p.BoutId))
                    .GroupBy(p => new { p.BoutId, p.Winner, p.Method })
                    .Select(g => new PickCount(g.Key.BoutId, g.Key.Winner, g.Key.Method, g.Count()))
                    .ToListAsync(cancellationToken))
            .ToLookup(g => g.BoutId);
        return bouts.ToDictionary(b => b.Id, b =>
        {
            var itemLock = LockOf(b.StartsAt, b.EventStartsAt);
            var split = itemLock.SplitAt(now, () => PickSplit.Of(picks[b.Id].SelectMany(g => Enumerable.Repeat(new Prediction(g.Winner, g.Method), g.Count))));
            return new BoutPredictionsView(b, itemLock.LocksAt, itemLock.IsLockedAt(now), mine.TryGetValue(b.Id, out var own) ? ToView(own) : null, split);
        });
    }

    /// <summary>The user's own picks, the latest bouts first, with their points once scored.</summary>
    public async Task<PagedList<MyPrediction>> MineAsync(Guid userId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Set<BoutPrediction>().AsNoTracking().Where(p => p.UserId == userId);
        var total = await query.CountAsync(cancellationToken);
        var rows = await (
                from p in query
                join b in db.Set<Bout>() on p.BoutId equals b.Id
                orderby b.StartsAt ?? b.Event.StartsAt descending, b.Order, p.Id
                select new
                {
                    Pick = p,
                    Bout = new PickedBout(
                        b.Id, b.StartsAt, b.Event.StartsAt, b.Status, b.Outcome != null, b.ScheduledRounds,
                        b.FighterA.Name, b.FighterA.Slug, b.FighterB.Name, b.FighterB.Slug, b.Event.Name, b.Event.Slug),
                    Result = new { b.Outcome, b.Method, b.Round, b.TimeSeconds },
                })
            .Skip(page.Skip).Take(page.PageSize)
            .ToListAsync(cancellationToken);
        var now = Now;
        return page.Of(
            [.. rows.Select(r =>
            {
                var itemLock = LockOf(r.Bout.StartsAt, r.Bout.EventStartsAt);
                var result = r.Result.Outcome is { } outcome
                    ? new BoutResult(outcome, r.Result.Method, r.Result.Round, r.Result.TimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null)
                    : null;
                return new MyPrediction(r.Bout, ToView(r.Pick), itemLock.LocksAt, itemLock.IsLockedAt(now), result);
            })],
            total);
    }

    /// <summary>
    /// Accuracy after each event with scored picks, counted cumulatively (correct winners / scored picks; void picks left
    /// out, as the boards count them), oldest event first.
    /// </summary>
    public async Task<IReadOnlyList<AccuracyPoint>> AccuracyAsync(Guid userId, CancellationToken cancellationToken)
    {
        var scored = await (
                from p in db.Set<BoutPrediction>().AsNoTracking()
                join b in db.Set<Bout>() on p.BoutId equals b.Id
                where p.UserId == userId && p.ScoredAt != null && p.CorrectWinner != null
                select new { EventId = b.EventId, b.Event.Name, b.Event.StartsAt, Correct = p.CorrectWinner!.Value, Points = p.Points ?? 0 })
            .ToListAsync(cancellationToken);
        var points = new List<AccuracyPoint>();
        int picks = 0, correct = 0, total = 0;
        foreach (var e in scored.GroupBy(s => new { s.EventId, s.Name, s.StartsAt }).OrderBy(g => g.Key.StartsAt).ThenBy(g => g.Key.EventId))
        {
            picks += e.Count();
            correct += e.Count(s => s.Correct);
            total += e.Sum(s => s.Points);
            points.Add(new AccuracyPoint(e.Key.Name, e.Key.StartsAt, picks, correct, (int)Math.Round(100m * correct / picks, MidpointRounding.AwayFromZero), total));
        }

        return points;
    }

    internal static PredictionView ToView(BoutPrediction p) =>
        new(p.BoutId, p.Winner, p.Method, p.Round, p.CreatedAt, p.UpdatedAt, p.Points, p.CorrectWinner, p.ScoredAt);
}

/// <summary>What a page or the API sent as a pick, unread: the winner and method as the API spells them ("a", "koTko"; <see cref="ApiEnums"/>).</summary>
internal sealed record PickInput(string? Winner, string? Method, int? Round)
{
    public static string Methods => ApiEnums.Choices<PickedMethod>();

    public bool TryRead(out Prediction pick, out Dictionary<string, string> errors)
    {
        errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Corner? winner = ApiEnums.TryParse<Corner>(Winner?.Trim(), out var corner) ? corner : null;
        if (winner is null)
        {
            errors["winner"] = string.IsNullOrWhiteSpace(Winner) ? "Pick the winner: a or b." : "The winner is a or b.";
        }

        PickedMethod? method = null;
        if (!string.IsNullOrWhiteSpace(Method))
        {
            method = MethodOf(Method);
            if (method is null)
            {
                errors["method"] = $"The method is {Methods}, or none.";
            }
        }

        pick = new Prediction(winner ?? Corner.A, method, Round);
        return errors.Count == 0;
    }

    public static PickedMethod? MethodOf(string text) => ApiEnums.TryParse<PickedMethod>(text.Trim(), out var method) ? method : null;

    /// <summary>As people read it on a card.</summary>
    public static string TitleOf(PickedMethod method) => method switch
    {
        PickedMethod.KoTko => "KO/TKO",
        PickedMethod.Submission => "Submission",
        PickedMethod.Decision => "Decision",
        _ => "DQ",
    };
}

internal sealed record SavedPrediction(PredictionView Prediction, bool Created, bool Changed);

internal sealed record PredictionView(
    Guid BoutId, Corner Winner, PickedMethod? Method, int? Round, DateTime CreatedAt, DateTime UpdatedAt, int? Points, bool? CorrectWinner, DateTime? ScoredAt);

/// <summary>What a pick list shows of a bout.</summary>
internal sealed record PickedBout(
    Guid Id, DateTime? StartsAt, DateTime EventStartsAt, BoutStatus Status, bool HasResult, int ScheduledRounds,
    string FighterA, string FighterASlug, string FighterB, string FighterBSlug, string EventName, string EventSlug)
{
    /// <summary>Open for picks: not cancelled, no result yet (the lock is checked separately).</summary>
    public bool Takes => Status == BoutStatus.Scheduled && !HasResult;

    public string NameOf(Corner corner) => corner == Corner.A ? FighterA : FighterB;
}

/// <param name="Split">Null until the bout locks.</param>
internal sealed record BoutPredictionsView(PickedBout Bout, DateTime LocksAt, bool Locked, PredictionView? Mine, PickSplit? Split);

internal sealed record MyPrediction(PickedBout Bout, PredictionView Pick, DateTime LocksAt, bool Locked, BoutResult? Result);

/// <summary>One step of the accuracy chart: totals after <paramref name="Event"/>.</summary>
internal sealed record AccuracyPoint(string Event, DateTime StartsAt, int Scored, int Correct, int AccuracyPercent, int Points);
