using System.Net;
using OtpNet;
using Podium.Platform.Identity;

namespace Podium.Tests.Infrastructure;

public static class TestAdmins
{
    /// <summary>An administrator signed in with password and authenticator code (the admin policy needs both).</summary>
    public static async Task<(FormSession Session, PodiumUser Admin)> SignInAsync(PodiumAppFactory app, string email = "boss@example.org")
    {
        var (admin, key) = await TestUsers.CreateAsync(app, email, "Pat Boss", twoFactor: true, TestUsers.Password, Roles.Admin);

        var session = new FormSession(app);
        (await session.SignInAsync(admin.Email!, TestUsers.Password)).Headers.Location!.OriginalString.ShouldStartWith("/account/sign-in-2fa");
        var code = new Totp(Base32Encoding.ToBytes(key!)).ComputeTotp();
        (await session.SubmitAsync("/account/sign-in-2fa", new Dictionary<string, string> { ["Code"] = code })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (session, admin);
    }
}
