using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Identity;

public sealed class AccountSecurityTests
{
    private const string Password = "marble kettle orbit lantern";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<PodiumUser> CreateConfirmedUserAsync(PodiumAppFactory app, string email) =>
        (await TestUsers.CreateAsync(app, email)).User;

    [Fact]
    public async Task FormPost_WithoutTheAntiforgeryToken_IsRejectedWith400()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        var session = new FormSession(app);
        await session.GetPageAsync("/account/sign-in");

        var response = await session.Client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "someone@example.org",
            ["Input.Password"] = Password,
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SignIn_OverThePerAddressLimit_Gets429WithRetryAfter()
    {
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithSetting("Podium:RateLimits:Account:PermitLimit", "3");
        var session = new FormSession(app);
        for (var i = 0; i < 3; i++)
        {
            (await session.SignInAsync($"guess{i}@example.org", Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var limited = await session.SignInAsync("guess4@example.org", Password);

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        (await limited.Content.ReadAsStringAsync(Ct)).ShouldContain("Too many requests");
        // Reading the form is never limited.
        (await session.Client.GetAsync("/account/sign-in", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PasswordChange_EndsTheOwnersOtherSessionsButNotThisOne()
    {
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            // Production checks the stamp every minute (asserted below); here every request, to see the effect now.
            .WithServices(services => services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        await CreateConfirmedUserAsync(app, "robin@example.org");
        var laptop = new FormSession(app);
        var phone = new FormSession(app);
        (await laptop.SignInAsync("robin@example.org", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await phone.SignInAsync("robin@example.org", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await phone.Client.GetAsync("/account/manage", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        const string newPassword = "quiet meadow copper falcon";
        var changed = await laptop.SubmitAsync("/account/manage/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = Password,
            ["NewPassword"] = newPassword,
            ["ConfirmPassword"] = newPassword,
        });
        (await changed.Content.ReadAsStringAsync(Ct)).ShouldContain("Your password is changed");

        var phoneAfter = await phone.Client.GetAsync("/account/manage", Ct);
        phoneAfter.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        phoneAfter.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
        (await laptop.Client.GetAsync("/account/manage", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SecurityStamp_IsCheckedEveryMinute()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);

        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value
            .ValidationInterval.ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Manage_WhenAnonymous_RedirectsToSignInAndBack()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);

        var response = await new FormSession(app).Client.GetAsync("/account/manage", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/sign-in?ReturnUrl=%2Faccount%2Fmanage");
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_IsIgnored()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        await CreateConfirmedUserAsync(app, "robin@example.org");
        var session = new FormSession(app);

        var response = await session.SubmitAsync("/account/sign-in?returnUrl=https://evil.example/", new Dictionary<string, string>
        {
            ["Input.Email"] = "robin@example.org",
            ["Input.Password"] = Password,
            ["ReturnUrl"] = "https://evil.example/",
        }, formPage: "/account/sign-in");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task SessionCookie_IsHostPrefixedSecureHttpOnlyLax()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        await CreateConfirmedUserAsync(app, "robin@example.org");

        var response = await new FormSession(app).SignInAsync("robin@example.org", Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-podium=", StringComparison.Ordinal));
        cookie.ShouldContain("secure");
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
        cookie.ShouldContain("path=/");
        cookie.ShouldNotContain("domain=");
    }

    [Fact]
    public async Task SignIn_WithAnOlderWeakerHash_UpgradesItTo210000Iterations()
    {
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithSetting("Podium:Identity:PasswordHashIterations", PodiumIdentityOptions.OwaspPbkdf2Sha512Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var user = await CreateConfirmedUserAsync(app, "robin@example.org");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // As stored by Identity's defaults before Podium (100,000 iterations).
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
            var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
            stored.PasswordHash = new PasswordHasher<PodiumUser>().HashPassword(stored, Password);
            await users.UpdateAsync(stored);
            Iterations(stored.PasswordHash).ShouldBe(100_000);
        }

        (await new FormSession(app).SignInAsync("robin@example.org", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var after = app.Services.CreateAsyncScope();
        var upgraded = await after.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByIdAsync(user.Id.ToString());
        Iterations(upgraded!.PasswordHash!).ShouldBe(210_000);
    }

    [Fact]
    public async Task PasswordReset_WithAnExpiredLink_IsRefusedAndKeepsThePassword()
    {
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithServices(services => services.Configure<PasswordResetTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromSeconds(1)));
        await CreateConfirmedUserAsync(app, "robin@example.org");
        await new FormSession(app).SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "robin@example.org" });
        var link = Mailbox.Link(await new Mailbox(app.MailDirectory).WaitForAsync("robin@example.org", "Reset your"), "/account/reset-password");
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);

        var response = await new FormSession(app).SubmitAsync(new Uri(link).PathAndQuery,
            new Dictionary<string, string> { ["Password"] = "violet harbour sparrow engine", ["ConfirmPassword"] = "violet harbour sparrow engine" });

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("used, expired or incomplete");
        (await new FormSession(app).SignInAsync("robin@example.org", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public void ResetLinks_LiveTwoHours()
    {
        new PasswordResetTokenProviderOptions().TokenLifespan.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public async Task HtmxStylePost_WithTheTokenInTheHeader_IsAcceptedAndWithoutItRefused()
    {
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        await CreateConfirmedUserAsync(app, "robin@example.org");
        var session = new FormSession(app);
        await session.SignInAsync("robin@example.org", Password);
        var page = await session.GetPageAsync("/account/manage");
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"request-verification-token\" content=\"([^\"]+)\"").Groups[1].Value);
        token.ShouldNotBeNullOrEmpty();

        (await session.Client.PostAsync("/account/sign-out", new StringContent(""), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-out") { Content = new StringContent("") };
        request.Headers.Add("RequestVerificationToken", token);
        (await session.Client.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await session.Client.GetAsync("/account/manage", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>Identity V3 hash layout: format byte, PRF (4 bytes), iteration count (4 bytes, big-endian), …</summary>
    private static int Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        bytes[0].ShouldBe((byte)0x01);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(5, 4));
    }
}
