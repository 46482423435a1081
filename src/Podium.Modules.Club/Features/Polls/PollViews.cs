using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Features.Polls;

internal enum PollStatus
{
    Upcoming,
    Open,
    Closed,
}

internal sealed record PollSummary(Guid Id, PollKind Kind, string Title, Guid? TournamentId, DateTime OpensAt, DateTime ClosesAt, DateTime? ClosedAt, PollStatus Status);

internal sealed record PollOptionView(Guid Id, string Text, int? LakeId, string? Lake, int? RampId, string? Ramp, DateTime? StartsAt, DateTime? EndsAt);

internal sealed record PollVoteView(Guid PollId, Guid? OptionId, string? OptionText, string? Other, DateTime CastAt);

/// <param name="Votes">Per option, in listed order.</param>
/// <param name="OtherAnswers">Write-in answers and how many gave each, most first.</param>
/// <param name="WinnerId">Only once the close has been processed.</param>
internal sealed record PollResults(IReadOnlyList<OptionCount> Votes, int Total, IReadOnlyList<(string Text, int Votes)> OtherAnswers, Guid? WinnerId, bool Tie)
{
    public int VotesFor(Guid optionId) => Votes.FirstOrDefault(v => v.OptionId == optionId)?.Votes ?? 0;

    /// <summary>Whole percent of all votes, for the bars.</summary>
    public int PercentFor(int votes) => Total == 0 ? 0 : (int)Math.Round(100.0 * votes / Total);
}

/// <summary>A poll as one reader may see it: <see cref="Results"/> is null until they voted or the poll closed.</summary>
internal sealed record PollView(
    Guid Id,
    PollKind Kind,
    string Title,
    string? Description,
    Guid? TournamentId,
    string? TournamentTitle,
    DateTime OpensAt,
    DateTime ClosesAt,
    DateTime? ClosedAt,
    PollStatus Status,
    bool AllowOther,
    IReadOnlyList<PollOptionView> Options,
    PollResults? Results,
    PollVoteView? MyVote,
    bool CanVote);

internal sealed record VoteInput(Guid? OptionId, string? Other);

internal enum VoteStatus
{
    Recorded,

    /// <summary>The same vote was already there: nothing changed, which makes voting idempotent.</summary>
    AlreadyRecorded,

    /// <summary>The member already voted differently; a vote is never changed.</summary>
    DifferentVoteExists,
    NotFound,
    NotAllowed,
    NotOpen,
    Invalid,
}

internal sealed record VoteResult(VoteStatus Status, PollVoteView? Vote = null, IDictionary<string, string[]>? Errors = null, string? Message = null);

/// <summary>How poll pages say times: in the club's zone (how long until is <see cref="Countdown"/>).</summary>
internal static class PollFormat
{
    public const string DateTimeFormat = "ddd, MMM d, yyyy h:mm tt";

    public static string Local(LocalZone zone, DateTime utc) => zone.Format(utc, DateTimeFormat);

    /// <summary>
    /// How an option reads wherever it is listed. A location option is its lake, ramp and the tournament's times,
    /// worked out in the club's zone when shown: the text saved with the option may have no times (or the times of a
    /// zone the club has since left).
    /// </summary>
    public static string Option(PollOptionView option, LocalZone zone)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(zone);
        if (option.Lake is null)
        {
            return option.Text;
        }

        var text = option.Ramp is null ? option.Lake : $"{option.Lake} · {option.Ramp}";
        if (option.StartsAt is { } starts && option.EndsAt is { } ends)
        {
            var sameDay = zone.ToLocal(starts).Date == zone.ToLocal(ends).Date;
            text += $" · {zone.Format(starts, "ddd, MMM d, h:mm tt")}–{zone.Format(ends, sameDay ? "h:mm tt" : "ddd, MMM d, h:mm tt")}";
        }

        return text;
    }
}
