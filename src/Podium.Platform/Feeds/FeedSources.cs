using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;

namespace Podium.Platform.Feeds;

/// <summary>A source as it is now: its registration with the operator's settings applied.</summary>
public sealed record FeedSourceState(FeedSourceDefinition Definition, Uri? BaseUrl, bool Enabled, TimeSpan Schedule)
{
    public string Key => Definition.Key;

    /// <summary>Kept out of <see cref="ToString"/> (records print every property), so no log line can carry it.</summary>
    internal string? ApiKey { get; init; }

    public bool HasApiKey => !string.IsNullOrEmpty(ApiKey);

    /// <summary>Whether the key comes from the admin page (rather than configuration).</summary>
    public bool ApiKeyStored { get; init; }

    /// <summary>UTC: when an administrator asked for an update now.</summary>
    public DateTime? UpdateRequestedAt { get; init; }

    /// <summary>Why the source is not called now, or null when it may be.</summary>
    public string? SkipReason =>
        !Enabled ? "disabled"
        : Definition.RequiresApiKey && !HasApiKey ? "no API key set"
        : BaseUrl is null && !Definition.IsSample ? "no base URL set"
        : null;

    public override string ToString() => $"{Key} ({(Enabled ? "enabled" : "disabled")}, {BaseUrl})";
}

/// <summary>
/// Every registered source, and each one's settings now: configuration, then the admin page's (which win). Read from
/// the database at most every <see cref="FeedsOptions.SettingsRefreshSeconds"/>, since every outbound call asks.
/// </summary>
internal sealed class FeedSources(
    IEnumerable<FeedSourceDefinition> definitions,
    IOptions<FeedsOptions> options,
    IServiceScopeFactory scopes,
    IDataProtectionProvider protection,
    TimeProvider time)
{
    private readonly Dictionary<string, FeedSourceDefinition> _definitions = definitions.ToDictionary(d => d.Key, StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _snapshot;

    public IReadOnlyList<FeedSourceDefinition> All => [.. _definitions.Values.OrderBy(d => d.Key, StringComparer.Ordinal)];

    public FeedSourceDefinition? Find(string? key) => key is not null && _definitions.TryGetValue(key, out var definition) ? definition : null;

    public FeedSourceDefinition Get(string key) =>
        Find(key) ?? throw new InvalidOperationException($"No feed source '{key}' is registered (builder.AddFeedSource).");

    public async ValueTask<FeedSourceState> GetAsync(string key, CancellationToken cancellationToken)
    {
        var definition = Get(key);
        var snapshot = await CurrentAsync(cancellationToken);
        return snapshot.States[definition.Key];
    }

    public async ValueTask<IReadOnlyList<FeedSourceState>> ListAsync(CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        return [.. All.Select(d => snapshot.States[d.Key])];
    }

    /// <summary>After an admin change on this instance: the next read goes to the database.</summary>
    public void Invalidate() => _snapshot = null;

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var refresh = TimeSpan.FromSeconds(options.Value.SettingsRefreshSeconds);
        if (_snapshot is { } current && now - current.ReadAt < refresh)
        {
            return current;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } fresh && now - fresh.ReadAt < refresh)
            {
                return fresh;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var rows = await db.Set<FeedSourceSetting>().AsNoTracking().ToDictionaryAsync(r => r.SourceKey, StringComparer.Ordinal, cancellationToken);
            var states = _definitions.Values.ToDictionary(d => d.Key, d => State(d, rows.GetValueOrDefault(d.Key)), StringComparer.Ordinal);
            var snapshot = new Snapshot(now, states);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    private FeedSourceState State(FeedSourceDefinition definition, FeedSourceSetting? stored)
    {
        var configured = options.Value.For(definition.Key);
        var storedKey = FeedSettingsStore.Unprotect(protection, stored?.ProtectedApiKey);
        var configuredKey = string.IsNullOrEmpty(configured.ApiKey) ? null : configured.ApiKey;
        return new FeedSourceState(
            definition,
            FeedSourceDefinition.ParseBaseUrl(stored?.BaseUrl) ?? FeedSourceDefinition.ParseBaseUrl(configured.BaseUrl) ?? definition.DefaultBaseUrl,
            stored?.Enabled ?? configured.Enabled ?? true,
            (FeedSchedule.TryParse(stored?.Schedule, out var interval) ? interval : (TimeSpan?)null) ?? configured.ParsedSchedule ?? definition.DefaultSchedule)
        {
            ApiKey = storedKey ?? configuredKey,
            ApiKeyStored = storedKey is not null,
            UpdateRequestedAt = stored?.UpdateRequestedAt,
        };
    }

    private sealed record Snapshot(DateTimeOffset ReadAt, IReadOnlyDictionary<string, FeedSourceState> States);
}
