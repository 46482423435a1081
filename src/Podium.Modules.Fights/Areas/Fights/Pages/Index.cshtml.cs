using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Model;
using Podium.Platform.Data;
using Podium.Platform.Feeds;
using Podium.Platform.Modules;

namespace Podium.Modules.Fights.Areas.Fights.Pages;

/// <summary>
/// The MMA landing page: the next card with its countdown and lines, and the latest results. Visitors get it from the
/// output cache (the module's <c>LandingPageTags</c>); signed-in people get a render of <see cref="FightsLanding"/>,
/// cached under the same tags, so the database is read once per change, not per view.
/// </summary>
internal sealed class IndexModel(PodiumDbContext db, LandingPageCache landing, TimeProvider time) : PageModel
{
    /// <summary>How long after its start a card still counts as "next" when the feed has not marked it live or done.</summary>
    private static readonly TimeSpan CardLength = TimeSpan.FromHours(6);

    public FightsLanding Landing { get; private set; } = null!;

    /// <summary>The render's own clock: countdowns are worked out per render, not stored with the data.</summary>
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Landing = await landing.GetOrCreateAsync(FightsModule.Name, LoadAsync, cancellationToken);
        Now = time.GetUtcNow().UtcDateTime;
    }

    private async ValueTask<FightsLanding> LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - CardLength;
        var next = await db.Set<FightEvent>().AsNoTracking()
            .Where(e => e.Status == EventStatus.Live || (e.Status == EventStatus.Scheduled && e.StartsAt > since))
            .OrderBy(e => e.StartsAt)
            .FirstOrDefaultAsync(cancellationToken);
        var latest = await db.Set<FightEvent>().AsNoTracking()
            .Where(e => e.Status == EventStatus.Completed)
            .OrderByDescending(e => e.StartsAt)
            .FirstOrDefaultAsync(cancellationToken);
        return new FightsLanding(
            next is null ? null : await CardAsync(next, cancellationToken),
            latest is null ? null : await CardAsync(latest, cancellationToken));
    }

    private async Task<LandingEvent> CardAsync(FightEvent e, CancellationToken cancellationToken)
    {
        var bouts = await db.Set<Bout>().AsNoTracking()
            .Where(b => b.EventId == e.Id && b.Status != BoutStatus.Cancelled)
            .OrderBy(b => b.Order)
            .Select(b => new
            {
                b.Id, b.Order, b.WeightClass, b.TitleFight, b.ScheduledRounds, b.StartsAt, b.Outcome, b.Method, b.Round, b.TimeSeconds, b.Provenance,
                A = new { b.FighterA.Name, b.FighterA.Slug, b.FighterA.Wins, b.FighterA.Losses, b.FighterA.Draws, b.FighterA.NoContests, b.FighterA.Provenance },
                B = new { b.FighterB.Name, b.FighterB.Slug, b.FighterB.Wins, b.FighterB.Losses, b.FighterB.Draws, b.FighterB.NoContests, b.FighterB.Provenance },
            })
            .ToListAsync(cancellationToken);
        var ids = bouts.Select(b => b.Id).ToList();
        var lines = (await db.Set<OddsLine>().AsNoTracking()
                .Where(o => ids.Contains(o.BoutId))
                .Select(o => new { o.BoutId, o.TakenAt, o.MoneylineA, o.MoneylineB })
                .ToListAsync(cancellationToken))
            .ToLookup(o => o.BoutId, o => new OddsSnapshot(o.TakenAt, o.MoneylineA, o.MoneylineB));
        var card = bouts.Select(b =>
        {
            // The closing line for a bout that has started; the latest line for one still to come (all are before its lock).
            var line = Odds.Closing(lines[b.Id], BoutLock.For(b.StartsAt, e.StartsAt));
            var result = b.Outcome is { } outcome ? new BoutResult(outcome, b.Method, b.Round, b.TimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null) : null;
            return new LandingBout(
                b.Order, b.WeightClass.Title(), b.TitleFight, b.ScheduledRounds,
                new LandingCorner(b.A.Name, b.A.Slug, new FightRecord(b.A.Wins, b.A.Losses, b.A.Draws, b.A.NoContests).ToString(), b.A.Provenance == FeedProvenance.Sample),
                new LandingCorner(b.B.Name, b.B.Slug, new FightRecord(b.B.Wins, b.B.Losses, b.B.Draws, b.B.NoContests).ToString(), b.B.Provenance == FeedProvenance.Sample),
                line?.MoneylineA, line?.MoneylineB,
                result is null ? null : Describe(result, b.A.Name, b.B.Name),
                b.Provenance == FeedProvenance.Sample);
        }).ToList();
        return new LandingEvent(e.Name, e.Slug, e.StartsAt, e.Status, e.Venue, e.City, e.Country, e.Provenance == FeedProvenance.Sample, card);
    }

    /// <summary>How a results page reads: "Vellek def. Korvath · KO/TKO, R2 3:14".</summary>
    internal static string Describe(BoutResult result, string a, string b)
    {
        var how = result.Method is { } method ? MethodName(method) : null;
        var when = result.Round is { } round ? $"R{round}" + (result.Time is { } t ? $" {t:m\\:ss}" : "") : null;
        var detail = string.Join(", ", new[] { how, when }.OfType<string>());
        var headline = result.Outcome switch
        {
            BoutOutcome.WinA => $"{a} def. {b}",
            BoutOutcome.WinB => $"{b} def. {a}",
            BoutOutcome.Draw => "Draw",
            _ => "No contest",
        };
        return detail.Length == 0 || result.Outcome == BoutOutcome.NoContest ? headline : $"{headline} · {detail}";
    }

    internal static string MethodName(FinishMethod method) => method switch
    {
        FinishMethod.KoTko => "KO/TKO",
        FinishMethod.Submission => "Submission",
        FinishMethod.UnanimousDecision => "Decision (unanimous)",
        FinishMethod.SplitDecision => "Decision (split)",
        FinishMethod.MajorityDecision => "Decision (majority)",
        _ => "DQ",
    };

    /// <summary>A moneyline as books print it: +150, −200 (a true minus sign), EVEN for ±100.</summary>
    internal static string Moneyline(int line) => Math.Abs(line) == 100 ? "EVEN" : line > 0 ? $"+{line}" : "\u2212" + (-line).ToString(CultureInfo.InvariantCulture);

    internal static string When(DateTime utc) => utc.ToString("ddd d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>What the landing page shows, the same for every viewer.</summary>
[ImmutableObject(true)]
internal sealed record FightsLanding(LandingEvent? Next, LandingEvent? Latest);

internal sealed record LandingEvent(string Name, string Slug, DateTime StartsAt, EventStatus Status, string? Venue, string? City, string? Country, bool Sample, IReadOnlyList<LandingBout> Card);

/// <param name="Result">The result as a results page reads, or null before it.</param>
internal sealed record LandingBout(int Order, string WeightClass, bool TitleFight, int ScheduledRounds, LandingCorner A, LandingCorner B, int? MoneylineA, int? MoneylineB, string? Result, bool Sample);

internal sealed record LandingCorner(string Name, string Slug, string Record, bool Sample);
