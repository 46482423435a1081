using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
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

internal sealed partial class SettingsStore(PodiumDbContext db, IMemoryCache cache, TimeProvider time) : ISettingsStore
{
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 4000;

    // Settings are read on every page (site name) and change rarely: one cached dictionary, dropped on write here.
    // Another instance sees a change within CacheFor; the shared cache issue replaces this with tag invalidation.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const string CacheKey = "podium:platform:settings";

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        (await GetAllAsync(cancellationToken)).GetValueOrDefault(key);

    public async Task<IReadOnlyDictionary<string, string>> GetAllAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out IReadOnlyDictionary<string, string>? cached) && cached is not null)
        {
            return cached;
        }

        var all = await db.Set<PlatformSetting>().AsNoTracking()
            .ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, cancellationToken);
        var sorted = new SortedDictionary<string, string>(all, StringComparer.Ordinal);
        cache.Set(CacheKey, (IReadOnlyDictionary<string, string>)sorted, CacheFor);
        return sorted;
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
        cache.Remove(CacheKey);
    }

    public async Task<bool> RemoveAsync(string key, CancellationToken cancellationToken)
    {
        ValidateKey(key);
        var removed = await db.Set<PlatformSetting>().Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
        cache.Remove(CacheKey);
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
