using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Domain;

internal static class Seasons
{
    /// <summary>The Angler-of-the-Year season an instant belongs to: the calendar year in the club's zone.</summary>
    public static int SeasonOf(this LocalZone zone, DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.YearOf(utc);
    }
}
