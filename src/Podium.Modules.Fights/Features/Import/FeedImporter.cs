using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Domain;
using Podium.Modules.Fights.Features.Results;
using Podium.Modules.Fights.Model;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Platform.Modules;

namespace Podium.Modules.Fights.Features.Import;

/// <summary>What one import held back: every record quarantined, and how many of them were new (not held back before).</summary>
internal sealed record ImportOutcome(int Quarantined, int NewlyQuarantined);

/// <summary>
/// Writes what a feed gave into the module's tables. Each record (an event, a bout with its two fighters and its odds, a
/// result) is checked by <see cref="DataQuality"/> first and saved in a transaction of its own, so a bad bout never
/// half-saves and one bad record does not cost the rest; what fails the checks goes to <c>fights_quarantine</c>
/// instead. Rows are found by the source's ids, so importing the same data again changes nothing; results go through
/// <see cref="ResultRecorder"/> like every other result.
/// </summary>
internal sealed class FeedImporter(PodiumDbContext db, ResultRecorder results, IPodiumCache cache, TimeProvider time)
{
    public const int MaxExternalIdLength = 64;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed class State(string source, FeedProvenance provenance, FeedRunProgress run)
    {
        public string Source { get; } = source;

        public FeedProvenance Provenance { get; } = provenance;

        public FeedRunProgress Run { get; } = run;

        public int Quarantined { get; set; }

        public int NewlyQuarantined { get; set; }

        public bool Changed { get; set; }
    }

    public async Task<ImportOutcome> ImportAsync(string source, FeedProvenance provenance, MmaSchedule data, FeedRunProgress run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(run);
        var state = new State(source, provenance, run);
        foreach (var unreadable in data.Unreadable)
        {
            run.Read++;
            await QuarantineAsync(state, unreadable.Kind, unreadable.ExternalId, unreadable.Payload, [new QualityIssue("record", unreadable.Reason)], cancellationToken);
        }

        foreach (var fightEvent in data.Events)
        {
            var eventId = await ImportEventAsync(state, fightEvent, cancellationToken);
            if (eventId is null)
            {
                // The card of an event held back is held back with it: it has nowhere to go.
                run.Read += fightEvent.Bouts.Count;
                run.Rejected += fightEvent.Bouts.Count;
                continue;
            }

            foreach (var bout in fightEvent.Bouts)
            {
                await ImportBoutAsync(state, fightEvent, eventId.Value, bout, cancellationToken);
            }
        }

        if (state.Changed)
        {
            await cache.InvalidateTagAsync(FightsCacheTags.Events, cancellationToken);
        }

        return new ImportOutcome(state.Quarantined, state.NewlyQuarantined);
    }

    private async Task<Guid?> ImportEventAsync(State state, FeedEvent item, CancellationToken ct)
    {
        state.Run.Read++;
        var now = Now;
        var issues = DataQuality.CheckEvent(new EventFacts(item.Name, item.StartsAt), now).ToList();
        CheckLength(issues, "name", item.Name, FightEvent.MaxNameLength);
        CheckId(issues, item.ExternalId);
        if (issues.Count > 0)
        {
            await QuarantineAsync(state, "event", item.ExternalId, Serialize(item with { Bouts = [] }), issues, ct);
            return null;
        }

        var (id, change) = await db.InTransactionAsync(
            async unit =>
            {
                var row = await db.Set<FightEvent>().FirstOrDefaultAsync(e => e.Source == state.Source && e.ExternalId == item.ExternalId, unit);
                var change = Change.None;
                if (row is null)
                {
                    row = new FightEvent
                    {
                        Source = state.Source,
                        ExternalId = item.ExternalId,
                        Provenance = state.Provenance,
                        Slug = await UniqueSlugAsync(db.Set<FightEvent>().Select(e => e.Slug), item.Name, "event", unit),
                        CreatedAt = now,
                    };
                    db.Add(row);
                    change = Change.Inserted;
                }

                var changed = Set(row.Name, item.Name, v => row.Name = v)
                    | Set(row.Organisation, Cut(item.Organisation, 80) ?? "", v => row.Organisation = v)
                    | Set(row.StartsAt, item.StartsAt, v => row.StartsAt = v)
                    | Set(row.Venue, Cut(item.Venue, 120), v => row.Venue = v)
                    | Set(row.City, Cut(item.City, 80), v => row.City = v)
                    | Set(row.Country, Cut(item.Country, 60), v => row.Country = v)
                    | Set(row.Status, item.Status, v => row.Status = v);
                if (changed && change == Change.None)
                {
                    change = Change.Updated;
                    row.Provenance = state.Provenance;
                }

                if (change != Change.None)
                {
                    row.UpdatedAt = now;
                    await db.SaveChangesAsync(unit);
                }

                return (row.Id, change);
            },
            cancellationToken: ct);
        db.ChangeTracker.Clear();
        Count(state, change);
        await ResolveAsync(state, ["event"], item.ExternalId, ct);
        return id;
    }

    private async Task ImportBoutAsync(State state, FeedEvent fightEvent, Guid eventId, FeedBout item, CancellationToken ct)
    {
        state.Run.Read++;
        var now = Now;
        var on = DateOnly.FromDateTime(item.StartsAt ?? fightEvent.StartsAt);
        var known = await db.Set<FighterExternalId>().AsNoTracking()
            .Where(x => x.Source == state.Source && (x.ExternalId == item.A.ExternalId || x.ExternalId == item.B.ExternalId))
            .ToDictionaryAsync(x => x.ExternalId, x => x.FighterId, StringComparer.Ordinal, ct);

        // A fighter that fails the checks holds back every bout they are on; the fighter is listed once, by their own id.
        var heldBack = new List<QualityIssue>();
        foreach (var (corner, fighter) in new[] { ("fighterA", item.A), ("fighterB", item.B) })
        {
            var fighterIssues = DataQuality.CheckFighter(new FighterFacts(fighter.Name, fighter.DateOfBirth, fighter.HeightCm, fighter.ReachCm), on).ToList();
            CheckLength(fighterIssues, "name", fighter.Name, Fighter.MaxNameLength);
            CheckId(fighterIssues, fighter.ExternalId);
            if (fighterIssues.Count > 0)
            {
                await QuarantineAsync(state, "fighter", fighter.ExternalId, Serialize(fighter), fighterIssues, ct);
                heldBack.Add(new QualityIssue(corner, $"Fighter {fighter.ExternalId} was held back: {string.Join(" ", fighterIssues.Select(i => i.Reason))}"));
            }
            else
            {
                await ResolveAsync(state, ["fighter"], fighter.ExternalId, ct);
            }
        }

        // Ids the fighters have, or will have: the same id for both corners is the same fighter twice.
        var idA = known.TryGetValue(item.A.ExternalId, out var a) ? a : Guid.CreateVersion7();
        var idB = item.B.ExternalId == item.A.ExternalId ? idA : known.TryGetValue(item.B.ExternalId, out var b) ? b : Guid.CreateVersion7();
        var issues = heldBack.Concat(DataQuality.CheckBout(new BoutFacts(idA, idB, item.StartsAt ?? fightEvent.StartsAt, item.ScheduledRounds, item.Result), now)).ToList();
        CheckId(issues, item.ExternalId);
        if (issues.Count > 0)
        {
            await QuarantineAsync(state, "bout", item.ExternalId, Serialize(item), issues, ct);
            return;
        }

        var goodOdds = new List<OddsSnapshot>();
        foreach (var line in item.Odds)
        {
            var oddsIssues = DataQuality.CheckOdds(line);
            if (oddsIssues.Count > 0)
            {
                state.Run.Read++;
                await QuarantineAsync(state, "odds", item.ExternalId, Serialize(line), oddsIssues, ct);
            }
            else
            {
                goodOdds.Add(line.TakenAt == default ? line with { TakenAt = now } : line);
            }
        }

        Guid boutId;
        try
        {
            (boutId, var counts) = await db.InTransactionAsync(
                async unit =>
                {
                    var counts = new int[2];
                    var fighterA = await UpsertFighterAsync(state, item.A, idA, known.ContainsKey(item.A.ExternalId), item.WeightClass, counts, now, unit);
                    var fighterB = await UpsertFighterAsync(state, item.B, idB, known.ContainsKey(item.B.ExternalId), item.WeightClass, counts, now, unit);
                    var row = await db.Set<Bout>().FirstOrDefaultAsync(x => x.Source == state.Source && x.ExternalId == item.ExternalId, unit);
                    var inserted = row is null;
                    if (row is null)
                    {
                        row = new Bout { Source = state.Source, ExternalId = item.ExternalId, Provenance = state.Provenance, CreatedAt = now, EventId = eventId };
                        db.Add(row);
                    }

                    var status = item.Cancelled && row.Outcome is null ? BoutStatus.Cancelled : row.Outcome is null ? BoutStatus.Scheduled : row.Status;
                    var changed = Set(row.EventId, eventId, v => row.EventId = v)
                        | Set(row.Order, item.Order, v => row.Order = v)
                        | Set(row.WeightClass, item.WeightClass, v => row.WeightClass = v)
                        | Set(row.ScheduledRounds, item.ScheduledRounds, v => row.ScheduledRounds = v)
                        | Set(row.TitleFight, item.TitleFight, v => row.TitleFight = v)
                        | Set(row.FighterAId, fighterA, v => row.FighterAId = v)
                        | Set(row.FighterBId, fighterB, v => row.FighterBId = v)
                        | Set(row.StartsAt, item.StartsAt, v => row.StartsAt = v)
                        | Set(row.Status, status, v => row.Status = v);
                    if (inserted)
                    {
                        counts[0]++;
                    }
                    else if (changed)
                    {
                        counts[1]++;
                        row.Provenance = state.Provenance;
                    }

                    if (inserted || changed)
                    {
                        row.UpdatedAt = now;
                    }

                    // Lines only move forward: a snapshot no newer than the latest we hold from this source, or the same
                    // prices as it, is already known.
                    var latest = inserted ? null : await db.Set<OddsLine>().AsNoTracking().Where(o => o.BoutId == row.Id && o.Source == state.Source)
                        .OrderByDescending(o => o.TakenAt).FirstOrDefaultAsync(unit);
                    foreach (var line in goodOdds.OrderBy(o => o.TakenAt))
                    {
                        if (latest is not null && (line.TakenAt <= latest.TakenAt || (line.MoneylineA == latest.MoneylineA && line.MoneylineB == latest.MoneylineB)))
                        {
                            continue;
                        }

                        latest = new OddsLine { BoutId = row.Id, TakenAt = line.TakenAt, MoneylineA = line.MoneylineA, MoneylineB = line.MoneylineB, Source = state.Source, Provenance = state.Provenance };
                        db.Add(latest);
                        counts[0]++;
                    }

                    await db.SaveChangesAsync(unit);
                    return (row.Id, counts);
                },
                cancellationToken: ct);
            state.Run.Inserted += counts[0];
            state.Run.Updated += counts[1];
            state.Changed |= counts[0] + counts[1] > 0;
        }
        catch (DbUpdateException ex)
        {
            // The database refused what the checks let through (a card order taken twice): held back, like any other.
            db.ChangeTracker.Clear();
            await QuarantineAsync(state, "bout", item.ExternalId, Serialize(item), [new QualityIssue("record", $"The database refused it: {(ex.InnerException ?? ex).Message}")], ct);
            return;
        }

        db.ChangeTracker.Clear();
        // A line held back in this run stays listed; the bout itself passed.
        await ResolveAsync(state, goodOdds.Count == item.Odds.Count ? ["bout", "odds"] : ["bout"], item.ExternalId, ct);
        if (item.Result is null)
        {
            return;
        }

        var recorded = await results.RecordAsync(boutId, item.Result, state.Source, actorId: null, ct);
        db.ChangeTracker.Clear();
        if (!recorded.Succeeded)
        {
            state.Run.Read++;
            var reasons = recorded.Errors.SelectMany(e => e.Value.Select(r => new QualityIssue(e.Key, r))).ToList();
            await QuarantineAsync(state, "result", item.ExternalId, Serialize(item.Result), reasons.Count > 0 ? reasons : [new QualityIssue("result", recorded.Problem?.Detail ?? "Refused.")], ct);
            return;
        }

        if (recorded.Value!.Changed)
        {
            state.Run.Updated++;
            state.Changed = true;
        }

        await ResolveAsync(state, ["result"], item.ExternalId, ct);
    }

    private async Task<Guid> UpsertFighterAsync(State state, FeedFighter item, Guid id, bool exists, WeightClass boutClass, int[] counts, DateTime now, CancellationToken ct)
    {
        var row = exists ? await db.Set<Fighter>().FirstOrDefaultAsync(f => f.Id == id, ct) : null;
        if (row is null)
        {
            // Already added in this unit: the same new fighter on both corners never passes the checks, so this is the
            // rare feed that repeats a fighter within one card; the tracked one is the one.
            if (db.ChangeTracker.Entries<Fighter>().FirstOrDefault(e => e.Entity.Id == id)?.Entity is { } tracked)
            {
                return tracked.Id;
            }

            row = new Fighter
            {
                Id = id,
                Source = state.Source,
                Provenance = state.Provenance,
                Slug = await UniqueSlugAsync(db.Set<Fighter>().Select(f => f.Slug), item.Name, "fighter", ct),
                WeightClass = item.WeightClass ?? boutClass,
                CreatedAt = now,
                UpdatedAt = now,
                ExternalIds = [new FighterExternalId { Source = state.Source, ExternalId = item.ExternalId }],
            };
            db.Add(row);
            Apply(row, item);
            counts[0]++;
            return row.Id;
        }

        if (Apply(row, item))
        {
            row.UpdatedAt = now;
            row.Provenance = state.Provenance;
            counts[1]++;
        }

        return row.Id;
    }

    // What the feed knows overwrites what we hold; what it does not know (null) leaves ours alone.
    private static bool Apply(Fighter row, FeedFighter item)
    {
        var changed = Set(row.Name, item.Name, v => row.Name = v)
            | Keep(row.Nickname, Cut(item.Nickname, 80), v => row.Nickname = v)
            | Keep(row.DateOfBirth, item.DateOfBirth, v => row.DateOfBirth = v)
            | Keep(row.Country, Cut(item.Country, 60), v => row.Country = v)
            | Keep(row.Stance, item.Stance, v => row.Stance = v)
            | Keep(row.HeightCm, item.HeightCm, v => row.HeightCm = v)
            | Keep(row.ReachCm, item.ReachCm, v => row.ReachCm = v)
            | Keep(row.Team, Cut(item.Team, 120), v => row.Team = v)
            | Keep(row.Style, Cut(item.Style, 60), v => row.Style = v);
        if (item.WeightClass is { } weightClass)
        {
            changed |= Set(row.WeightClass, weightClass, v => row.WeightClass = v);
        }

        if (item.Active is { } active)
        {
            changed |= Set(row.Active, active, v => row.Active = v);
        }

        if (item.Record is { } record)
        {
            changed |= Set(row.FeedRecord, record, v => (row.Wins, row.Losses, row.Draws, row.NoContests) = (v.Wins, v.Losses, v.Draws, v.NoContests));
        }

        if (item.Stats is { } s)
        {
            changed |= Keep(row.StrikesLandedPerMinute, s.StrikesLandedPerMinute, v => row.StrikesLandedPerMinute = v)
                | Keep(row.StrikesAbsorbedPerMinute, s.StrikesAbsorbedPerMinute, v => row.StrikesAbsorbedPerMinute = v)
                | Keep(row.StrikingAccuracy, s.StrikingAccuracy, v => row.StrikingAccuracy = v)
                | Keep(row.StrikingDefence, s.StrikingDefence, v => row.StrikingDefence = v)
                | Keep(row.TakedownAverage, s.TakedownAverage, v => row.TakedownAverage = v)
                | Keep(row.TakedownAccuracy, s.TakedownAccuracy, v => row.TakedownAccuracy = v)
                | Keep(row.TakedownDefence, s.TakedownDefence, v => row.TakedownDefence = v)
                | Keep(row.SubmissionAverage, s.SubmissionAverage, v => row.SubmissionAverage = v);
        }

        return changed;
    }

    private async Task QuarantineAsync(State state, string kind, string externalId, string payload, IReadOnlyList<QualityIssue> issues, CancellationToken ct)
    {
        state.Run.Rejected++;
        state.Quarantined++;
        var now = Now;
        var id = Cut(externalId, MaxExternalIdLength) ?? "";
        var text = JsonSerializer.Serialize(issues.Select(i => new { field = i.Field, reason = i.Reason }), Json);
        text = text.Length <= QuarantinedRecord.MaxIssuesLength ? text : JsonSerializer.Serialize(new[] { new { field = "record", reason = "Too many issues to list; see the payload." } }, Json);
        var isNew = await db.InTransactionAsync(
            async unit =>
            {
                var row = await db.Set<QuarantinedRecord>().FirstOrDefaultAsync(q => q.Source == state.Source && q.Kind == kind && q.ExternalId == id, unit);
                var isNew = row is null;
                if (row is null)
                {
                    row = new QuarantinedRecord { Source = state.Source, Kind = kind, ExternalId = id, FirstSeenAt = now };
                    db.Add(row);
                }

                row.Payload = payload;
                row.Issues = text;
                row.LastSeenAt = now;
                row.Count++;
                await db.SaveChangesAsync(unit);
                return isNew;
            },
            cancellationToken: ct);
        db.ChangeTracker.Clear();
        if (isNew)
        {
            state.NewlyQuarantined++;
        }
    }

    // The source sent the record again and it passed: nothing is held back of it any more.
    private async Task ResolveAsync(State state, string[] kinds, string externalId, CancellationToken ct)
    {
        await db.Set<QuarantinedRecord>().Where(q => q.Source == state.Source && kinds.Contains(q.Kind) && q.ExternalId == externalId).ExecuteDeleteAsync(ct);
    }

    private static async Task<string> UniqueSlugAsync(IQueryable<string> slugs, string name, string fallback, CancellationToken ct)
    {
        var stem = Slugs.Of(name);
        stem = stem.Length == 0 ? fallback : stem;
        var taken = (await slugs.Where(s => s.StartsWith(stem)).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return fallback == "event" ? FightSlugs.ForEvent(name, taken.Contains) : FightSlugs.ForFighter(name, taken.Contains);
    }

    private static void Count(State state, Change change)
    {
        if (change == Change.Inserted)
        {
            state.Run.Inserted++;
            state.Changed = true;
        }
        else if (change == Change.Updated)
        {
            state.Run.Updated++;
            state.Changed = true;
        }
    }

    private static void CheckLength(List<QualityIssue> issues, string field, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            issues.Add(new QualityIssue(field, $"Longer than {max} characters."));
        }
    }

    private static void CheckId(List<QualityIssue> issues, string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxExternalIdLength)
        {
            issues.Add(new QualityIssue("externalId", $"The source's id must be 1 to {MaxExternalIdLength} characters."));
        }
    }

    private static bool Set<T>(T current, T value, Action<T> set)
    {
        if (EqualityComparer<T>.Default.Equals(current, value))
        {
            return false;
        }

        set(value);
        return true;
    }

    private static bool Keep<T>(T? current, T? value, Action<T?> set) => value is not null && Set(current, value, set);

    private static string? Cut(string? text, int max) => string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && t.Length > max ? t[..max] : t.Trim();

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private enum Change
    {
        None,
        Inserted,
        Updated,
    }
}
