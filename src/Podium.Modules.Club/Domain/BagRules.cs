namespace Podium.Modules.Club.Domain;

/// <summary>A bag as the weigh-master enters it, before it is checked. Weights are hundredths of a pound.</summary>
internal sealed record BagEntry(int Fish, int TotalWeight, int BigBass, int DeadFishPenalty, bool Disqualified, bool BuyIn);

/// <summary>
/// The field names validation messages are keyed by: the API's JSON property names, so a client can show each message
/// next to its input; the weigh-in page maps them onto its own inputs.
/// </summary>
internal static class BagFields
{
    public const string Fish = "fish";
    public const string TotalWeight = "totalWeight";
    public const string BigBass = "bigBass";
    public const string DeadFishPenalty = "deadFishPenalty";
    public const string Disqualified = "disqualified";
    public const string BuyIn = "buyIn";
}

/// <summary>
/// What makes a bag believable. The weigh-master types on a phone at the scales, so every message says what to fix in
/// the club's words. Decisions beyond the club's written rules:
/// <list type="bullet">
/// <item>A bag with fish must weigh something: a zero total with fish is a missed digit, not a catch.</item>
/// <item>Big bass is optional (0 = not weighed separately), but when given it is at least the bag's average fish
/// (total ÷ fish, rounded up to the hundredth): the biggest fish can never be lighter than the average one. With one
/// fish that makes big bass equal to the total.</item>
/// <item>A buy-in paid but did not fish: no fish, no weights, and no disqualification (there is nothing to disqualify).</item>
/// <item>A disqualified bag keeps what was weighed (the record shows why), so the weight rules still apply to it.</item>
/// </list>
/// </summary>
internal static class BagRules
{
    /// <summary>Every problem with the bag, by field; empty when it may be saved.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(BagEntry bag, int fishLimit)
    {
        ArgumentNullException.ThrowIfNull(bag);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (bag.Fish < 0)
        {
            Add(BagFields.Fish, "The number of fish can't be negative.");
        }
        else if (bag.Fish > fishLimit)
        {
            Add(BagFields.Fish, $"The limit is {fishLimit} fish; this bag has {bag.Fish}.");
        }

        var weightsInRange = true;
        foreach (var (field, label, value) in new[]
        {
            (BagFields.TotalWeight, "Total weight", bag.TotalWeight),
            (BagFields.BigBass, "Big bass", bag.BigBass),
            (BagFields.DeadFishPenalty, "Dead-fish penalty", bag.DeadFishPenalty),
        })
        {
            if (value < 0)
            {
                Add(field, $"{label} can't be negative.");
                weightsInRange = false;
            }
            else if (value > Weight.MaxHundredths)
            {
                Add(field, $"{label} can't be more than {Weight.Format(Weight.MaxHundredths)}; check the scales' reading.");
                weightsInRange = false;
            }
        }

        if (bag.BuyIn)
        {
            if (bag.Fish != 0 || bag.TotalWeight != 0 || bag.BigBass != 0 || bag.DeadFishPenalty != 0)
            {
                Add(BagFields.BuyIn, "A buy-in didn't fish: leave fish and weights at 0, or untick buy-in.");
            }

            if (bag.Disqualified)
            {
                Add(BagFields.Disqualified, "A buy-in didn't fish, so it can't be disqualified; untick one of them.");
            }

            return Freeze(errors);
        }

        if (!weightsInRange || bag.Fish < 0)
        {
            return Freeze(errors);
        }

        if (bag.Fish == 0)
        {
            if (bag.TotalWeight > 0)
            {
                Add(BagFields.TotalWeight, "No fish means no weight: enter the number of fish, or a total of 0.");
            }

            if (bag.BigBass > 0)
            {
                Add(BagFields.BigBass, "A big bass needs at least one fish in the bag.");
            }
        }
        else
        {
            if (bag.TotalWeight == 0)
            {
                Add(BagFields.TotalWeight, $"Enter the weight of the {bag.Fish} fish.");
            }
            else if (bag.BigBass > bag.TotalWeight)
            {
                Add(BagFields.BigBass, "The big bass can't weigh more than the whole bag.");
            }
            else if (bag.BigBass > 0 && bag.BigBass < (bag.TotalWeight + bag.Fish - 1) / bag.Fish)
            {
                Add(BagFields.BigBass, bag.Fish == 1
                    ? "With one fish, the big bass is the whole bag."
                    : $"The big bass can't be lighter than the bag's average fish ({Weight.Format((bag.TotalWeight + bag.Fish - 1) / bag.Fish)}).");
            }
        }

        if (bag.DeadFishPenalty > bag.TotalWeight)
        {
            Add(BagFields.DeadFishPenalty, "The dead-fish penalty can't be more than the bag's total weight.");
        }

        return Freeze(errors);
    }

    private static Dictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
