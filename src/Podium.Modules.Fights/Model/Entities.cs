using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Model;

internal enum EventStatus
{
    Scheduled,
    Live,
    Completed,
    Cancelled,
}

internal enum BoutStatus
{
    Scheduled,
    Completed,
    Cancelled,
}

/// <summary>Columns every imported row carries: which source sent it and whether it is sample data.</summary>
internal interface IImported
{
    string Source { get; set; }

    FeedProvenance Provenance { get; set; }
}

internal sealed class Fighter : IImported
{
    public const int MaxNameLength = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public string? Nickname { get; set; }

    /// <summary>Given once (<see cref="FightSlugs.ForFighter"/>) and never changed, so links to the fighter stay good.</summary>
    public string Slug { get; set; } = "";

    public DateOnly? DateOfBirth { get; set; }

    public string? Country { get; set; }

    public WeightClass WeightClass { get; set; }

    public Stance? Stance { get; set; }

    public int? HeightCm { get; set; }

    public int? ReachCm { get; set; }

    public string? Team { get; set; }

    public string? Style { get; set; }

    /// <summary>The record as the feed gives it; the profile shows <see cref="Records.Of"/> of it and the bouts on file.</summary>
    public int Wins { get; set; }

    public int Losses { get; set; }

    public int Draws { get; set; }

    public int NoContests { get; set; }

    // Career stats: per minute of fight time, ratios 0–1, takedowns and submission attempts per 15 minutes.
    public double? StrikesLandedPerMinute { get; set; }

    public double? StrikesAbsorbedPerMinute { get; set; }

    public double? StrikingAccuracy { get; set; }

    public double? StrikingDefence { get; set; }

    public double? TakedownAverage { get; set; }

    public double? TakedownAccuracy { get; set; }

    public double? TakedownDefence { get; set; }

    public double? SubmissionAverage { get; set; }

    /// <summary>False once retired: kept for the records, left out of "active" searches.</summary>
    public bool Active { get; set; } = true;

    public string Source { get; set; } = "";

    public FeedProvenance Provenance { get; set; } = FeedProvenance.Real;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<FighterExternalId> ExternalIds { get; set; } = [];

    public FightRecord FeedRecord => new(Wins, Losses, Draws, NoContests);
}

/// <summary>A fighter's id at one source: how a re-import finds the fighter it already has.</summary>
internal sealed class FighterExternalId
{
    public long Id { get; set; }

    public Guid FighterId { get; set; }

    public string Source { get; set; } = "";

    public string ExternalId { get; set; } = "";
}

internal sealed class FightEvent : IImported
{
    public const int MaxNameLength = 160;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public string Slug { get; set; } = "";

    public string Organisation { get; set; } = "";

    /// <summary>The first bout's start (UTC): predictions lock here unless a bout's own start is known.</summary>
    public DateTime StartsAt { get; set; }

    public string? Venue { get; set; }

    public string? City { get; set; }

    public string? Country { get; set; }

    public EventStatus Status { get; set; }

    public string Source { get; set; } = "";

    public string? ExternalId { get; set; }

    public FeedProvenance Provenance { get; set; } = FeedProvenance.Real;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<Bout> Bouts { get; set; } = [];
}

internal sealed class Bout : IImported
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid EventId { get; set; }

    public FightEvent Event { get; set; } = null!;

    /// <summary>Place on the card, 1 = the main event.</summary>
    public int Order { get; set; }

    public WeightClass WeightClass { get; set; }

    public int ScheduledRounds { get; set; } = 3;

    public bool TitleFight { get; set; }

    public Guid FighterAId { get; set; }

    public Fighter FighterA { get; set; } = null!;

    public Guid FighterBId { get; set; }

    public Fighter FighterB { get; set; } = null!;

    /// <summary>The walkout time when the feed knows it; predictions lock here rather than at the event's start.</summary>
    public DateTime? StartsAt { get; set; }

    public BoutStatus Status { get; set; }

    // The result: null until recorded.
    public BoutOutcome? Outcome { get; set; }

    public FinishMethod? Method { get; set; }

    public int? Round { get; set; }

    /// <summary>Time into <see cref="Round"/>, in whole seconds.</summary>
    public int? TimeSeconds { get; set; }

    public DateTime? ResultRecordedAt { get; set; }

    public string Source { get; set; } = "";

    public string? ExternalId { get; set; }

    public FeedProvenance Provenance { get; set; } = FeedProvenance.Real;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<OddsLine> Odds { get; set; } = [];

    public BoutLock Lock => BoutLock.For(StartsAt, Event.StartsAt);

    public BoutResult? Result => Outcome is { } outcome
        ? new BoutResult(outcome, Method, Round, TimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
        : null;
}

/// <summary>One moneyline snapshot of a bout from a source (table <c>fights_odds</c>): the betting trend is these over time.</summary>
internal sealed class OddsLine : IImported
{
    public long Id { get; set; }

    public Guid BoutId { get; set; }

    public DateTime TakenAt { get; set; }

    public int MoneylineA { get; set; }

    public int MoneylineB { get; set; }

    public string Source { get; set; } = "";

    public FeedProvenance Provenance { get; set; } = FeedProvenance.Real;
}

/// <summary>A user following a fighter.</summary>
internal sealed class Favourite
{
    public Guid UserId { get; set; }

    public Guid FighterId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A user's pick for a bout, editable until the bout locks; the scored columns are filled when the result is recorded.</summary>
internal sealed class BoutPrediction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid BoutId { get; set; }

    public Guid UserId { get; set; }

    public Corner Winner { get; set; }

    public PickedMethod? Method { get; set; }

    public int? Round { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Null until scored; 0 for a wrong or void pick.</summary>
    public int? Points { get; set; }

    /// <summary>Null while unscored and for a void pick (draw, no contest), which accuracy leaves out.</summary>
    public bool? CorrectWinner { get; set; }

    public DateTime? ScoredAt { get; set; }
}

/// <summary>
/// A record an import held back (table <c>fights_quarantine</c>): what the source sent, as JSON, and why it failed the
/// checks. Listed on the Data quality page; seen again, it is counted, not repeated; once the source sends it fixed, the
/// import saves it and drops this row.
/// </summary>
internal sealed class QuarantinedRecord
{
    public const int MaxKindLength = 16;
    public const int MaxIssuesLength = 4_000;

    public long Id { get; set; }

    public string Source { get; set; } = "";

    /// <summary><c>event</c>, <c>bout</c>, <c>fighter</c>, <c>odds</c> or <c>result</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The source's id of the record ("" when the source gave none).</summary>
    public string ExternalId { get; set; } = "";

    public string Payload { get; set; } = "";

    /// <summary>JSON: a list of <c>{ field, reason }</c>.</summary>
    public string Issues { get; set; } = "";

    public DateTime FirstSeenAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public int Count { get; set; }
}
