using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Identity;

public abstract class SessionTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Email = "robin@example.org";
    private const string Password = "marble kettle orbit lantern";
    private PodiumAppFactory _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = await PodiumAppFactory.CreateAsync(provider);
        await TestUsers.CreateAsync(_app, Email);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<FormSession> SignedInAsync(string userAgent, bool rememberMe = false)
    {
        var session = new FormSession(_app);
        session.Client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        (await session.SignInAsync(Email, Password, rememberMe)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    private async Task<List<UserSession>> RowsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<UserSession>().AsNoTracking().OrderBy(s => s.CreatedAt).ToListAsync(Ct);
    }

    private static async Task<bool> IsSignedInAsync(FormSession session) =>
        (await session.Client.GetAsync("/account/manage", Ct)).StatusCode == HttpStatusCode.OK;

    [Fact]
    public async Task SignIn_StartsASessionThatLastsADayOrThirtyDaysWhenKept()
    {
        await SignedInAsync("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");
        await SignedInAsync("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1", rememberMe: true);

        var rows = await RowsAsync();

        rows.Count.ShouldBe(2);
        (rows[0].ExpiresAt - rows[0].CreatedAt).ShouldBe(TimeSpan.FromHours(24));
        rows[0].Persistent.ShouldBeFalse();
        rows[0].UserAgent.ShouldNotBeNull().ShouldContain("Firefox");
        (rows[1].ExpiresAt - rows[1].CreatedAt).ShouldBe(TimeSpan.FromDays(30));
        rows[1].Persistent.ShouldBeTrue();
    }

    [Fact]
    public async Task SessionsPage_ListsDevicesAndSignsOneOutAtOnce()
    {
        var laptop = await SignedInAsync("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36");
        var phone = await SignedInAsync("Mozilla/5.0 (Linux; Android 15) Firefox/133.0");

        var page = await laptop.GetPageAsync("/account/manage/sessions");
        page.ShouldContain("Chrome on Windows");
        page.ShouldContain("Firefox on Android");
        page.ShouldContain("This device");
        var phoneSession = (await RowsAsync()).Single(r => r.UserAgent!.Contains("Android", StringComparison.Ordinal)).Id;

        var revoked = await laptop.SubmitAsync($"/account/manage/sessions?handler=Revoke&id={phoneSession}", new Dictionary<string, string>(), "/account/manage/sessions");

        (await revoked.Content.ReadAsStringAsync(Ct)).ShouldContain("That session is signed out");
        (await IsSignedInAsync(phone)).ShouldBeFalse();
        (await IsSignedInAsync(laptop)).ShouldBeTrue();
    }

    [Fact]
    public async Task SessionsPage_CannotSignOutSomeoneElsesSession()
    {
        var mine = await SignedInAsync("Mozilla/5.0 Firefox/133.0");
        await TestUsers.CreateAsync(_app, "other@example.org", "Other");

        var theirs = new FormSession(_app);
        await theirs.SignInAsync("other@example.org", Password);
        var theirSession = (await RowsAsync()).Last().Id;

        await mine.SubmitAsync($"/account/manage/sessions?handler=Revoke&id={theirSession}", new Dictionary<string, string>(), "/account/manage/sessions");

        (await IsSignedInAsync(theirs)).ShouldBeTrue();
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySession()
    {
        var laptop = await SignedInAsync("Mozilla/5.0 Firefox/133.0");
        var phone = await SignedInAsync("Mozilla/5.0 (Android) Chrome/131.0");

        var response = await laptop.SubmitAsync("/account/manage/sessions?handler=Everywhere", new Dictionary<string, string>(), "/account/manage/sessions");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await IsSignedInAsync(laptop)).ShouldBeFalse();
        (await IsSignedInAsync(phone)).ShouldBeFalse();
        (await RowsAsync()).ShouldAllBe(r => r.RevokedAt != null);
    }

    [Fact]
    public async Task Session_PastItsAbsoluteEnd_IsRefusedHoweverActive()
    {
        var session = await SignedInAsync("Mozilla/5.0 Firefox/133.0");
        (await IsSignedInAsync(session)).ShouldBeTrue();

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            await db.Set<UserSession>().ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Ct);
        }

        (await IsSignedInAsync(session)).ShouldBeFalse();
    }

    [Fact]
    public async Task PasswordChange_RevokesTheOtherSessionRowsAtOnce()
    {
        var laptop = await SignedInAsync("Mozilla/5.0 Firefox/133.0");
        var phone = await SignedInAsync("Mozilla/5.0 (Android) Chrome/131.0");
        const string newPassword = "quiet meadow copper falcon";

        await laptop.SubmitAsync("/account/manage/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = Password,
            ["NewPassword"] = newPassword,
            ["ConfirmPassword"] = newPassword,
        });

        // No waiting for the one-minute stamp check: the session row is gone.
        (await IsSignedInAsync(phone)).ShouldBeFalse();
        (await IsSignedInAsync(laptop)).ShouldBeTrue();
    }

    [Fact]
    public async Task SignOut_ThenTheOldCookieReplayed_IsRefusedAtOnceAndTheSessionIsNoLongerListed()
    {
        var laptop = new FormSession(_app);
        laptop.Client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 Firefox/133.0");
        // What someone who copied the cookie holds (or a browser that ignored its deletion).
        var copied = FormSession.SessionCookieOf(await laptop.SignInAsync(Email, Password));
        var phone = await SignedInAsync("Mozilla/5.0 (Android) Chrome/131.0");
        (await ReplayAsync(copied, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var signedOut = await laptop.SubmitAsync("/account/sign-out", new Dictionary<string, string>());

        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // No waiting for any periodic check: the copy is refused by the very next request.
        (await ReplayAsync(copied, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await ReplayAsync(copied, "/account/manage");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
        var rows = await RowsAsync();
        rows[0].RevokedAt.ShouldNotBeNull();
        rows[1].RevokedAt.ShouldBeNull();
        (await phone.GetPageAsync("/account/manage/sessions")).ShouldNotContain("Firefox");
        (await IsSignedInAsync(phone)).ShouldBeTrue();
    }

    private async Task<HttpResponseMessage> ReplayAsync(string cookie, string path)
    {
        // Not disposed here: the caller may still read the response's body.
        var client = _app.CreateClientWithoutRedirects();
        client.BaseAddress = new Uri(FormSession.Origin);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Ct);
    }
}

public sealed class SessionTests_Sqlite() : SessionTests(DatabaseProvider.Sqlite);

public sealed class SessionTests_Postgres() : SessionTests(DatabaseProvider.Postgres);

public sealed class DevicesTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36 Edg/131.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15", "Safari on macOS")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("", "Unknown device")]
    public void Describe_NamesBrowsersAsPeopleDo(string userAgent, string expected) =>
        Devices.Describe(userAgent).ShouldBe(expected);
}
