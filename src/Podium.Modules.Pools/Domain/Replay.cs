namespace Podium.Modules.Pools.Domain;

/// <summary>A season graded under a pool's rules, whichever kind they are.</summary>
internal static class Replay
{
    public static Grading Grade(PoolRules rules, IReadOnlyList<Game> games, IReadOnlyList<Pick> picks, IReadOnlyList<Buyback> buybacks) => rules switch
    {
        SurvivorRules survivor => SurvivorGrading.Grade(survivor, games, picks, buybacks),
        PickemRules pickem => PickemGrading.Grade(pickem, games, picks, buybacks),
        _ => throw new ArgumentOutOfRangeException(nameof(rules), rules, "Unknown kind of rules."),
    };
}
