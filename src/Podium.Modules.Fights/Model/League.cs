using Podium.Modules.Fights.Domain;

namespace Podium.Modules.Fights.Model;

/// <summary>
/// A private league's own scoring (table <c>fights_leagues</c>); the group itself — name, owner, members, invite code —
/// is Platform's (<c>ICompetitionGroups</c>, kind <c>fights.league</c>) and is found by its id (<see cref="GroupId"/>).
/// </summary>
internal sealed class League
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid GroupId { get; set; }

    public int Winner { get; set; } = ScoringRules.Default.Winner;

    public int UnderdogBonusPerUnit { get; set; } = ScoringRules.Default.UnderdogBonusPerUnit;

    public int UnderdogBonusCap { get; set; } = ScoringRules.Default.UnderdogBonusCap;

    public int Method { get; set; } = ScoringRules.Default.Method;

    public int Round { get; set; } = ScoringRules.Default.Round;

    public DateTime CreatedAt { get; set; }

    public ScoringRules Rules => new(Winner, UnderdogBonusPerUnit, UnderdogBonusCap, Method, Round);
}
