using Podium.Platform.Modules;

namespace Podium.Modules.Club.Domain;

/// <summary>One tournament's weigh-in as the season sees it.</summary>
internal sealed record SeasonTournament(Guid TournamentId, bool Completed, bool CountsForAnglerOfTheYear, IReadOnlyList<Bag> Bags);

/// <summary>A member's season line, and their Angler-of-the-Year rank (shared when equal on every tie-breaker).</summary>
internal sealed record SeasonLine(Guid AnglerId, int Rank, int Points, int NetWeight, int Fish, int BiggestBass, int TournamentsFished, int? BestFinish);

/// <summary>One fish (big bass) or one bag (heavy stringer) and the tournament it came from. Weights in hundredths of a pound.</summary>
internal sealed record SeasonCatch(Guid AnglerId, Guid TournamentId, int Weight);

internal sealed record SeasonAwards(
    IReadOnlyList<SeasonLine> AnglerOfTheYear,
    IReadOnlyList<SeasonCatch> HeavyStringer,
    IReadOnlyList<SeasonCatch> BigBass,
    IReadOnlyList<SeasonCatch> BigBassList);

/// <summary>
/// Rule 7 and the season's awards. Only completed tournaments that count for Angler of the Year contribute, and only
/// bags weighed as a member (guests never earn points or club awards); disqualified bags win nothing.
/// </summary>
internal static class SeasonStandings
{
    /// <summary>The big-bass list names every fish of at least 5.00 lb.</summary>
    public const int BigBassListMinimum = 500;

    /// <summary>Most points; then heaviest season weight, most fish, biggest bass.</summary>
    private static readonly Ranking<SeasonLine> AnglerOfTheYear = Ranking<SeasonLine>
        .ByDescending(l => l.Points).ThenByDescending(l => l.NetWeight).ThenByDescending(l => l.Fish).ThenByDescending(l => l.BiggestBass);

    public static SeasonAwards Compute(IEnumerable<SeasonTournament> tournaments)
    {
        var counting = tournaments.Where(t => t.Completed && t.CountsForAnglerOfTheYear).ToList();
        if (counting.Select(t => t.TournamentId).Distinct().Count() != counting.Count)
        {
            throw new ArgumentException("A tournament appears twice in the season.", nameof(tournaments));
        }

        var entries = counting.SelectMany(t =>
        {
            var finishes = TournamentPoints.Score(t.Bags).ToDictionary(f => f.AnglerId);
            return t.Bags.Where(b => b.Member).Select(b => (Tournament: t.TournamentId, Bag: b, Finish: finishes[b.AnglerId]));
        }).ToList();

        var lines = entries.GroupBy(e => e.Bag.AnglerId).Select(angler =>
        {
            var fished = angler.Where(e => !e.Bag.BuyIn).ToList();
            var valid = fished.Where(e => !e.Bag.Disqualified).ToList();
            return new SeasonLine(
                angler.Key,
                Rank: 0,
                Points: angler.Sum(e => e.Finish.Points),
                NetWeight: valid.Sum(e => e.Bag.NetWeight),
                Fish: valid.Sum(e => e.Bag.Fish),
                BiggestBass: valid.Select(e => e.Bag.BigBass).DefaultIfEmpty(0).Max(),
                TournamentsFished: fished.Count,
                BestFinish: valid.Where(e => e.Finish.Place is not null).Min(e => e.Finish.Place));
        });

        // Ties on every tie-breaker share a rank; within one, lines go by angler id so the order never wobbles.
        var ranked = AnglerOfTheYear.Rank(lines.OrderBy(l => l.AnglerId)).Select(r => r.Item with { Rank = r.Rank }).ToList();

        var awarded = entries.Where(e => !e.Bag.Disqualified && !e.Bag.BuyIn).ToList();
        var stringers = awarded.Where(e => e.Bag.HasFish).Select(e => new SeasonCatch(e.Bag.AnglerId, e.Tournament, e.Bag.NetWeight)).ToList();
        var bass = awarded.Where(e => e.Bag.BigBass > 0).Select(e => new SeasonCatch(e.Bag.AnglerId, e.Tournament, e.Bag.BigBass)).ToList();

        return new SeasonAwards(
            ranked,
            Heaviest(stringers),
            Heaviest(bass),
            [.. bass.Where(c => c.Weight >= BigBassListMinimum).OrderByDescending(c => c.Weight).ThenBy(c => c.AnglerId)]);
    }

    /// <summary>The winners: every catch equal to the heaviest (a tie shares the award).</summary>
    private static IReadOnlyList<SeasonCatch> Heaviest(List<SeasonCatch> catches)
    {
        if (catches.Count == 0)
        {
            return [];
        }

        var heaviest = catches.Max(c => c.Weight);
        return [.. catches.Where(c => c.Weight == heaviest).OrderBy(c => c.AnglerId).ThenBy(c => c.TournamentId)];
    }
}
