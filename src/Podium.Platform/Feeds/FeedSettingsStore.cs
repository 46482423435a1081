using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Modules.Commands;

namespace Podium.Platform.Feeds;

/// <summary>What an administrator submits for one source. A blank API key keeps the stored one; <see cref="ClearApiKey"/> removes it.</summary>
public sealed record FeedSourceEdit(string? BaseUrl, string? ApiKey, bool ClearApiKey, bool Enabled, string? Schedule);

/// <summary>The admin page's settings of sources, stored with the API key encrypted at rest (Data Protection, a purpose of its own).</summary>
internal sealed class FeedSettingsStore(PodiumDbContext db, IDataProtectionProvider protection, IAuditLog audit, FeedSources sources, TimeProvider time)
{
    /// <summary>Versioned: a later scheme of protecting keys gets a new purpose, and this one still reads the old rows.</summary>
    public const string ApiKeyPurpose = "Podium.Feeds.ApiKeys.v1";

    public const int MaxApiKeyLength = 1000;

    public async Task<CommandResult<bool>> SaveAsync(Guid adminId, string? sourceKey, FeedSourceEdit edit, CancellationToken cancellationToken)
    {
        var source = sources.Find(sourceKey);
        if (source is null)
        {
            return CommandResult<bool>.NotFound("No such feed source", $"There is no feed source named '{Shorten(sourceKey)}'.");
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var baseUrl = edit.BaseUrl?.Trim();
        if (!string.IsNullOrEmpty(baseUrl) && (baseUrl.Length > FeedSourceSettingConfiguration.MaxBaseUrlLength || FeedSourceDefinition.ParseBaseUrl(baseUrl) is null))
        {
            errors[nameof(FeedSourceEdit.BaseUrl)] = "Enter an absolute http:// or https:// address without a query string, or leave it empty for the default.";
        }

        var schedule = edit.Schedule?.Trim();
        if (!string.IsNullOrEmpty(schedule) && !FeedSchedule.TryParse(schedule, out _))
        {
            errors[nameof(FeedSourceEdit.Schedule)] = "Enter an interval such as 00:15:00 (hh:mm:ss, from 10 seconds to 31 days), or leave it empty for the default.";
        }

        var apiKey = edit.ApiKey?.Trim();
        if (!string.IsNullOrEmpty(apiKey) && (apiKey.Length > MaxApiKeyLength || apiKey.Any(char.IsControl)))
        {
            errors[nameof(FeedSourceEdit.ApiKey)] = $"An API key is at most {MaxApiKeyLength} printable characters.";
        }

        if (errors.Count > 0)
        {
            return CommandResult<bool>.Invalid(errors);
        }

        var protectedKey = string.IsNullOrEmpty(apiKey) ? null : protection.CreateProtector(ApiKeyPurpose).Protect(apiKey);
        await db.InTransactionAsync(
            async ct =>
            {
                var row = await db.Set<FeedSourceSetting>().SingleOrDefaultAsync(s => s.SourceKey == source.Key, ct);
                if (row is null)
                {
                    row = new FeedSourceSetting { SourceKey = source.Key };
                    db.Add(row);
                }

                row.BaseUrl = string.IsNullOrEmpty(baseUrl) ? null : FeedSourceDefinition.ParseBaseUrl(baseUrl)!.ToString();
                row.Schedule = string.IsNullOrEmpty(schedule) ? null : FeedSchedule.Format(FeedSchedule.TryParse(schedule, out var interval) ? interval : default);
                row.Enabled = edit.Enabled;
                var keyChange = edit.ClearApiKey ? "cleared" : protectedKey is not null ? "set" : "unchanged";
                if (edit.ClearApiKey)
                {
                    row.ProtectedApiKey = null;
                }
                else if (protectedKey is not null)
                {
                    row.ProtectedApiKey = protectedKey;
                }

                row.UpdatedAt = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(ct);
                await audit.RecordInTransactionAsync(
                    db, "admin.feed-settings-changed", AuditOutcome.Success, adminId, source.Key,
                    new { row.BaseUrl, row.Enabled, row.Schedule, apiKeyChange = keyChange }, ct);
            },
            cancellationToken: cancellationToken);
        sources.Invalidate();
        return CommandResult<bool>.Ok(true);
    }

    /// <summary>Marks the source's next run due now, audited; the caller then fires the source's update job.</summary>
    public async Task<FeedSourceDefinition?> RequestUpdateAsync(Guid adminId, string? sourceKey, CancellationToken cancellationToken)
    {
        var source = sources.Find(sourceKey);
        if (source is null)
        {
            return null;
        }

        await db.InTransactionAsync(
            async ct =>
            {
                var row = await db.Set<FeedSourceSetting>().SingleOrDefaultAsync(s => s.SourceKey == source.Key, ct);
                if (row is null)
                {
                    row = new FeedSourceSetting { SourceKey = source.Key, UpdatedAt = time.GetUtcNow().UtcDateTime };
                    db.Add(row);
                }

                row.UpdateRequestedAt = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(ct);
                await audit.RecordInTransactionAsync(db, "admin.feed-update-now", AuditOutcome.Success, adminId, source.Key, cancellationToken: ct);
            },
            cancellationToken: cancellationToken);
        sources.Invalidate();
        return source;
    }

    /// <summary>Decrypts a stored key; null (the source then has no key) when the Data Protection keys that wrote it are gone.</summary>
    internal static string? Unprotect(IDataProtectionProvider protection, string? protectedKey)
    {
        if (string.IsNullOrEmpty(protectedKey))
        {
            return null;
        }

        try
        {
            return protection.CreateProtector(ApiKeyPurpose).Unprotect(protectedKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 100 ? text : text[..100] + "…";
}
