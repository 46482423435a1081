using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podium.Modules.Fights.Features.Catalogue;

/// <summary>One line (or radar polygon) of a chart; <paramref name="Axis"/> "y1" puts it on the right-hand scale.</summary>
internal sealed record ChartSeries(string Label, IReadOnlyList<double?> Data, string? Axis = null);

internal sealed record ChartAxis(string Title, double? Min = null, double? Max = null, bool Percent = false);

/// <summary>
/// What a canvas's <c>data-chart</c> attribute holds for js/fights-charts.js to draw (no inline script: the content
/// security policy forbids it). The table beside each chart has the same numbers for people who cannot see it.
/// </summary>
internal sealed record ChartSpec(string Type, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Datasets, ChartAxis? Y = null, ChartAxis? Y1 = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
