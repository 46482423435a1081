using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Podium.Platform.Observability;

/// <summary>Who may read <c>/metrics</c>.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string SectionName = "Podium:Metrics";

    /// <summary>Loopback only: the scraper runs beside the app (sidecar, same host) unless an operator says otherwise.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedNetworks = ["127.0.0.0/8", "::1/128"];

    /// <summary>
    /// CIDR ranges (IPv4 and IPv6) whose clients may scrape. Unset means <see cref="DefaultAllowedNetworks"/>; a
    /// configured list replaces the default rather than adding to it (the binder would append to a pre-filled list).
    /// </summary>
    public List<string>? AllowedNetworks { get; set; }

    public IReadOnlyList<IPNetwork> ParsedNetworks() =>
        [.. (AllowedNetworks is { Count: > 0 } configured ? configured : DefaultAllowedNetworks).Select(n => IPNetwork.Parse(n.Trim()))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in AllowedNetworks ?? [])
        {
            if (!IPNetwork.TryParse(network?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"{SectionName}:AllowedNetworks has '{network}', which is not a CIDR range such as 10.0.0.0/8 or fd00::/8.",
                    [nameof(AllowedNetworks)]);
            }
        }
    }
}
