namespace Podium.Modules.Pools.Domain;

/// <summary>What a pool is played as: one survivor or pick'em rules object per pool, versioned as a whole.</summary>
internal enum PoolKind
{
    Survivor,
    Pickem,
}

/// <summary>How often an entry may pick the same team in a season (weeks 1–18 regular, 19–22 playoffs).</summary>
internal enum TeamReuse
{
    /// <summary>Once in the season.</summary>
    Never,

    /// <summary>Once in weeks 1–9 and once in weeks 10–22.</summary>
    Halves,

    /// <summary>Once in weeks 1–18 and once in weeks 19–22.</summary>
    PlayoffReset,
}

/// <summary>What a tied game or a postponed one counts as for the survivor picks on it.</summary>
internal enum PickOutcome
{
    Win,
    Loss,

    /// <summary>Neither won nor lost (postponed games only); the team stays used.</summary>
    Void,
}

internal enum MissedPickPolicy
{
    /// <summary>Each missing pick is a lost pick.</summary>
    Loss,

    /// <summary>Each missing pick becomes the biggest favourite available, up to <see cref="SurvivorRules.MaxAutoPicks"/> a season.</summary>
    AutoPick,
}

internal enum NoSurvivorsPolicy
{
    /// <summary>The entries eliminated in the week nobody survived share the win; the pool ends.</summary>
    ShareWin,

    /// <summary>They are restored to the lives they had at the start of that week and play on.</summary>
    Revive,
}

internal enum SurvivorTieBreaker
{
    /// <summary>Sum of the winning picks' score margins, higher first.</summary>
    Margin,
    FewestBuybacks,

    /// <summary>The entry created first.</summary>
    EarliestEntry,
}

internal enum PickemScoring
{
    Straight,
    Spread,
    Confidence,
    PointsPlus,
}

internal enum TiebreakGame
{
    /// <summary>The week's latest kickoff (equal kickoffs: the larger game id).</summary>
    LastOfWeek,
}

internal sealed record BuybackRules(bool Enabled = false, int LastWeek = 0, int MaxPerEntry = 0);

/// <summary>A pool's rules, as stored, imported and replayed. <see cref="Version"/> is the pool's rules version, 1 for a new pool.</summary>
internal abstract record PoolRules(int Version)
{
    public abstract PoolKind Kind { get; }
}

internal sealed record SurvivorRules : PoolRules
{
    public static readonly IReadOnlyList<SurvivorTieBreaker> DefaultTieBreakers =
        [SurvivorTieBreaker.Margin, SurvivorTieBreaker.FewestBuybacks, SurvivorTieBreaker.EarliestEntry];

    public SurvivorRules(int version = 1) : base(version)
    {
    }

    public override PoolKind Kind => PoolKind.Survivor;

    public int StartWeek { get; init; } = 1;

    public int Lives { get; init; } = 1;

    public IReadOnlyList<int> DoublePickWeeks { get; init; } = [];

    public TeamReuse TeamReuse { get; init; } = TeamReuse.Never;

    /// <summary><see cref="PickOutcome.Win"/> or <see cref="PickOutcome.Loss"/>.</summary>
    public PickOutcome Tie { get; init; } = PickOutcome.Loss;

    public PickOutcome Postponed { get; init; } = PickOutcome.Win;

    public MissedPickPolicy MissedPick { get; init; } = MissedPickPolicy.Loss;

    public int MaxAutoPicks { get; init; }

    public BuybackRules Buybacks { get; init; } = new();

    public NoSurvivorsPolicy NoSurvivors { get; init; } = NoSurvivorsPolicy.ShareWin;

    public bool IncludePlayoffs { get; init; }

    public IReadOnlyList<SurvivorTieBreaker> TieBreakers { get; init; } = DefaultTieBreakers;

    /// <summary>The last week graded: the regular season's 18, or the playoffs' 22.</summary>
    public int LastWeek => IncludePlayoffs ? Season.LastPlayoffWeek : Season.LastRegularWeek;

    public int PicksRequired(int week) => DoublePickWeeks.Contains(week) ? 2 : 1;

    // Lists compare by content, so a parsed copy equals the original.
    public bool Equals(SurvivorRules? other) =>
        other is not null && Version == other.Version && StartWeek == other.StartWeek && Lives == other.Lives
        && DoublePickWeeks.SequenceEqual(other.DoublePickWeeks) && TeamReuse == other.TeamReuse && Tie == other.Tie
        && Postponed == other.Postponed && MissedPick == other.MissedPick && MaxAutoPicks == other.MaxAutoPicks
        && Buybacks == other.Buybacks && NoSurvivors == other.NoSurvivors && IncludePlayoffs == other.IncludePlayoffs
        && TieBreakers.SequenceEqual(other.TieBreakers);

    public override int GetHashCode() => HashCode.Combine(Version, StartWeek, Lives, TeamReuse, MissedPick, NoSurvivors, IncludePlayoffs);
}

internal sealed record PickemRules : PoolRules
{
    public PickemRules(int version = 1) : base(version)
    {
    }

    public override PoolKind Kind => PoolKind.Pickem;

    public PickemScoring Scoring { get; init; } = PickemScoring.Straight;

    /// <summary>What a push earns (0 or 0.5; times the confidence under confidence scoring).</summary>
    public decimal PushPoints { get; init; }

    public TiebreakGame TiebreakGame { get; init; } = TiebreakGame.LastOfWeek;
}

/// <summary>The NFL calendar the rules count in.</summary>
internal static class Season
{
    public const int FirstWeek = 1;
    public const int LastRegularWeek = 18;
    public const int LastPlayoffWeek = 22;

    /// <summary>The last week of the first half under <see cref="TeamReuse.Halves"/>.</summary>
    public const int LastWeekOfFirstHalf = 9;
}
