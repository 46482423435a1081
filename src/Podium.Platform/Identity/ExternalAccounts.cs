using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Podium.Platform.Audit;
using Podium.Platform.Observability;

namespace Podium.Platform.Identity;

public enum ExternalSignInOutcome
{
    SignedIn,
    RequiresTwoFactor,
    /// <summary>The account is locked (too many failures, or by an admin).</summary>
    LockedOut,
    /// <summary>The account's address is not confirmed yet; a new confirmation link has been mailed.</summary>
    EmailNotConfirmed,
    /// <summary>No account has this sign-in yet: the person links one (with its password) or makes a new one.</summary>
    NotLinked,
    /// <summary>The password did not match, the address has no account, or the account is locked: one answer.</summary>
    WrongPassword,
    /// <summary>A confirmation link was mailed (a new account with an unverified address, or the address has an account).</summary>
    CheckEmail,
    /// <summary>The provider gave no e-mail address, so no account can be made from it.</summary>
    NoEmail,
}

public enum UnlinkOutcome
{
    Removed,
    NotFound,
    /// <summary>Refused: the account has no password and this is its only linked sign-in.</summary>
    LastWayToSignIn,
}

/// <summary>Who the provider says the person is: its stable key for them, and the address if it shared one.</summary>
public sealed record ExternalIdentity(string Provider, string ProviderDisplayName, string Key, string? Email, bool EmailVerified, string? Name)
{
    public const string EmailVerifiedClaim = "email_verified";

    public static ExternalIdentity From(ExternalLoginInfo info)
    {
        var email = info.Principal.FindFirstValue("email");
        // Absent means unverified: a provider that does not say has not checked (Microsoft Entra, for one, never says).
        var verified = bool.TryParse(info.Principal.FindFirstValue(EmailVerifiedClaim), out var value) && value;
        return new ExternalIdentity(info.LoginProvider, info.ProviderDisplayName ?? info.LoginProvider, info.ProviderKey,
            string.IsNullOrWhiteSpace(email) ? null : email.Trim(), verified, info.Principal.FindFirstValue("name")?.Trim());
    }
}

/// <summary>A sign-in with a provider as the profile lists it.</summary>
public sealed record LinkedSignIn(string Provider, string DisplayName, string Key);

/// <summary>
/// Signing in with an external provider, and linking providers to accounts. A provider's sign-in is linked to an
/// existing account only when the person proves the account's password, or when both the provider and Podium have
/// verified the e-mail address: an address a provider merely repeats must never hand over someone's account.
/// Two-factor sign-in, lockout and session tracking apply exactly as they do to a password sign-in.
/// </summary>
public sealed partial class ExternalAccounts(
    UserManager<PodiumUser> users,
    SignInManager<PodiumUser> signIn,
    AccountService accounts,
    UserSessions sessions,
    IAuditLog audit,
    TimeProvider time,
    BusinessMetrics metrics,
    ILogger<ExternalAccounts> logger)
{
    /// <summary>After the provider's callback: signs in the linked account, links one that qualifies, or says neither.</summary>
    public async Task<ExternalSignInOutcome> SignInAsync(ExternalLoginInfo info, CancellationToken cancellationToken)
    {
        var identity = ExternalIdentity.From(info);
        var outcome = await SignInLinkedAsync(identity, cancellationToken);
        if (outcome != ExternalSignInOutcome.NotLinked)
        {
            return outcome;
        }

        if (identity is { EmailVerified: true, Email: { } email }
            && await users.FindByEmailAsync(email) is { EmailConfirmed: true } owner
            && await LinkAsync(owner, info, "e-mail verified by both", cancellationToken))
        {
            return await SignInLinkedAsync(identity, cancellationToken);
        }

        return ExternalSignInOutcome.NotLinked;
    }

    /// <summary>Links the provider's sign-in to the account with this address once its password is proven, then signs in.</summary>
    public async Task<ExternalSignInOutcome> LinkWithPasswordAsync(ExternalLoginInfo info, string email, string password, CancellationToken cancellationToken)
    {
        var identity = ExternalIdentity.From(info);
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            accounts.SpendPasswordCheck(password);
            await audit.RecordAsync("account.external-link", AuditOutcome.Failure, null,
                details: new { provider = identity.Provider, reason = "unknown e-mail" }, cancellationToken: cancellationToken);
            return ExternalSignInOutcome.WrongPassword;
        }

        // Counts towards lockout like a password sign-in; a second factor is asked for at the sign-in that follows.
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsNotAllowed && await users.CheckPasswordAsync(user, password))
        {
            await accounts.SendConfirmationAsync(user, cancellationToken);
            return ExternalSignInOutcome.EmailNotConfirmed;
        }

        if (!check.Succeeded)
        {
            var reason = check.IsLockedOut ? "locked out" : "wrong password";
            LogLinkRefused(logger, user.Id, identity.Provider, reason);
            await audit.RecordAsync("account.external-link", AuditOutcome.Failure, null, user.Id.ToString(),
                new { provider = identity.Provider, reason }, cancellationToken);
            return ExternalSignInOutcome.WrongPassword;
        }

        if (!await LinkAsync(user, info, "password", cancellationToken))
        {
            return ExternalSignInOutcome.WrongPassword;
        }

        return await SignInLinkedAsync(identity, cancellationToken);
    }

    /// <summary>
    /// A new account from the provider's sign-in: confirmed straight away when the provider verified the address,
    /// otherwise once the person follows the mailed link. An address that has an account gets the same answer as a
    /// new one, and its owner a note, as with a sign-up form.
    /// </summary>
    public async Task<ExternalSignInOutcome> CreateAccountAsync(ExternalLoginInfo info, string displayName, CancellationToken cancellationToken)
    {
        var identity = ExternalIdentity.From(info);
        if (identity.Email is not { } email)
        {
            return ExternalSignInOutcome.NoEmail;
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            await accounts.TellOwnerOfSignUpAsync(existing, identity.Provider, cancellationToken);
            return ExternalSignInOutcome.CheckEmail;
        }

        var user = new PodiumUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = identity.EmailVerified,
            DisplayName = displayName.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            // Lost a race with a sign-up for the same address, or the provider's address is not one Identity accepts.
            LogCreateFailed(logger, identity.Provider, string.Join(", ", created.Errors.Select(e => e.Code)));
            return ExternalSignInOutcome.CheckEmail;
        }

        await users.AddToRoleAsync(user, Roles.Member);
        metrics.Record(BusinessMetrics.Events.Registration);
        await audit.RecordAsync("account.register", AuditOutcome.Success, user.Id, user.Id.ToString(), new { provider = identity.Provider }, cancellationToken);
        await LinkAsync(user, info, "new account", cancellationToken);
        if (!user.EmailConfirmed)
        {
            await accounts.SendConfirmationAsync(user, cancellationToken);
            return ExternalSignInOutcome.CheckEmail;
        }

        return await SignInLinkedAsync(identity, cancellationToken);
    }

    /// <summary>Links the provider's sign-in to the signed-in person's account (being signed in is the proof).</summary>
    public Task<bool> LinkToSignedInAsync(PodiumUser user, ExternalLoginInfo info, CancellationToken cancellationToken) =>
        LinkAsync(user, info, "signed in", cancellationToken);

    public async Task<IReadOnlyList<LinkedSignIn>> LinkedAsync(PodiumUser user) =>
        [.. (await users.GetLoginsAsync(user)).Select(l => new LinkedSignIn(l.LoginProvider, l.ProviderDisplayName ?? l.LoginProvider, l.ProviderKey))];

    /// <summary>Whether removing one linked sign-in would leave the account a way in: a password, or another provider.</summary>
    public async Task<bool> CanUnlinkAsync(PodiumUser user) =>
        await users.HasPasswordAsync(user) || (await users.GetLoginsAsync(user)).Count > 1;

    /// <summary>Removes a linked sign-in, unless it is the last way in. Other sessions end (the security stamp changes).</summary>
    public async Task<UnlinkOutcome> UnlinkAsync(PodiumUser user, string provider, string key, Guid? currentSession, CancellationToken cancellationToken)
    {
        var login = (await users.GetLoginsAsync(user)).FirstOrDefault(l => l.LoginProvider == provider && l.ProviderKey == key);
        if (login is null)
        {
            return UnlinkOutcome.NotFound;
        }

        if (!await CanUnlinkAsync(user))
        {
            await audit.RecordAsync("account.external-unlink", AuditOutcome.Denied, user.Id, user.Id.ToString(),
                new { provider, reason = "last way to sign in" }, cancellationToken);
            return UnlinkOutcome.LastWayToSignIn;
        }

        var removed = await users.RemoveLoginAsync(user, provider, key);
        if (!removed.Succeeded)
        {
            return UnlinkOutcome.NotFound;
        }

        // RemoveLoginAsync renewed the security stamp: other sessions end at their next check; this one continues.
        await signIn.RefreshSignInAsync(user);
        await sessions.RevokeAllAsync(user.Id, keep: currentSession, "linked sign-in removed", cancellationToken);
        LogUnlinked(logger, user.Id, provider);
        await audit.RecordAsync("account.external-unlink", AuditOutcome.Success, user.Id, user.Id.ToString(), new { provider }, cancellationToken);
        return UnlinkOutcome.Removed;
    }

    /// <summary>The sign-in itself: Identity's checks (confirmed address, lockout, second factor) and a session row.</summary>
    private async Task<ExternalSignInOutcome> SignInLinkedAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        var result = await signIn.ExternalLoginSignInAsync(identity.Provider, identity.Key, isPersistent: false, bypassTwoFactor: false);
        if (result.Succeeded)
        {
            var user = await users.FindByLoginAsync(identity.Provider, identity.Key);
            LogSignedIn(logger, user!.Id, identity.Provider);
            await audit.RecordAsync("account.external-sign-in", AuditOutcome.Success, user.Id, user.Id.ToString(), new { provider = identity.Provider }, cancellationToken);
            return ExternalSignInOutcome.SignedIn;
        }

        if (result.RequiresTwoFactor)
        {
            return ExternalSignInOutcome.RequiresTwoFactor;
        }

        if (!result.IsLockedOut && !result.IsNotAllowed)
        {
            return ExternalSignInOutcome.NotLinked;
        }

        var linked = await users.FindByLoginAsync(identity.Provider, identity.Key);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync("account.external-sign-in", AuditOutcome.Failure, null, linked!.Id.ToString(),
                new { provider = identity.Provider, reason = "locked out" }, cancellationToken);
            return ExternalSignInOutcome.LockedOut;
        }

        await accounts.SendConfirmationAsync(linked!, cancellationToken);
        return ExternalSignInOutcome.EmailNotConfirmed;
    }

    private async Task<bool> LinkAsync(PodiumUser user, ExternalLoginInfo info, string how, CancellationToken cancellationToken)
    {
        var added = await users.AddLoginAsync(user, info);
        var outcome = added.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure;
        await audit.RecordAsync("account.external-link", outcome, added.Succeeded ? user.Id : null, user.Id.ToString(),
            new { provider = info.LoginProvider, how, reasons = added.Errors.Select(e => e.Code) }, cancellationToken);
        if (added.Succeeded)
        {
            LogLinked(logger, user.Id, info.LoginProvider, how);
        }

        return added.Succeeded;
    }

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Security: account {UserId} signed in with {Provider}")]
    private static partial void LogSignedIn(ILogger logger, Guid userId, string provider);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Information, Message = "Security: {Provider} sign-in linked to account {UserId} ({How})")]
    private static partial void LogLinked(ILogger logger, Guid userId, string provider, string how);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Warning, Message = "Security: linking {Provider} to account {UserId} refused ({Reason})")]
    private static partial void LogLinkRefused(ILogger logger, Guid userId, string provider, string reason);

    [LoggerMessage(EventId = 1033, Level = LogLevel.Information, Message = "Security: {Provider} sign-in removed from account {UserId}")]
    private static partial void LogUnlinked(ILogger logger, Guid userId, string provider);

    [LoggerMessage(EventId = 1034, Level = LogLevel.Warning, Message = "Security: no account made from a {Provider} sign-in ({Errors})")]
    private static partial void LogCreateFailed(ILogger logger, string provider, string errors);
}
