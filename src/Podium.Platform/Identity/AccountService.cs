using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Podium.Platform.Audit;
using Podium.Platform.Email;
using Podium.Platform.Observability;
using Podium.Platform.Settings;

namespace Podium.Platform.Identity;

public enum SignInOutcome
{
    SignedIn,
    RequiresTwoFactor,
    EmailNotConfirmed,
    /// <summary>Wrong e-mail, wrong password or locked: deliberately one answer.</summary>
    Failed,
}

/// <summary>
/// The account use cases the pages (and later the API) call. Every answer that could reveal whether an e-mail
/// address has an account is the same either way, and takes about as long (a password hash is computed on both paths).
/// </summary>
public sealed partial class AccountService(
    UserManager<PodiumUser> users,
    SignInManager<PodiumUser> signIn,
    IPasswordHasher<PodiumUser> hasher,
    IEmailSender email,
    AccountLinks links,
    ISettingsStore settings,
    IAuditLog audit,
    UserSessions sessions,
    TimeProvider time,
    BusinessMetrics metrics,
    ILogger<AccountService> logger)
{
    private static readonly PodiumUser Nobody = new() { DisplayName = "nobody" };
    private static string? _dummyHash;

    /// <summary>Creates the account and mails a confirmation link, or mails the existing owner; the caller cannot tell which.</summary>
    /// <returns>Errors only for problems with the input itself (the password policy, the address format).</returns>
    public async Task<IdentityResult> RegisterAsync(string displayName, string emailAddress, string password, CancellationToken cancellationToken)
    {
        emailAddress = emailAddress.Trim();
        var user = new PodiumUser
        {
            UserName = emailAddress,
            Email = emailAddress,
            DisplayName = displayName.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, user, password);
            if (!checkedPassword.Succeeded)
            {
                return checkedPassword;
            }
        }

        var existing = await users.FindByEmailAsync(emailAddress);
        if (existing is not null)
        {
            _ = hasher.HashPassword(user, password);
            await TellOwnerOfSignUpAsync(existing, provider: null, cancellationToken);
            return IdentityResult.Success;
        }

        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // Lost a race with a simultaneous sign-up for the same address: same answer as above.
            return created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName") ? IdentityResult.Success : created;
        }

        await users.AddToRoleAsync(user, Roles.Member);
        await SendConfirmationAsync(user, cancellationToken);
        LogRegistered(logger, user.Id);
        metrics.Record(BusinessMetrics.Events.Registration);
        await audit.RecordAsync("account.register", AuditOutcome.Success, user.Id, user.Id.ToString(), cancellationToken: cancellationToken);
        return IdentityResult.Success;
    }

    /// <summary>Someone tried to make an account with an address that has one: its owner is told, the visitor is not.</summary>
    internal async Task TellOwnerOfSignUpAsync(PodiumUser existing, string? provider, CancellationToken cancellationToken)
    {
        await SendAsync("already-registered", existing, new Dictionary<string, string>
        {
            ["SignInLink"] = links.SignIn(),
            ["ResetLink"] = links.ForgotPassword(),
        }, cancellationToken);
        LogRegistrationForExistingAccount(logger, existing.Id);
        await audit.RecordAsync("account.register", AuditOutcome.Denied, null, existing.Id.ToString(),
            new { reason = "address has an account", provider }, cancellationToken);
    }

    /// <summary>Costs what checking a real password costs, so a wrong address answers no faster than a wrong password.</summary>
    internal void SpendPasswordCheck(string password)
    {
        _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
        _ = hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
    }

    public async Task SendConfirmationAsync(PodiumUser user, CancellationToken cancellationToken)
    {
        var code = await users.GenerateEmailConfirmationTokenAsync(user);
        await SendAsync("confirm-email", user, new Dictionary<string, string> { ["Link"] = links.ConfirmEmail(user.Id, code) }, cancellationToken);
    }

    public async Task<bool> ConfirmEmailAsync(Guid userId, string code)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        var confirmed = user is not null && (await users.ConfirmEmailAsync(user, code)).Succeeded;
        await audit.RecordAsync("account.email-confirm", confirmed ? AuditOutcome.Success : AuditOutcome.Failure, user?.Id, userId.ToString());
        return confirmed;
    }

    public async Task<SignInOutcome> SignInAsync(string emailAddress, string password, bool rememberMe)
    {
        var user = await users.FindByEmailAsync(emailAddress.Trim());
        if (user is null)
        {
            SpendPasswordCheck(password);
            LogSignInFailed(logger, null, "unknown e-mail");
            await audit.RecordAsync("account.sign-in", AuditOutcome.Failure, null, details: new { reason = "unknown e-mail" });
            return SignInOutcome.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            LogSignedIn(logger, user.Id);
            await audit.RecordAsync("account.sign-in", AuditOutcome.Success, user.Id, user.Id.ToString());
            return SignInOutcome.SignedIn;
        }

        if (result.RequiresTwoFactor)
        {
            return SignInOutcome.RequiresTwoFactor;
        }

        if (result.IsNotAllowed && !user.EmailConfirmed && await users.CheckPasswordAsync(user, password))
        {
            return SignInOutcome.EmailNotConfirmed;
        }

        if (result.IsLockedOut)
        {
            LogLockedOut(logger, user.Id);
            await audit.RecordAsync("account.lockout", AuditOutcome.Denied, null, user.Id.ToString());
        }

        LogSignInFailed(logger, user.Id, result.IsLockedOut ? "locked out" : "wrong password");
        await audit.RecordAsync("account.sign-in", AuditOutcome.Failure, null, user.Id.ToString(),
            new { reason = result.IsLockedOut ? "locked out" : "wrong password" });
        return SignInOutcome.Failed;
    }

    /// <summary>
    /// Signs this browser out. Deleting the cookie is only a request to the browser: the session row ends first, so a
    /// copy of the cookie (a shared computer, a proxy's log, malware) is refused from now on, by every instance. Not
    /// cancelled with the request: a tab closed right after the click must still end the session.
    /// </summary>
    public async Task SignOutAsync(ClaimsPrincipal principal)
    {
        var userId = Guid.TryParse(users.GetUserId(principal), out var id) ? id : (Guid?)null;
        if (userId is not null && UserSessions.IdOf(principal) is { } session)
        {
            await sessions.EndAsync(userId.Value, session, CancellationToken.None);
        }

        await signIn.SignOutAsync();
        if (userId is not null)
        {
            await audit.RecordAsync("account.sign-out", AuditOutcome.Success, userId, userId.Value.ToString());
        }
    }

    /// <summary>Mails a reset link when the address has a confirmed account; silent otherwise.</summary>
    public async Task RequestPasswordResetAsync(string emailAddress, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(emailAddress.Trim());
        if (user is null || !user.EmailConfirmed)
        {
            return;
        }

        var code = await users.GeneratePasswordResetTokenAsync(user);
        await SendAsync("reset-password", user, new Dictionary<string, string> { ["Link"] = links.ResetPassword(user.Id, code) }, cancellationToken);
        LogResetRequested(logger, user.Id);
        await audit.RecordAsync("account.password-reset-requested", AuditOutcome.Success, null, user.Id.ToString(), cancellationToken: cancellationToken);
    }

    /// <summary>Sets a new password from a reset link. The token works once: the new security stamp voids it and every session.</summary>
    public async Task<IdentityResult> ResetPasswordAsync(Guid userId, string code, string newPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "InvalidToken", Description = "Invalid token." });
        }

        var result = await users.ResetPasswordAsync(user, code, newPassword);
        if (!result.Succeeded)
        {
            await audit.RecordAsync("account.password-reset", AuditOutcome.Failure, null, user.Id.ToString(),
                new { reasons = result.Errors.Select(e => e.Code) }, cancellationToken);
        }
        else
        {
            // A reset also proves the address; a locked account is unlocked by its owner this way.
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            LogPasswordReset(logger, user.Id);
            await audit.RecordAsync("account.password-reset", AuditOutcome.Success, user.Id, user.Id.ToString(), cancellationToken: cancellationToken);
            await sessions.RevokeAllAsync(user.Id, keep: null, "password reset", cancellationToken);
            await SendAsync("password-changed", user, new Dictionary<string, string> { ["ResetLink"] = links.ForgotPassword() }, cancellationToken);
        }

        return result;
    }

    public async Task<IdentityResult> ChangePasswordAsync(PodiumUser user, Guid? currentSession, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (result.Succeeded)
        {
            // ChangePasswordAsync renewed the security stamp: other sessions end at their next check; this one continues.
            await signIn.RefreshSignInAsync(user);
            LogPasswordChanged(logger, user.Id);
            await audit.RecordAsync("account.password-change", AuditOutcome.Success, user.Id, user.Id.ToString(), cancellationToken: cancellationToken);
            await sessions.RevokeAllAsync(user.Id, keep: currentSession, "password changed", cancellationToken);
            await SendAsync("password-changed", user, new Dictionary<string, string> { ["ResetLink"] = links.ForgotPassword() }, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Mails a confirmation link to the new address (and a notice to the current one). Nothing changes until it is
    /// confirmed. An address that belongs to another account gets no link, but the answer is the same.
    /// </summary>
    public async Task RequestEmailChangeAsync(PodiumUser user, string newEmail, CancellationToken cancellationToken)
    {
        newEmail = newEmail.Trim();
        if (await users.FindByEmailAsync(newEmail) is null)
        {
            var code = await users.GenerateChangeEmailTokenAsync(user, newEmail);
            await SendAsync("change-email", user, new Dictionary<string, string> { ["Link"] = links.ConfirmEmailChange(user.Id, newEmail, code) }, cancellationToken, to: newEmail);
        }

        await SendAsync("email-change-notice", user, new Dictionary<string, string> { ["NewEmail"] = newEmail, ["ResetLink"] = links.ForgotPassword() }, cancellationToken);
        await audit.RecordAsync("account.email-change-requested", AuditOutcome.Success, user.Id, user.Id.ToString(), cancellationToken: cancellationToken);
    }

    /// <summary>Moves the account (and its sign-in name) to the confirmed address; other sessions end.</summary>
    public async Task<bool> ConfirmEmailChangeAsync(Guid userId, string newEmail, string code, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        var changed = user is not null && (await users.ChangeEmailAsync(user, newEmail, code)).Succeeded;
        if (changed)
        {
            await users.SetUserNameAsync(user!, newEmail);
            await sessions.RevokeAllAsync(user!.Id, keep: null, "e-mail address changed", cancellationToken);
        }

        await audit.RecordAsync("account.email-change", changed ? AuditOutcome.Success : AuditOutcome.Failure, user?.Id, userId.ToString(), cancellationToken: cancellationToken);
        return changed;
    }

    private async Task SendAsync(string template, PodiumUser user, Dictionary<string, string> values, CancellationToken cancellationToken, string? to = null)
    {
        values["Name"] = user.DisplayName;
        values["SiteName"] = await settings.GetSiteNameAsync(cancellationToken);
        await email.QueueAsync(EmailTemplates.Render(template, to ?? user.Email!, user.DisplayName, values), cancellationToken);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Security: account {UserId} registered")]
    private static partial void LogRegistered(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Security: sign-up attempted for existing account {UserId}")]
    private static partial void LogRegistrationForExistingAccount(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Security: account {UserId} signed in")]
    private static partial void LogSignedIn(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Security: sign-in failed for {UserId} ({Reason})")]
    private static partial void LogSignInFailed(ILogger logger, Guid? userId, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Security: account {UserId} locked out after repeated failures")]
    private static partial void LogLockedOut(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Security: password reset requested for {UserId}")]
    private static partial void LogResetRequested(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Security: password of {UserId} reset")]
    private static partial void LogPasswordReset(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Security: password of {UserId} changed")]
    private static partial void LogPasswordChanged(ILogger logger, Guid userId);
}
