namespace Podium.Modules.Fights.Domain;

/// <summary>The two fighters of a bout, as the card lists them (A is the one named first).</summary>
internal enum Corner
{
    A,
    B,
}

/// <summary>How a bout ended for the record books.</summary>
internal enum BoutOutcome
{
    WinA,
    WinB,
    Draw,

    /// <summary>Overturned or stopped without a winner (an accidental foul, a failed test): nobody's win or loss.</summary>
    NoContest,
}

/// <summary>The method as the result is recorded, judges' decisions by their kind.</summary>
internal enum FinishMethod
{
    KoTko,
    Submission,
    UnanimousDecision,
    SplitDecision,
    MajorityDecision,
    Disqualification,
}

/// <summary>
/// The method a fan picks. Decisions are one pick: nobody predicts how the three judges will split, and a fan who
/// called "goes the distance, A wins" expects to be right whatever the scorecards say.
/// </summary>
internal enum PickedMethod
{
    KoTko,
    Submission,
    Decision,
    Disqualification,
}

/// <summary>A recorded result. <paramref name="Method"/>, <paramref name="Round"/> and <paramref name="Time"/> are null when unknown.</summary>
internal sealed record BoutResult(BoutOutcome Outcome, FinishMethod? Method = null, int? Round = null, TimeSpan? Time = null)
{
    /// <summary>The corner that won, or null for a draw or no contest.</summary>
    public Corner? Winner => Outcome switch
    {
        BoutOutcome.WinA => Corner.A,
        BoutOutcome.WinB => Corner.B,
        _ => null,
    };

    public static BoutResult WinFor(Corner corner, FinishMethod method, int? round = null, TimeSpan? time = null) =>
        new(corner == Corner.A ? BoutOutcome.WinA : BoutOutcome.WinB, method, round, time);
}

internal static class Methods
{
    /// <summary>The pick a result's method answers: every kind of decision is "decision".</summary>
    public static PickedMethod AsPick(this FinishMethod method) => method switch
    {
        FinishMethod.KoTko => PickedMethod.KoTko,
        FinishMethod.Submission => PickedMethod.Submission,
        FinishMethod.Disqualification => PickedMethod.Disqualification,
        _ => PickedMethod.Decision,
    };

    /// <summary>A finish stops the bout before the judges are needed; a DQ is not one (nobody was finished).</summary>
    public static bool IsFinish(this FinishMethod method) => method is FinishMethod.KoTko or FinishMethod.Submission;

    public static bool IsDecision(this FinishMethod method) =>
        method is FinishMethod.UnanimousDecision or FinishMethod.SplitDecision or FinishMethod.MajorityDecision;
}
