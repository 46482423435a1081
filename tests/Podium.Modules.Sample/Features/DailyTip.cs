using Podium.Modules.Sample.Domain;

namespace Podium.Modules.Sample.Features;

internal sealed record TipDto(DateOnly Day, string Tip);

/// <summary>Today's tip, for the page and the API alike; the day is the server's UTC day.</summary>
internal sealed class DailyTip(TimeProvider time)
{
    public TipDto Today()
    {
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new TipDto(day, Tips.For(day));
    }
}
