using System.Text.Json;
using System.Text.Json.Serialization;
using Podium.Modules.Forecast.Domain;

namespace Podium.Modules.Forecast.Features.Scoring;

/// <summary>
/// The scores file's shape, a contract people's scripts read: one object per model and horizon with exactly these
/// fields; undefined values are null, numbers in full double precision (the serializer writes the shortest text that
/// reads back to the same double).
/// </summary>
internal sealed record ScoreRowJson(
    string Model,
    int HorizonDays,
    int N,
    double Mae,
    double Rmse,
    double? Mase,
    double? Skill,
    double DirectionalAccuracy,
    double DirectionalP,
    double AlwaysUpAccuracy,
    double Coverage80,
    double Pinball,
    double? DmStatistic,
    double? DmP);

internal static class ScoresJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    public static IReadOnlyList<ScoreRowJson> Rows(IReadOnlyList<ModelScore> scores) =>
    [
        .. scores.Select(s => new ScoreRowJson(
            s.Model, s.HorizonDays, s.Score.N, s.Score.Mae, s.Score.Rmse, s.Score.Mase, s.Score.Skill, s.Score.DirectionalAccuracy,
            s.Score.DirectionalP, s.Score.AlwaysUpAccuracy, s.Score.Coverage80, s.Score.Pinball, s.Score.DmStatistic, s.Score.DmP)),
    ];

    public static string Write(IReadOnlyList<ModelScore> scores) => JsonSerializer.Serialize(Rows(scores), Options) + "\n";
}
