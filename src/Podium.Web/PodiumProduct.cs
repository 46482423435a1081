using Podium.Platform;

namespace Podium.Web;

/// <summary>
/// What this app is, in the words of the OpenAPI document, the <c>podium</c> help and the tagline shown until an
/// operator sets one: said by the host, which knows its modules, rather than by Platform, which names none.
/// </summary>
internal static class PodiumProduct
{
    public static ProductInfo Info { get; } = new("Prediction leagues and club competitions.");
}
