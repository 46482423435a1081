namespace Podium.Platform.Feeds;

/// <summary>
/// An outside source of data a module reads (a scoreboard, an odds feed, a price ticker), registered once with
/// <c>builder.AddFeedSource(…)</c>. Operators override its base URL, API key, switch and schedule in
/// <c>Podium:Feeds:Sources:{key}</c> and, at run time, on <c>/admin/feeds</c>.
/// </summary>
public sealed record FeedSourceDefinition
{
    /// <param name="key">Lower-case, dotted, unique: <c>scores.primary</c>. Names the source in settings, logs and metrics.</param>
    /// <param name="displayName">What administrators read, e.g. "Scoreboard (primary)".</param>
    /// <param name="defaultBaseUrl">Where it is unless configured; null for a source that needs no HTTP (bundled sample data).</param>
    /// <param name="requiresApiKey">Whether it answers only with a key: without one set it is skipped, not called.</param>
    /// <param name="defaultSchedule">How often its data is wanted, unless configured (an hour when not given).</param>
    public FeedSourceDefinition(string key, string displayName, Uri? defaultBaseUrl, bool requiresApiKey = false, TimeSpan? defaultSchedule = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        if (!IsValidKey(key))
        {
            throw new ArgumentException($"Feed source key '{key}' must be lower-case letters, digits, dots and dashes, at most {MaxKeyLength} characters.", nameof(key));
        }

        if (defaultBaseUrl is not null && !IsHttpUrl(defaultBaseUrl))
        {
            throw new ArgumentException($"Feed source '{key}': the base URL must be an absolute http(s) URL.", nameof(defaultBaseUrl));
        }

        if (defaultSchedule is { } schedule && schedule <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultSchedule), $"Feed source '{key}': the schedule must be a positive interval.");
        }

        Key = key;
        DisplayName = displayName;
        DefaultBaseUrl = defaultBaseUrl;
        RequiresApiKey = requiresApiKey;
        DefaultSchedule = defaultSchedule ?? TimeSpan.FromHours(1);
    }

    public const int MaxKeyLength = 100;

    public string Key { get; }

    public string DisplayName { get; }

    public Uri? DefaultBaseUrl { get; }

    public bool RequiresApiKey { get; }

    public TimeSpan DefaultSchedule { get; }

    /// <summary>The header the API key travels in (<c>X-Api-Key</c> unless <see cref="ApiKeyQueryParameter"/> is set).</summary>
    public string? ApiKeyHeader { get; init; }

    /// <summary>For sources that take the key only in the query string; logs never show a query string.</summary>
    public string? ApiKeyQueryParameter { get; init; }

    /// <summary>Bundled sample data rather than a live feed: what it answers is labelled <c>sample</c>, never <c>real</c>.</summary>
    public bool IsSample { get; init; }

    /// <summary>The Podium job (<c>AddPodiumJob</c> key) that imports from this source: what "Update now" on the admin page runs.</summary>
    public string? UpdateJobKey { get; init; }

    internal string ClientName => "feed:" + Key;

    internal static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxKeyLength
        && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
        && char.IsAsciiLetterLower(key[0]);

    internal static bool IsHttpUrl(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(url.Host);

    /// <summary>An absolute http(s) URL, or nothing: what operators may type as a base URL.</summary>
    internal static Uri? ParseBaseUrl(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var url) && IsHttpUrl(url) && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment) && string.IsNullOrEmpty(url.UserInfo)
            ? url
            : null;
}
