using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using System.ComponentModel;
using Podium.Platform.Caching;
using Podium.Platform.Data;

namespace Podium.Platform.Settings;

/// <summary>Runtime configuration kept in the database (<c>platform_settings</c>).</summary>
public interface ISettingsStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, string>> GetAllAsync(CancellationToken cancellationToken);

    /// <exception cref="ArgumentException">The key or value is not acceptable; the message says why.</exception>
    Task SetAsync(string key, string value, CancellationToken cancellationToken);

    /// <returns>Whether the key existed.</returns>
    Task<bool> RemoveAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Keys the platform itself reads.</summary>
public static class SettingKeys
{
    public const string SiteName = "site.name";
    public const string SiteTagline = "site.tagline";

    /// <summary>What the site is called until an operator sets <see cref="SiteName"/>.</summary>
    public const string DefaultSiteName = "Podium";
}

public static class SettingsStoreExtensions
{
    /// <summary>The site's name as people see it (pages, e-mails, the authenticator app).</summary>
    public static async Task<string> GetSiteNameAsync(this ISettingsStore settings, CancellationToken cancellationToken) =>
        await settings.GetAsync(SettingKeys.SiteName, cancellationToken) ?? SettingKeys.DefaultSiteName;
}

internal sealed partial class SettingsStore(PodiumDbContext db, IPodiumCache cache, TimeProvider time) : ISettingsStore
{
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 4000;

    /// <summary>Invalidated on every change, on every instance; output-cached pages showing settings carry it too.</summary>
    public const string CacheTag = "platform:settings";

    // Settings are read on every page (site name) and change rarely: one cached snapshot, invalidated on write.
    // A change made by a CLI command without Redis cannot reach the servers' memory: it shows within this time.
    private static readonly TimeSpan LocalFor = TimeSpan.FromSeconds(30);
    private const string CacheKey = "platform:settings";

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        (await GetAllAsync(cancellationToken)).GetValueOrDefault(key);

    public async Task<IReadOnlyDictionary<string, string>> GetAllAsync(CancellationToken cancellationToken)
    {
        var snapshot = await cache.GetOrCreateAsync(
            CacheKey,
            async token => new SettingsSnapshot(new SortedDictionary<string, string>(
                await db.Set<PlatformSetting>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, token),
                StringComparer.Ordinal)),
            tags: [CacheTag],
            localExpiration: LocalFor,
            cancellationToken: cancellationToken);
        return snapshot.Values;
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        ValidateKey(key);
        ValidateValue(value);
        var setting = await db.Set<PlatformSetting>().FindAsync([key], cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (setting is null)
        {
            db.Add(new PlatformSetting { Key = key, Value = value, UpdatedAt = now });
        }
        else
        {
            setting.Value = value;
            setting.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateTagAsync(CacheTag, CancellationToken.None);
    }

    public async Task<bool> RemoveAsync(string key, CancellationToken cancellationToken)
    {
        ValidateKey(key);
        var removed = await db.Set<PlatformSetting>().Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
        await cache.InvalidateTagAsync(CacheTag, CancellationToken.None);
        return removed > 0;
    }

    internal static void ValidateKey(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || !KeyPattern().IsMatch(key))
        {
            throw new ArgumentException(
                $"A setting key is 1–{MaxKeyLength} lower-case letters and digits in words joined by '.', '-' or '_' (e.g. site.name).",
                nameof(key));
        }
    }

    internal static void ValidateValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxValueLength)
        {
            throw new ArgumentException($"A setting value is at most {MaxValueLength} characters.", nameof(value));
        }

        // PostgreSQL text cannot hold NUL, and no setting needs control characters other than line breaks and tabs.
        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            throw new ArgumentException("A setting value cannot contain control characters.", nameof(value));
        }
    }

    [GeneratedRegex("^[a-z0-9]+([._-][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}

/// <summary>Immutable, so the cache hands out one instance instead of deserialising a copy per read.</summary>
[ImmutableObject(true)]
internal sealed class SettingsSnapshot(SortedDictionary<string, string> values)
{
    public SortedDictionary<string, string> Values { get; } = values;
}
