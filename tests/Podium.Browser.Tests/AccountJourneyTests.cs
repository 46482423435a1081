using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using Podium.Tests.Infrastructure;

namespace Podium.Browser.Tests;

public sealed partial class AccountJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "copper lantern meadow violet";

    [Fact]
    public async Task SignUp_Confirm_TurnOnTwoFactor_SignOut_SignInWithACode()
    {
        var (page, problems) = await browser.OpenAsync();
        var email = $"casey-{Guid.NewGuid():N}@example.org";

        await page.GotoAsync("/account/register");
        await page.GetByLabel("Display name").FillAsync("Casey Rivers");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat the password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/account/check-email");

        var link = Mailbox.Link(await browser.Mail.WaitForAsync(email, "Confirm your e-mail"), "/account/confirm-email");
        await page.GotoAsync(link);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("E-mail address confirmed");

        await SignInAsync(page, email);
        await page.WaitForURLAsync(browser.BaseAddress.ToString());
        await page.GotoAsync("/account/manage/two-factor");
        (await page.GetByAltText("QR code for adding Podium to an authenticator app").IsVisibleAsync()).ShouldBeTrue();
        var key = (await page.GetByTestId("authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(key));
        await page.GetByLabel("Code from the app").FillAsync(totp.ComputeTotp());
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await page.GetByTestId("recovery-codes").WaitForAsync();
        (await page.GetByTestId("recovery-codes").Locator("li").CountAsync()).ShouldBe(10);

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }).First.ClickAsync();
        await page.WaitForURLAsync(browser.BaseAddress.ToString());
        (await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Sign in" }).IsVisibleAsync()).ShouldBeTrue();

        await SignInAsync(page, email);
        await page.WaitForURLAsync(new Regex("/account/sign-in-2fa"));
        // The code used to turn it on is spent: wait for the app's next one, as a person would.
        var enabledStep = StepNow();
        while (StepNow() == enabledStep)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        await page.GetByLabel("Code", new PageGetByLabelOptions { Exact = true }).FillAsync(totp.ComputeTotp());
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).Last.ClickAsync();
        await page.WaitForURLAsync(browser.BaseAddress.ToString());
        (await page.GetByTestId("account-link").IsVisibleAsync()).ShouldBeTrue();
        problems.ShouldBeEmpty();
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task HtmxPost_CarriesTheAntiforgeryToken()
    {
        var email = $"htmx-{Guid.NewGuid():N}@example.org";
        await browser.CreateConfirmedUserAsync(email, Password);
        var (page, problems) = await browser.OpenAsync();
        await SignInAsync(page, email);
        await page.WaitForURLAsync(browser.BaseAddress.ToString());

        // Without the token the server would answer 400 and the session would survive.
        var status = await page.EvaluateAsync<int>(
            "() => new Promise(resolve => { document.body.addEventListener('htmx:afterRequest', e => resolve(e.detail.xhr.status), { once: true }); htmx.ajax('POST', '/account/sign-out', { swap: 'none' }); })");

        status.ShouldBe(200);
        await page.GotoAsync("/account/manage");
        page.Url.ShouldContain("/account/sign-in");
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task AccountPages_SignedIn_HaveNoSeriousAccessibilityViolationsAtPhoneWidth()
    {
        var email = $"axe-{Guid.NewGuid():N}@example.org";
        await browser.CreateConfirmedUserAsync(email, Password);
        var (page, problems) = await browser.OpenAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 375, Height = 740 } });
        await SignInAsync(page, email);
        await page.WaitForURLAsync(browser.BaseAddress.ToString());

        foreach (var path in new[] { "/account/manage", "/account/manage/email", "/account/manage/password", "/account/manage/two-factor", "/account/manage/sessions", "/account/manage/data" })
        {
            await page.GotoAsync(path);
            (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty(path);
            (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth")).ShouldBeFalse(path);
        }

        problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/account/register")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/forgot-password")]
    public async Task AccountForms_HaveNoSeriousAccessibilityViolations(string path)
    {
        var (page, problems) = await browser.OpenAsync();

        await page.GotoAsync(path);

        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        problems.ShouldBeEmpty();
    }

    private static long StepNow() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    private static Task SignInAsync(IPage page, string email) => BrowserFixture.SubmitSignInAsync(page, email, Password);
}
