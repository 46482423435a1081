using System.Globalization;

namespace Podium.Modules.Club.Domain;

/// <summary>The share of the entry-fee pot per place, as the club writes it: "50,30,20".</summary>
internal static class PayoutPercents
{
    public const int MaxPlaces = 20;

    /// <summary>Whole percents, 1–100 each, at most <see cref="MaxPlaces"/> places, adding up to at most 100 (the rest stays with the club).</summary>
    public static bool TryParse(string? text, out IReadOnlyList<int> percents, out string? error)
    {
        percents = [];
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Enter the share of each paid place, e.g. 50,30,20.";
            return false;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > MaxPlaces)
        {
            error = $"At most {MaxPlaces} places can be paid.";
            return false;
        }

        var parsed = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            var number = part.TrimEnd('%').TrimEnd();
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) || percent is < 1 or > 100)
            {
                error = $"'{part}' is not a whole percent between 1 and 100; write the shares like 50,30,20.";
                return false;
            }

            parsed.Add(percent);
        }

        if (parsed.Sum() > 100)
        {
            error = $"The shares add up to {parsed.Sum()} %; they can't be more than 100 %.";
            return false;
        }

        percents = parsed;
        return true;
    }

    public static string Format(IEnumerable<int> percents) => string.Join(",", percents);

    /// <summary>A stored value this version cannot read pays by the club's default (<see cref="Tournament.DefaultPayoutPercents"/>) rather than failing the page.</summary>
    public static IReadOnlyList<int> ParseOrDefault(string? text) =>
        TryParse(text, out var percents, out _) || TryParse(Tournament.DefaultPayoutPercents, out percents, out _) ? percents : [];

    /// <summary>
    /// The shares as people say them: "1st 50 %, 2nd 30 %, 3rd 20 %" (the stored "50,30,20" reads like a score). A
    /// no-break space keeps each number with its "%" when a narrow screen wraps the line.
    /// </summary>
    public static string Describe(IEnumerable<int> percents) =>
        string.Join(", ", percents.Select((percent, i) => string.Create(CultureInfo.InvariantCulture, $"{Ordinal(i + 1)} {percent}\u00A0%")));

    public static string Ordinal(int place)
    {
        var suffix = (place % 100) is 11 or 12 or 13 ? "th" : (place % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return string.Create(CultureInfo.InvariantCulture, $"{place}{suffix}");
    }
}

/// <param name="Place">The angler's place (shared by tied anglers); a big-bass winner outside the paid places has a line too.</param>
internal sealed record PayoutLine(Guid AnglerId, int Place, int PlaceCents, int BigBassCents)
{
    public int TotalCents => PlaceCents + BigBassCents;
}

/// <param name="Entrants">Everyone who paid: every result, disqualified and buy-ins included.</param>
/// <param name="ClubCents">What stays with the club: unpaid shares and every rounding remainder.</param>
internal sealed record PayoutSheet(int Entrants, int EntryPotCents, int BigBassPotCents, IReadOnlyList<PayoutLine> Lines, int ClubCents);

/// <summary>
/// Who takes home what. Decisions the club's rules leave open, chosen to be fair and to never pay out more than was
/// paid in:
/// <list type="bullet">
/// <item>Every result is an entrant who paid the entry fee and the big-bass pot: disqualified anglers and buy-ins
/// included (they paid, they do not get it back).</item>
/// <item>Only the field is paid: anglers who weighed fish (net weight above zero), not disqualified, not buy-ins.
/// A zero is not paid a place share; the share stays with the club. Guests are paid: money follows the scales, only
/// points are for members.</item>
/// <item>Anglers tied on a place occupy that place and the ones after it (1, 1, 3): they split the combined share of
/// the places they occupy evenly. A share is integer cents; the cents that do not divide evenly go to the club.</item>
/// <item>The big-bass pot goes to the heaviest big bass in the field; equal big bass split it the same way. No big bass
/// weighed: the pot stays with the club.</item>
/// </list>
/// </summary>
internal static class TournamentPayouts
{
    public static PayoutSheet Compute(IReadOnlyCollection<Bag> bags, int entryFeeCents, int bigBassPotCents, IReadOnlyList<int> percents)
    {
        ArgumentNullException.ThrowIfNull(bags);
        ArgumentNullException.ThrowIfNull(percents);
        ArgumentOutOfRangeException.ThrowIfNegative(entryFeeCents);
        ArgumentOutOfRangeException.ThrowIfNegative(bigBassPotCents);
        if (percents.Sum() > 100 || percents.Any(p => p < 0))
        {
            throw new ArgumentException("Payout percents must be non-negative and add up to at most 100.", nameof(percents));
        }

        // Checked: a mistyped fee must fail loudly rather than wrap around into a negative pot.
        var entrants = bags.Count;
        var entryPot = checked(entryFeeCents * entrants);
        var bigBassPot = checked(bigBassPotCents * entrants);

        var finishes = TournamentPoints.Score(bags).ToDictionary(f => f.AnglerId);
        var paid = bags.Where(b => !b.Disqualified && !b.BuyIn && b.HasFish)
            .Select(b => (Bag: b, Place: finishes[b.AnglerId].Place!.Value))
            .ToList();

        var placeCents = new Dictionary<Guid, int>();
        var placeOf = new Dictionary<Guid, int>();
        foreach (var tie in paid.GroupBy(p => p.Place))
        {
            // The tied anglers occupy places Place … Place + count − 1 and share those places' percents.
            var sharePercent = Enumerable.Range(tie.Key, tie.Count()).Where(p => p <= percents.Count).Sum(p => percents[p - 1]);
            var share = (int)((long)entryPot * sharePercent / 100);
            foreach (var (bag, place) in tie)
            {
                placeCents[bag.AnglerId] = share / tie.Count();
                placeOf[bag.AnglerId] = place;
            }
        }

        var bigBassCents = new Dictionary<Guid, int>();
        var biggest = paid.Select(p => p.Bag.BigBass).DefaultIfEmpty(0).Max();
        if (biggest > 0)
        {
            var winners = paid.Where(p => p.Bag.BigBass == biggest).ToList();
            foreach (var (bag, place) in winners)
            {
                bigBassCents[bag.AnglerId] = bigBassPot / winners.Count;
                placeOf[bag.AnglerId] = place;
            }
        }

        var lines = placeOf.Keys
            .Select(id => new PayoutLine(id, placeOf[id], placeCents.GetValueOrDefault(id), bigBassCents.GetValueOrDefault(id)))
            .Where(l => l.TotalCents > 0)
            // Anglers on one place are equal on weight and big bass, so they are paid alike: within a place, by id.
            .OrderBy(l => l.Place).ThenBy(l => l.AnglerId)
            .ToList();
        var club = entryPot + bigBassPot - lines.Sum(l => l.TotalCents);
        return new PayoutSheet(entrants, entryPot, bigBassPot, lines, club);
    }
}
