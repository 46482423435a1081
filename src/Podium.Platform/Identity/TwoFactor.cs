using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using OtpNet;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using QRCoder;

namespace Podium.Platform.Identity;

/// <summary>
/// TOTP (RFC 6238) where each code works once: the time step of the last accepted code is stored per user, so a
/// code seen over someone's shoulder cannot be replayed within its 30 seconds (Identity's own provider allows that).
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(TimeProvider time) : AuthenticatorTokenProvider<PodiumUser>
{
    public const string ProviderName = "Podium.Authenticator";
    private const string StoreName = "Podium";
    private const string LastStepName = "AuthenticatorLastStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<PodiumUser> manager, PodiumUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = new string([.. (token ?? "").Where(char.IsDigit)]);
        if (string.IsNullOrEmpty(key) || code.Length != 6)
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        // One step either side tolerates a phone clock that is a little off.
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, StoreName, LastStepName);
        if (last is not null && long.Parse(last, CultureInfo.InvariantCulture) >= step)
        {
            return false;
        }

        await manager.SetAuthenticationTokenAsync(user, StoreName, LastStepName, step.ToString(CultureInfo.InvariantCulture));
        return true;
    }
}

/// <summary>The user store, with recovery codes kept as SHA-256 hashes instead of Identity's plain text.</summary>
public sealed class PodiumUserStore(PodiumDbContext context, IPodiumCache cache, IdentityErrorDescriber? describer = null)
    : UserStore<PodiumUser, PodiumRole, PodiumDbContext, Guid>(context, describer)
{
    // Every change to an account through UserManager ends here (roles, lock, security stamp, deletion): what is cached
    // about the account's rights, such as its API keys, is dropped on every instance.
    public override async Task<IdentityResult> UpdateAsync(PodiumUser user, CancellationToken cancellationToken = default)
    {
        var result = await base.UpdateAsync(user, cancellationToken);
        await cache.InvalidateTagAsync(ApiKeyCache.UserTag(user.Id), cancellationToken);
        return result;
    }

    public override async Task<IdentityResult> DeleteAsync(PodiumUser user, CancellationToken cancellationToken = default)
    {
        var result = await base.DeleteAsync(user, cancellationToken);
        await cache.InvalidateTagAsync(ApiKeyCache.UserTag(user.Id), cancellationToken);
        return result;
    }

    public override Task ReplaceCodesAsync(PodiumUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    public override Task<bool> RedeemCodeAsync(PodiumUser user, string code, CancellationToken cancellationToken) =>
        base.RedeemCodeAsync(user, Hash(code), cancellationToken);

    // Codes are 10 random base-32 characters (50 bits): a fast hash is enough, and the comparison
    // is of hashes, so timing reveals nothing about a stored code.
    private static string Hash(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant())));
}

/// <summary>What a person needs to add Podium to an authenticator app.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string FormattedKey, string QrCodeDataUri);

public static class Authenticator
{
    public static AuthenticatorSetup Describe(string issuer, string account, string key)
    {
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        // Rendered here as a data: URI (allowed by the CSP's img-src) so the secret never leaves the server.
        var png = new PngByteQRCode(data).GetGraphic(6);
        var formatted = string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
        return new AuthenticatorSetup(key, formatted, "data:image/png;base64," + Convert.ToBase64String(png));
    }
}
