using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Platform.Competitions;

/// <summary>How one member's entry on one item came out.</summary>
public enum ScoreOutcome
{
    /// <summary>Scored and counted, not correct (it may still earn points: a close forecast, a right method).</summary>
    Wrong = 0,

    Correct = 1,

    /// <summary>The item had no result to be right about (a draw, a no contest, a cancelled game): 0 points, not counted.</summary>
    Void = 2,
}

/// <summary>One member's score on one item, as the module's pure scoring rule worked it out.</summary>
/// <param name="EnteredAt">UTC: when the member made the entry; the earliest one breaks ties ("who predicted first").</param>
public sealed record ItemScore(Guid MemberId, int Points, ScoreOutcome Outcome, DateTime EnteredAt);

/// <summary>A member's standing in one competition, over every item scored so far, for the module to push to its boards.</summary>
/// <param name="Scored">Items scored and counted (void ones are not).</param>
/// <param name="FirstEntryAt">UTC: the member's earliest entry in the competition; null once they have no scored entry left.</param>
public sealed record MemberTotals(Guid MemberId, long Points, int Scored, int Correct, DateTime? FirstEntryAt)
{
    /// <summary>Correct over counted; 0 before anything counted.</summary>
    public double Accuracy => Scored == 0 ? 0 : (double)Correct / Scored;
}

/// <summary>
/// The scores of every member on every item of a competition (a season, an event, a contest), kept so an item can be
/// scored again and again: with the same result nothing changes, with a corrected result the item's old scores are
/// replaced by the new ones, never added to them. Each member's totals are sums over the ledger, not running counters,
/// so no re-run can count twice.
/// </summary>
public interface IScoreLedger
{
    /// <summary>
    /// Replaces the scores of <paramref name="item"/> in <paramref name="competition"/> with <paramref name="scores"/>
    /// (none removes the item's scores, e.g. a cancelled bout), in the transaction <paramref name="db"/> has open, and
    /// saves with the context's other pending changes. Returns the new totals of each member whose score on the item
    /// changed (appeared, went or differs); none when the scores are the same as before.
    /// </summary>
    /// <remarks>
    /// Scoring of one competition is serialised (PostgreSQL: an advisory lock to the commit; SQLite: the unit's write
    /// lock), so two items scored at once each see the other's rows, and the totals returned last are the whole story.
    /// </remarks>
    /// <param name="competition">Namespaced by the module, e.g. <c>test.season-2026</c>; at most 128 characters.</param>
    /// <param name="item">The item's id within the competition; at most 128 characters.</param>
    Task<IReadOnlyList<MemberTotals>> ScoreItemAsync(
        DbContext db, string competition, string item, IReadOnlyCollection<ItemScore> scores, CancellationToken cancellationToken = default);

    /// <summary>The totals of these members in the competition (zero totals for a member with no scores).</summary>
    Task<IReadOnlyList<MemberTotals>> TotalsAsync(DbContext db, string competition, IReadOnlyCollection<Guid> memberIds, CancellationToken cancellationToken = default);
}

internal sealed class CompetitionScore
{
    public const int KeyMaxLength = 128;

    public string Competition { get; set; } = "";

    public string Item { get; set; } = "";

    public Guid MemberId { get; set; }

    public int Points { get; set; }

    /// <summary>False for a void entry: it neither counts towards accuracy nor holds points.</summary>
    public bool Counted { get; set; }

    public bool Correct { get; set; }

    /// <summary>UTC.</summary>
    public DateTime EnteredAt { get; set; }

    /// <summary>UTC: when these values were first recorded (an unchanged re-run leaves it be).</summary>
    public DateTime ScoredAt { get; set; }
}

internal sealed class CompetitionScoreConfiguration : IEntityTypeConfiguration<CompetitionScore>
{
    public void Configure(EntityTypeBuilder<CompetitionScore> builder)
    {
        builder.ToTable("platform_competition_scores");
        builder.HasKey(s => new { s.Competition, s.Item, s.MemberId });
        builder.Property(s => s.Competition).HasMaxLength(CompetitionScore.KeyMaxLength);
        builder.Property(s => s.Item).HasMaxLength(CompetitionScore.KeyMaxLength);

        // A member's totals are summed over their rows of one competition, read without touching anyone else's.
        builder.HasIndex(s => new { s.Competition, s.MemberId });
    }
}

internal sealed class ScoreLedger(TimeProvider time) : IScoreLedger
{
    public async Task<IReadOnlyList<MemberTotals>> ScoreItemAsync(
        DbContext db, string competition, string item, IReadOnlyCollection<ItemScore> scores, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scores);
        CheckKey(competition, nameof(competition));
        CheckKey(item, nameof(item));
        var wanted = new Dictionary<Guid, ItemScore>();
        foreach (var score in scores)
        {
            Check(score);
            if (!wanted.TryAdd(score.MemberId, score))
            {
                throw new ArgumentException($"Member {score.MemberId} is scored twice on one item.", nameof(scores));
            }
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("ScoreItemAsync writes in the caller's transaction: call it inside InTransactionAsync, with the result it scores.");
        }

        await SerialiseAsync(db, competition, cancellationToken);
        var existing = await db.Set<CompetitionScore>()
            .Where(s => s.Competition == competition && s.Item == item)
            .ToDictionaryAsync(s => s.MemberId, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var affected = new List<Guid>();
        foreach (var (memberId, row) in existing)
        {
            if (!wanted.ContainsKey(memberId))
            {
                db.Remove(row);
                affected.Add(memberId);
            }
        }

        foreach (var (memberId, score) in wanted)
        {
            if (existing.TryGetValue(memberId, out var row))
            {
                if (Same(row, score))
                {
                    continue;
                }

                Apply(row, score, now);
            }
            else
            {
                db.Add(Apply(new CompetitionScore { Competition = competition, Item = item, MemberId = memberId }, score, now));
            }

            affected.Add(memberId);
        }

        if (affected.Count == 0)
        {
            return [];
        }

        await db.SaveChangesAsync(cancellationToken);
        return await TotalsAsync(db, competition, affected, cancellationToken);
    }

    public async Task<IReadOnlyList<MemberTotals>> TotalsAsync(
        DbContext db, string competition, IReadOnlyCollection<Guid> memberIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(memberIds);
        CheckKey(competition, nameof(competition));
        var sums = new Dictionary<Guid, MemberTotals>();

        // In slices: one IN list per thousand members keeps each statement's parameters within both providers' limits.
        foreach (var slice in memberIds.Distinct().Chunk(1000))
        {
            var rows = await db.Set<CompetitionScore>().AsNoTracking()
                .Where(s => s.Competition == competition && slice.Contains(s.MemberId))
                .GroupBy(s => s.MemberId)
                .Select(g => new
                {
                    MemberId = g.Key,
                    Points = g.Sum(s => (long)s.Points),
                    Scored = g.Count(s => s.Counted),
                    Correct = g.Count(s => s.Counted && s.Correct),
                    FirstEntryAt = g.Min(s => s.EnteredAt),
                })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                sums[row.MemberId] = new MemberTotals(row.MemberId, row.Points, row.Scored, row.Correct, DateTime.SpecifyKind(row.FirstEntryAt, DateTimeKind.Utc));
            }
        }

        return memberIds.Distinct().Select(id => sums.GetValueOrDefault(id) ?? new MemberTotals(id, 0, 0, 0, null)).ToList();
    }

    private static bool Same(CompetitionScore row, ItemScore score) =>
        row.Points == score.Points
        && row.Counted == (score.Outcome != ScoreOutcome.Void)
        && row.Correct == (score.Outcome == ScoreOutcome.Correct)
        && row.EnteredAt == ToMicroseconds(score.EnteredAt);

    private static CompetitionScore Apply(CompetitionScore row, ItemScore score, DateTime now)
    {
        row.Points = score.Points;
        row.Counted = score.Outcome != ScoreOutcome.Void;
        row.Correct = score.Outcome == ScoreOutcome.Correct;
        row.EnteredAt = ToMicroseconds(score.EnteredAt);
        row.ScoredAt = now;
        return row;
    }

    /// <summary>
    /// PostgreSQL keeps microseconds: a time with finer ticks would read back different from the one given, and scoring
    /// the same entries again would rewrite every row.
    /// </summary>
    private static DateTime ToMicroseconds(DateTime value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    private static void Check(ItemScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (!Enum.IsDefined(score.Outcome))
        {
            throw new ArgumentException($"{score.Outcome} is not an outcome.", nameof(score));
        }

        if (score.Outcome == ScoreOutcome.Void && score.Points != 0)
        {
            throw new ArgumentException("A void entry scores 0 points.", nameof(score));
        }

        if (score.EnteredAt.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("An entry's time is UTC.", nameof(score));
        }
    }

    private static void CheckKey(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > CompetitionScore.KeyMaxLength)
        {
            throw new ArgumentException($"The {name} is named by 1 to {CompetitionScore.KeyMaxLength} characters.", name);
        }
    }

    /// <summary>
    /// One scorer per competition at a time. Without it, on PostgreSQL two items scored at once would each sum the
    /// totals without the other's uncommitted rows, and whichever pushed its totals last would leave a board short.
    /// </summary>
    private static async Task SerialiseAsync(DbContext db, string competition, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey(competition)})", cancellationToken);
        }
    }

    private static long LockKey(string competition) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("podium.competition-scores:" + competition)));
}
