namespace Podium.Modules.Club.Domain;

/// <summary>One option's count in a tally, in the order the poll lists its options.</summary>
internal sealed record OptionCount(Guid OptionId, int Votes);

/// <summary>The outcome of a closed poll.</summary>
/// <param name="WinnerId">Null when nobody voted for a listed option (write-ins never win: they are free text).</param>
/// <param name="Tie">Whether another option had as many votes as the winner.</param>
internal sealed record PollWinner(Guid? WinnerId, bool Tie);

internal static class PollTally
{
    /// <summary>
    /// Most votes wins. A tie goes to the option listed first: the club's officers order the options (for a location
    /// poll, usually their preferred lake first), so the rule is known before anyone votes and cannot be gamed by
    /// vote timing; the poll page says it was a tie. No votes at all means no winner, and the tournament keeps its
    /// location.
    /// </summary>
    /// <param name="counts">Every option, in listed order.</param>
    public static PollWinner Decide(IReadOnlyList<OptionCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var most = counts.Count == 0 ? 0 : counts.Max(c => c.Votes);
        if (most == 0)
        {
            return new PollWinner(null, false);
        }

        var leaders = counts.Where(c => c.Votes == most).ToList();
        return new PollWinner(leaders[0].OptionId, leaders.Count > 1);
    }
}
