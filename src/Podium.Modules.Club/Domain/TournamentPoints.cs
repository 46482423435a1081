using Podium.Platform.Modules;

namespace Podium.Modules.Club.Domain;

/// <summary>
/// One angler's bag at a weigh-in. Weights are hundredths of a pound (1234 = 12.34 lb).
/// </summary>
/// <param name="Member">A club member on the tournament date; guests are placed but never earn points.</param>
/// <param name="BuyIn">Paid the entry but did not fish.</param>
internal sealed record Bag(Guid AnglerId, int Fish, int TotalWeight, int BigBass, int DeadFishPenalty, bool Disqualified, bool BuyIn, bool Member)
{
    /// <summary>Total weight less the dead-fish penalty, never below zero.</summary>
    public int NetWeight => Math.Max(0, TotalWeight - DeadFishPenalty);

    public bool HasFish => NetWeight > 0;
}

/// <summary>Where a bag finished and what it earned toward Angler of the Year.</summary>
/// <param name="Place">Null for a disqualified bag.</param>
internal sealed record Finish(Guid AnglerId, int NetWeight, int? Place, int Points);

/// <summary>The club's Angler-of-the-Year points for one tournament (the rules as the club wrote them).</summary>
internal static class TournamentPoints
{
    public const int FirstPlacePoints = 100;
    private const int ZeroWeightDeduction = 2;
    private const int BuyInDeduction = 4;

    private static readonly Ranking<Bag> Heaviest = Ranking<Bag>.ByDescending(b => b.NetWeight).ThenByDescending(b => b.BigBass);

    public static IReadOnlyList<Finish> Score(IEnumerable<Bag> bags)
    {
        var all = bags.ToList();
        if (all.Select(b => b.AnglerId).Distinct().Count() != all.Count)
        {
            throw new ArgumentException("An angler has more than one bag in this tournament.", nameof(bags));
        }

        // The field: everyone who weighed in and was not disqualified, heaviest net first, big bass breaking ties;
        // equal on both, the same place, and the next distinct bag skips (1, 1, 3).
        var field = Heaviest.Rank(all.Where(b => !b.Disqualified && !b.BuyIn));

        // Members with fish earn 100, 99, … one slot each; tied members share the higher value and each use a slot,
        // which is their rank among the members with fish.
        var memberPoints = Heaviest.Rank(field.Select(f => f.Item).Where(b => b.Member && b.HasFish))
            .ToDictionary(m => m.Item.AnglerId, m => FirstPlacePoints - (m.Rank - 1));

        var finishes = new List<Finish>();
        int? lowest = memberPoints.Count == 0 ? null : memberPoints.Values.Min();
        foreach (var (place, bag) in field)
        {
            var points = !bag.Member ? 0
                : bag.HasFish ? memberPoints[bag.AnglerId]
                : (lowest ?? FirstPlacePoints) - ZeroWeightDeduction;
            finishes.Add(new Finish(bag.AnglerId, bag.NetWeight, place, points));
        }

        // Buy-ins share the place after the field and earn a little less than anyone who fished.
        var buyInPlace = field.Count + 1;
        foreach (var bag in all.Where(b => b.BuyIn && !b.Disqualified))
        {
            var points = bag.Member ? (lowest ?? FirstPlacePoints) - BuyInDeduction : 0;
            finishes.Add(new Finish(bag.AnglerId, bag.NetWeight, buyInPlace, points));
        }

        finishes.AddRange(all.Where(b => b.Disqualified).Select(b => new Finish(b.AnglerId, b.NetWeight, null, 0)));

        return [.. finishes.OrderBy(f => f.Place ?? int.MaxValue).ThenBy(f => f.AnglerId)];
    }
}
