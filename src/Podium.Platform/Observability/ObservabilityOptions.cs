using System.ComponentModel.DataAnnotations;

namespace Podium.Platform.Observability;

/// <summary>Thresholds above which a request or a database command is worth a warning.</summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "Podium:Observability";

    /// <summary>A request slower than this (milliseconds, whole pipeline) is logged at Warning.</summary>
    [Range(0, 3_600_000)]
    public int SlowRequestMs { get; set; } = 1000;

    /// <summary>A database command slower than this (milliseconds, until the first result) is logged at Warning.</summary>
    [Range(0, 3_600_000)]
    public int SlowDbCommandMs { get; set; } = 500;
}
