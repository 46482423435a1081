using Podium.Modules.Club.Features.Standings;

namespace Podium.Modules.Club.Areas.Club.Pages;

internal sealed class AwardsModel(ClubSettings settings, ClubStandings standings, TimeProvider time) : SeasonPage(settings, standings, time);
