namespace Podium.Modules.Fights.Domain;

/// <summary>A source's moneyline for both fighters at one instant (American odds: −150 favourite, +130 underdog).</summary>
internal sealed record OddsSnapshot(DateTime TakenAt, int MoneylineA, int MoneylineB)
{
    public int MoneylineOf(Corner corner) => corner == Corner.A ? MoneylineA : MoneylineB;
}

internal static class Odds
{
    /// <summary>The widest line a book plausibly hangs on a fight; beyond it a feed has sent nonsense.</summary>
    public const int MaxMoneyline = 10_000;

    /// <summary>
    /// American odds are ±100 or beyond: −150 risks 150 to win 100, +130 risks 100 to win 130, and ±100 is evens.
    /// Anything strictly between −100 and +100 is not a moneyline.
    /// </summary>
    public static bool IsValidMoneyline(int moneyline) => Math.Abs(moneyline) is >= 100 and <= MaxMoneyline;

    /// <summary>The total returned per unit staked, stake included: +150 → 2.5, −200 → 1.5.</summary>
    public static decimal ToDecimal(int moneyline)
    {
        if (!IsValidMoneyline(moneyline))
        {
            throw new ArgumentOutOfRangeException(nameof(moneyline), moneyline, "A moneyline is ±100 or beyond.");
        }

        return moneyline >= 100 ? 1m + moneyline / 100m : 1m + 100m / -moneyline;
    }

    /// <summary>The moneyline for decimal odds, to the nearest whole number (evens is +100).</summary>
    public static int ToMoneyline(decimal decimalOdds)
    {
        if (decimalOdds <= 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(decimalOdds), decimalOdds, "Decimal odds are above 1.");
        }

        return decimalOdds >= 2m
            ? (int)Math.Round((decimalOdds - 1m) * 100m, MidpointRounding.AwayFromZero)
            : (int)Math.Round(-100m / (decimalOdds - 1m), MidpointRounding.AwayFromZero);
    }

    /// <summary>The chance the price implies, the book's margin included (both sides add up to a little over 1).</summary>
    public static decimal ImpliedProbability(int moneyline) => 1m / ToDecimal(moneyline);

    /// <summary>The favourite (the shorter price), or null for a pick'em.</summary>
    public static Corner? Favourite(int moneylineA, int moneylineB)
    {
        var a = ToDecimal(moneylineA);
        var b = ToDecimal(moneylineB);
        return a < b ? Corner.A : b < a ? Corner.B : null;
    }

    /// <summary>The closing line: the last snapshot taken before the bout locked, or null when none was.</summary>
    public static OddsSnapshot? Closing(IEnumerable<OddsSnapshot> snapshots, BoutLock boutLock) =>
        snapshots.Where(s => s.TakenAt < boutLock.At).MaxBy(s => s.TakenAt);
}
