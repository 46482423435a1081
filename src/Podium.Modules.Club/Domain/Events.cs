namespace Podium.Modules.Club.Domain;

internal enum EventKind
{
    Tournament,
    Meeting,
    Holiday,
    Other,
}

/// <summary>Something on the club calendar. Instants are UTC; pages show them in the club's zone.</summary>
internal sealed class ClubEvent
{
    public const int MaxTitleLength = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public EventKind Kind { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Free text for events that are not tournaments (a tournament's place is its lake and ramp).</summary>
    public string? Location { get; set; }

    public DateTime StartsAt { get; set; }

    /// <summary>Exclusive end: for an all-day event, the local midnight after its last day.</summary>
    public DateTime EndsAt { get; set; }

    /// <summary>
    /// A holiday or a club day without times: it starts and ends at local midnight and calendars show it as a date,
    /// not as a 24-hour block that would slide across days in another zone.
    /// </summary>
    public bool AllDay { get; set; }

    /// <summary>Counts edits, so calendar clients replace the event they already have (iCalendar SEQUENCE).</summary>
    public int Sequence { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Tournament? Tournament { get; set; }
}

internal enum TournamentStatus
{
    Scheduled,

    /// <summary>Weigh-in open: results are being entered.</summary>
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>A tournament is a calendar event (same id) with a lake, a ramp, an entry fee and a weigh-in.</summary>
internal sealed class Tournament
{
    public const string DefaultPayoutPercents = "50,30,20";

    public Guid Id { get; set; }

    public ClubEvent Event { get; set; } = null!;

    /// <summary>The calendar year, in the club's zone, of the start: the Angler-of-the-Year season it counts for.</summary>
    public int Season { get; set; }

    public int? LakeId { get; set; }

    public Lake? Lake { get; set; }

    public int? RampId { get; set; }

    public Ramp? Ramp { get; set; }

    public int EntryFeeCents { get; set; }

    /// <summary>Paid per entrant into the big-bass pot, on top of the entry fee.</summary>
    public int BigBassPotCents { get; set; }

    /// <summary>Share of the entry-fee pot per place, in percent: "50,30,20" pays 1st 50 %, 2nd 30 %, 3rd 20 %.</summary>
    public string PayoutPercents { get; set; } = DefaultPayoutPercents;

    public int FishLimit { get; set; } = ClubProfile.DefaultFishLimit;

    public bool CountsForAnglerOfTheYear { get; set; } = true;

    public TournamentStatus Status { get; set; }

    /// <summary>The id the tournament had in an imported file; re-importing matches on it.</summary>
    public string? ImportId { get; set; }

    public List<TournamentResult> Results { get; set; } = [];

    public List<TeamResult> TeamResults { get; set; } = [];
}

/// <summary>One angler's bag at one tournament. Weights are hundredths of a pound.</summary>
internal sealed class TournamentResult
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TournamentId { get; set; }

    public Tournament Tournament { get; set; } = null!;

    public Guid AnglerId { get; set; }

    public Angler Angler { get; set; } = null!;

    public int Fish { get; set; }

    public int TotalWeight { get; set; }

    public int BigBass { get; set; }

    public int DeadFishPenalty { get; set; }

    public bool Disqualified { get; set; }

    public bool BuyIn { get; set; }

    /// <summary>A member on the tournament date (guests fish for no points).</summary>
    public bool Member { get; set; } = true;

    /// <summary>Written by <c>TournamentScoring</c> on every change; null when disqualified.</summary>
    public int? Place { get; set; }

    public int Points { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int NetWeight => Math.Max(0, TotalWeight - DeadFishPenalty);

    public Bag ToBag() => new(AnglerId, Fish, TotalWeight, BigBass, DeadFishPenalty, Disqualified, BuyIn, Member);
}

/// <summary>Two anglers sharing a boat (or one fishing alone), ranked on combined weight apart from the individual results.</summary>
internal sealed class TeamResult
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TournamentId { get; set; }

    public Guid Angler1Id { get; set; }

    public Angler Angler1 { get; set; } = null!;

    public Guid? Angler2Id { get; set; }

    public Angler? Angler2 { get; set; }

    public int TotalWeight { get; set; }

    public int? Place { get; set; }

    public DateTime UpdatedAt { get; set; }
}
