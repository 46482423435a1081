using System.ComponentModel.DataAnnotations;

namespace Podium.Platform;

public sealed class HttpLimitsOptions
{
    public const string SectionName = "Podium:Http";

    /// <summary>Largest request body accepted (413 above it). Endpoints that take uploads raise their own limit.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
