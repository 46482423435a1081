using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Podium.Platform.Identity;

namespace Podium.Tests.Infrastructure;

/// <summary>Accounts made directly (confirmed, ready to sign in), for tests whose subject is not sign-up itself.</summary>
public static class TestUsers
{
    public const string Password = "marble kettle orbit lantern";

    public sealed record Created(PodiumUser User, string? AuthenticatorKey);

    public static async Task<Created> CreateAsync(
        PodiumAppFactory app, string email, string name = "Robin Shore", bool twoFactor = false, string password = Password, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
        var user = new PodiumUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        var created = await users.CreateAsync(user, password);
        created.Succeeded.ShouldBeTrue(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, [Roles.Member, .. roles]);
        if (!twoFactor)
        {
            return new Created(user, null);
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return new Created(user, await users.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>An administrator signed in with password and authenticator code (the admin policy needs both).</summary>
    public static async Task<(FormSession Session, PodiumUser Admin)> SignInAdminAsync(PodiumAppFactory app, string email = "boss@example.org")
    {
        var (admin, key) = await CreateAsync(app, email, "Pat Boss", twoFactor: true, Password, Roles.Admin);

        var session = new FormSession(app);
        (await session.SignInAsync(admin.Email!, Password)).Headers.Location!.OriginalString.ShouldStartWith("/account/sign-in-2fa");
        var code = new Totp(Base32Encoding.ToBytes(key!)).ComputeTotp();
        (await session.SubmitAsync("/account/sign-in-2fa", new Dictionary<string, string> { ["Code"] = code })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (session, admin);
    }
}
