using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Identity;

public sealed class SessionTests : IAsyncLifetime
{
    private const string Email = "robin@example.org";
    private const string Password = "marble kettle orbit lantern";
    private PodiumAppFactory _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        await TestUsers.CreateAsync(_app, Email);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

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

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36 Edg/131.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15", "Safari on macOS")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("", "Unknown device")]
    public void Devices_NameBrowsersAsPeopleDo(string userAgent, string expected) =>
        Devices.Describe(userAgent).ShouldBe(expected);
}
