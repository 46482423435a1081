using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Results;

namespace Podium.Rules.Tests.Club;

public sealed class TournamentScoringTests
{
    [Fact]
    public void Apply_WritesPlacesAndPointsOntoResultsAndRanksTeams()
    {
        var t = new Tournament { Id = Guid.CreateVersion7() };
        TournamentResult Result(int weight, bool dq = false) => new() { TournamentId = t.Id, AnglerId = Guid.CreateVersion7(), Fish = weight > 0 ? 3 : 0, TotalWeight = weight, BigBass = weight / 3, Disqualified = dq };
        var (heavy, light, dq) = (Result(1500), Result(900), Result(2000, dq: true));
        t.Results.AddRange([light, dq, heavy]);
        var (teamA, teamB, teamC) = (new TeamResult { TotalWeight = 2000 }, new TeamResult { TotalWeight = 2500 }, new TeamResult { TotalWeight = 2000 });
        t.TeamResults.AddRange([teamA, teamB, teamC]);

        TournamentScoring.Apply(t);

        (heavy.Place, heavy.Points).ShouldBe((1, 100));
        (light.Place, light.Points).ShouldBe((2, 99));
        (dq.Place, dq.Points).ShouldBe((null, 0));
        (teamB.Place, teamA.Place, teamC.Place).ShouldBe((1, 2, 2));
    }
}
