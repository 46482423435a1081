using Podium.Platform.Modules;

namespace Podium.Modules.Club.Features.Results;

/// <summary>
/// Writes places and points onto a tournament's loaded results and team results. Every path that changes a result
/// (weigh-in, officer edit, import) calls it before saving, in the same transaction, so stored places never lag.
/// </summary>
internal static class TournamentScoring
{
    private static readonly Ranking<TeamResult> ByWeight = Ranking<TeamResult>.ByDescending(t => t.TotalWeight);

    public static void Apply(Tournament tournament)
    {
        ArgumentNullException.ThrowIfNull(tournament);
        var finishes = TournamentPoints.Score(tournament.Results.Select(r => r.ToBag())).ToDictionary(f => f.AnglerId);
        foreach (var result in tournament.Results)
        {
            var finish = finishes[result.AnglerId];
            result.Place = finish.Place;
            result.Points = finish.Points;
        }

        // Teams are ranked on combined weight alone; equal weights share a place and the next one skips (1, 1, 3).
        foreach (var (place, team) in ByWeight.Rank(tournament.TeamResults))
        {
            team.Place = place;
        }
    }
}
