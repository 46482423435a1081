namespace Podium.Modules.Club.Domain;

internal enum PollKind
{
    /// <summary>Members choose where (lake, ramp) and when a tournament is held; the winner becomes its location.</summary>
    Location,
    General,
}

internal sealed class Poll
{
    public const int MaxTitleLength = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public PollKind Kind { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The tournament a location poll decides.</summary>
    public Guid? TournamentId { get; set; }

    public Tournament? Tournament { get; set; }

    public DateTime OpensAt { get; set; }

    public DateTime ClosesAt { get; set; }

    /// <summary>Whether voters may write in their own answer (general polls).</summary>
    public bool AllowOther { get; set; }

    /// <summary>When the close was processed (the winner applied); set once, so a poll never closes twice.</summary>
    public DateTime? ClosedAt { get; set; }

    public Guid? WinningOptionId { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<PollOption> Options { get; set; } = [];
}

internal sealed class PollOption
{
    public const int MaxTextLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PollId { get; set; }

    public int SortOrder { get; set; }

    public string Text { get; set; } = "";

    public int? LakeId { get; set; }

    public Lake? Lake { get; set; }

    public int? RampId { get; set; }

    public Ramp? Ramp { get; set; }

    public DateTime? StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }
}

/// <summary>One member's vote; the database allows one per member per poll.</summary>
internal sealed class PollVote
{
    public const int MaxOtherLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PollId { get; set; }

    public Guid AnglerId { get; set; }

    /// <summary>Null when the vote is a written-in "other" answer.</summary>
    public Guid? OptionId { get; set; }

    public string? OtherText { get; set; }

    public DateTime CastAt { get; set; }
}
