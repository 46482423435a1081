using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Identity;

public abstract partial class TwoFactorTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Email = "robin@example.org";
    private const string Password = "marble kettle orbit lantern";
    private readonly TestClock _clock = new();
    private PodiumAppFactory _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = (await PodiumAppFactory.CreateAsync(provider))
            .WithServices(services => services.AddSingleton<TimeProvider>(_clock));
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>();
        (await users.CreateAsync(new PodiumUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Robin Shore" }, Password)).Succeeded.ShouldBeTrue();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Signs in, turns two-factor on with a code from the shown key; returns the key and the recovery codes.</summary>
    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync(FormSession session)
    {
        (await session.SignInAsync(Email, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var setup = await session.GetPageAsync("/account/manage/two-factor");
        var key = KeyOnPage().Match(setup).Groups["key"].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        key.Length.ShouldBeGreaterThanOrEqualTo(16);
        setup.ShouldContain("data:image/png;base64,");

        var enabled = await session.SubmitAsync("/account/manage/two-factor?handler=Enable", new Dictionary<string, string> { ["Code"] = CodeNow(key) }, "/account/manage/two-factor");
        var page = await enabled.Content.ReadAsStringAsync(Ct);
        page.ShouldContain("data-testid=\"tfa-on\"");
        var codes = RecoveryCode().Matches(page).Select(m => m.Groups["code"].Value).ToList();
        codes.Count.ShouldBe(10);
        return (key, codes);
    }

    private string CodeNow(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(_clock.GetUtcNow().UtcDateTime);

    private async Task<HttpResponseMessage> SecondStepAsync(FormSession session, string code, bool recovery = false)
    {
        var first = await session.SignInAsync(Email, Password);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.OriginalString.ShouldStartWith("/account/sign-in-2fa");
        var fields = new Dictionary<string, string> { ["Code"] = code, ["UseRecoveryCode"] = recovery ? "true" : "false" };
        return await session.SubmitAsync("/account/sign-in-2fa", fields);
    }

    [Fact]
    public async Task SignIn_WithTwoFactorOn_NeedsTheAppsCurrentCode()
    {
        var (key, _) = await EnableAsync(new FormSession(_app));
        _clock.Advance(TimeSpan.FromSeconds(30));

        var session = new FormSession(_app);
        var signedIn = await SecondStepAsync(session, CodeNow(key));

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe("/");
        (await session.Client.GetAsync("/account/manage", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_WithACodeAlreadyUsedInItsStep_IsRefused()
    {
        var (key, _) = await EnableAsync(new FormSession(_app));
        _clock.Advance(TimeSpan.FromSeconds(30));
        var code = CodeNow(key);
        (await SecondStepAsync(new FormSession(_app), code)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var replay = await SecondStepAsync(new FormSession(_app), code);

        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.Content.ReadAsStringAsync(Ct)).ShouldContain("That code did not work");
    }

    [Fact]
    public async Task SignIn_WithAWrongCode_IsRefused()
    {
        var (key, _) = await EnableAsync(new FormSession(_app));
        _clock.Advance(TimeSpan.FromSeconds(30));
        var wrong = ((int.Parse(CodeNow(key), System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        var response = await SecondStepAsync(new FormSession(_app), wrong);

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("That code did not work");
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnceAndIsStoredOnlyAsAHash()
    {
        var (_, codes) = await EnableAsync(new FormSession(_app));

        (await SecondStepAsync(new FormSession(_app), codes[3], recovery: true)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await SecondStepAsync(new FormSession(_app), codes[3], recovery: true);
        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("That code did not work");
        (await (await SecondStepAsync(new FormSession(_app), "AAAAA-BBBBB", recovery: true)).Content.ReadAsStringAsync(Ct)).ShouldContain("That code did not work");

        await using var scope = _app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>()
            .Set<IdentityUserToken<Guid>>().Where(t => t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync(Ct);
        stored.ShouldNotBeNull().Split(';').Length.ShouldBe(9);
        foreach (var code in codes)
        {
            stored.ShouldNotContain(code.Replace("-", "", StringComparison.Ordinal), Case.Insensitive);
        }
    }

    [Fact]
    public async Task SecondStep_WithoutAPasswordFirst_GoesBackToSignIn()
    {
        var response = await new FormSession(_app).Client.GetAsync("/account/sign-in-2fa", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/account/sign-in");
    }

    [Fact]
    public async Task TurningItOff_NeedsThePassword()
    {
        var session = new FormSession(_app);
        await EnableAsync(session);

        var wrong = await session.SubmitAsync("/account/manage/two-factor?handler=Disable", new Dictionary<string, string> { ["Password"] = "not my password at all" }, "/account/manage/two-factor");
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("That is not your password");
        var right = await session.SubmitAsync("/account/manage/two-factor?handler=Disable", new Dictionary<string, string> { ["Password"] = Password }, "/account/manage/two-factor");

        (await right.Content.ReadAsStringAsync(Ct)).ShouldContain("data-testid=\"authenticator-key\"");
        (await new FormSession(_app).SignInAsync(Email, Password)).Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task AdminPages_AfterTheMinutelySecurityStampCheck_StillOpenWithTheSecondFactor()
    {
        var (admin, _) = await FormSession.SignedInAdminAsync(_app, "pat@example.org");
        (await admin.Client.GetAsync("/admin", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Past the one-minute check: the principal is rebuilt from the account, and the cookie written again from it.
        _clock.Advance(TimeSpan.FromSeconds(61));
        var rebuilt = await admin.Client.GetAsync("/admin", Ct);
        _clock.Advance(TimeSpan.FromSeconds(61));
        var fromTheRewrittenCookie = await admin.Client.GetAsync("/admin", Ct);

        rebuilt.StatusCode.ShouldBe(HttpStatusCode.OK, rebuilt.Headers.Location?.ToString());
        fromTheRewrittenCookie.StatusCode.ShouldBe(HttpStatusCode.OK, fromTheRewrittenCookie.Headers.Location?.ToString());
        // The session it belongs to is kept too: signing it out still ends it.
        (await admin.GetPageAsync("/account/manage/sessions")).ShouldContain("This device");
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">(?<key>[^<]+)<")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex(@"<li class=""col"">(?<code>[A-Z0-9]{5}-[A-Z0-9]{5})</li>")]
    private static partial Regex RecoveryCode();
}

public sealed class TwoFactorTests_Sqlite() : TwoFactorTests(DatabaseProvider.Sqlite);

public sealed class TwoFactorTests_Postgres() : TwoFactorTests(DatabaseProvider.Postgres);
