using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Identity;

namespace Podium.Tests.Infrastructure;

/// <summary>Accounts made directly (confirmed, ready to sign in), for tests whose subject is not sign-up itself.</summary>
public static class TestUsers
{
    public const string Password = "marble kettle orbit lantern";

    public sealed record Created(PodiumUser User, string? AuthenticatorKey);

    public static Task<Created> CreateAsync(
        PodiumAppFactory app, string email, string name = "Robin Shore", bool twoFactor = false, string password = Password, params string[] roles) =>
        CreateAsync(app.Services, email, name, twoFactor, password, roles);

    /// <summary>The same in any host's services (a <see cref="PlatformTestHost"/>).</summary>
    public static async Task<Created> CreateAsync(
        IServiceProvider services, string email, string name = "Robin Shore", bool twoFactor = false, string password = Password, params string[] roles)
    {
        await using var scope = services.CreateAsyncScope();
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
}
