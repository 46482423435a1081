namespace Podium.Platform;

/// <summary>
/// What the host says the product is, given to <see cref="PlatformExtensions.AddPlatform"/>: Platform shows it in the
/// OpenAPI document, the CLI's help and as the tagline pages show until an operator sets one, and names no product itself.
/// </summary>
/// <param name="Description">One sentence, capitalised and ending with a full stop.</param>
public sealed record ProductInfo(string Description)
{
    public string Description { get; } = !string.IsNullOrWhiteSpace(Description) && Description.EndsWith('.')
        ? Description
        : throw new ArgumentException("The product description is one sentence ending with a full stop.", nameof(Description));
}
