using System.Text;
using System.Text.Json;

namespace Podium.Modules.Pools.Domain;

/// <summary>
/// The standings as replay writes them: an array in rank order of
/// <c>{"rank","entry","alive","weeksSurvived","livesLeft","eliminatedWeek","points","correct","margin","buybacks"}</c>,
/// every key on every line (null where the pool's kind has no such figure).
/// </summary>
internal static class StandingsJson
{
    public static string Write(IEnumerable<Standing> standings)
    {
        ArgumentNullException.ThrowIfNull(standings);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var s in standings)
            {
                json.WriteStartObject();
                json.WriteNumber("rank", s.Rank);
                json.WriteString("entry", s.Entry);
                Write(json, "alive", s.Alive);
                Write(json, "weeksSurvived", s.WeeksSurvived);
                Write(json, "livesLeft", s.LivesLeft);
                Write(json, "eliminatedWeek", s.EliminatedWeek);
                if (s.Points is { } points)
                {
                    // Whole points without a trailing ".0", halves as 0.5: 1.0m + 0.5m keeps a scale the reader need not see.
                    json.WriteNumber("points", points / 1.000000000000000000000000000000000m);
                }
                else
                {
                    json.WriteNull("points");
                }

                json.WriteNumber("correct", s.Correct);
                Write(json, "margin", s.Margin);
                Write(json, "buybacks", s.Buybacks);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Write(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } flag)
        {
            json.WriteBoolean(name, flag);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
