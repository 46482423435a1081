using Microsoft.Extensions.Options;

namespace Podium.Platform.Feeds;

/// <summary>A source as it is now: its registration with the operator's settings applied.</summary>
public sealed record FeedSourceState(FeedSourceDefinition Definition, Uri? BaseUrl, bool Enabled, TimeSpan Schedule)
{
    public string Key => Definition.Key;

    /// <summary>Kept out of <see cref="ToString"/> (records print every property), so no log line can carry it.</summary>
    internal string? ApiKey { get; init; }

    public bool HasApiKey => !string.IsNullOrEmpty(ApiKey);

    /// <summary>Why the source is not called now, or null when it may be.</summary>
    public string? SkipReason =>
        !Enabled ? "disabled"
        : Definition.RequiresApiKey && !HasApiKey ? "no API key set"
        : BaseUrl is null && !Definition.IsSample ? "no base URL set"
        : null;

    public override string ToString() => $"{Key} ({(Enabled ? "enabled" : "disabled")}, {BaseUrl})";
}

/// <summary>Every registered source, and each one's settings now (configuration, then the admin page's, which win).</summary>
internal sealed class FeedSources(IEnumerable<FeedSourceDefinition> definitions, IOptions<FeedsOptions> options)
{
    private readonly Dictionary<string, FeedSourceDefinition> _definitions = definitions.ToDictionary(d => d.Key, StringComparer.Ordinal);

    public IReadOnlyList<FeedSourceDefinition> All => [.. _definitions.Values.OrderBy(d => d.Key, StringComparer.Ordinal)];

    public FeedSourceDefinition? Find(string? key) => key is not null && _definitions.TryGetValue(key, out var definition) ? definition : null;

    public FeedSourceDefinition Get(string key) =>
        Find(key) ?? throw new InvalidOperationException($"No feed source '{key}' is registered (builder.AddFeedSource).");

    public ValueTask<FeedSourceState> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(Configured(Get(key)));

    internal FeedSourceState Configured(FeedSourceDefinition definition)
    {
        var configured = options.Value.For(definition.Key);
        return new FeedSourceState(
            definition,
            FeedSourceDefinition.ParseBaseUrl(configured.BaseUrl) ?? definition.DefaultBaseUrl,
            configured.Enabled ?? true,
            configured.ParsedSchedule ?? definition.DefaultSchedule)
        {
            ApiKey = string.IsNullOrEmpty(configured.ApiKey) ? null : configured.ApiKey,
        };
    }
}
