using System.Text.Json;
using Podium.Modules.Club.Features.Standings;

namespace Podium.Modules.Club.Areas.Club.Pages;

internal sealed class StandingsModel(ClubSettings settings, ClubStandings standings, TimeProvider time) : SeasonPage(settings, standings, time)
{
    /// <summary>How many leaders the chart follows: more lines than this cannot be told apart.</summary>
    public const int ChartAnglers = 8;

    public string TournamentLabel(BoardTournament tournament) =>
        Club.Zone.Format(tournament.StartsAt, "MMM d");

    /// <summary>The leaders' cumulative points after each tournament, for the chart (read by club-standings.js).</summary>
    public string ChartJson()
    {
        var labels = Board.Tournaments.Select(TournamentLabel).ToList();
        var series = Board.Lines.Take(ChartAnglers).Select(line =>
        {
            var total = 0;
            return new { name = line.AnglerName, points = line.PointsByTournament.Select(p => total += p ?? 0).ToList() };
        });
        return JsonSerializer.Serialize(new { labels, series });
    }
}
