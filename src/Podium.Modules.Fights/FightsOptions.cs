using Microsoft.Extensions.Options;

namespace Podium.Modules.Fights;

/// <summary>The Fights module's settings (<c>Podium:Fights</c>).</summary>
internal sealed class FightsOptions
{
    public const string SectionName = "Podium:Fights";
    public const string Espn = "espn";
    public const string Sample = "sample";
    public const string None = "none";

    /// <summary>
    /// Where events, cards, results and odds are imported from: <c>espn</c> (ESPN's public MMA JSON), <c>sample</c> (the
    /// bundled sample data, labelled as such) or <c>none</c>. Unset: <c>sample</c> in Development, else <c>none</c>, so no
    /// site calls an outside feed until its operator chooses one.
    /// </summary>
    public string? Feed { get; set; }

    public static string FeedOf(string? configured, bool development) =>
        string.IsNullOrWhiteSpace(configured) ? (development ? Sample : None) : configured.Trim().ToLowerInvariant();
}

internal sealed class FightsOptionsValidator : IValidateOptions<FightsOptions>
{
    public ValidateOptionsResult Validate(string? name, FightsOptions options) =>
        string.IsNullOrWhiteSpace(options.Feed) || options.Feed.Trim().ToLowerInvariant() is FightsOptions.Espn or FightsOptions.Sample or FightsOptions.None
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{FightsOptions.SectionName}:Feed '{options.Feed}' is not a feed: espn, sample or none.");
}
