using Microsoft.Playwright;
using Podium.Tests.Infrastructure;
using Podium.Tests.Oidc;

namespace Podium.Browser.Tests;

/// <summary>The app with an OpenID Connect provider (OpenIddict, in this process) to sign in with.</summary>
public sealed class OidcBrowserFixture : BrowserFixture
{
    public const string Scheme = "testid";
    private const string ClientId = "podium-browser";
    private const string ClientSecret = "browser-test-client-secret";

    public TestOidcServer Oidc { get; private set; } = null!;

    protected override async Task ConfigureAsync(PodiumAppFactory app)
    {
        Oidc = await TestOidcServer.StartAsync();
        foreach (var (key, value) in Oidc.SettingsFor(Scheme, "TestID", ClientId, ClientSecret))
        {
            app.WithSetting(key, value);
        }
    }

    protected override Task StartedAsync() =>
        Oidc.RegisterClientAsync(ClientId, ClientSecret, new Uri(BaseAddress, $"/signin-oidc-{Scheme}"));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Oidc is not null)
        {
            await Oidc.DisposeAsync();
        }
    }
}

public sealed class ExternalSignInTests(OidcBrowserFixture browser) : IClassFixture<OidcBrowserFixture>
{
    private const string Password = "copper lantern meadow violet";

    [Fact]
    public async Task SignInWithProvider_LinkToAnExistingAccount_SignOut_SignInAgainWithTheProvider()
    {
        var email = $"casey-{Guid.NewGuid():N}@example.org";
        await browser.CreateConfirmedUserAsync(email, Password);
        // The provider knows Casey by another, unverified address: linking needs the Podium password.
        browser.Oidc.User = new TestOidcUser($"casey-{Guid.NewGuid():N}", $"casey-{Guid.NewGuid():N}@mail.example", EmailVerified: false, "Casey Rivers");
        var (page, problems) = await browser.OpenAsync();

        await page.GotoAsync("/account/sign-in");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty("sign-in page with a provider's button");
        await SignInWithProviderAsync(page);
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Finish signing in with TestID" }).WaitForAsync();
        (await page.GetByTestId("account-link").CountAsync()).ShouldBe(0);
        await page.SetViewportSizeAsync(390, 844);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth")).ShouldBeFalse();
        await page.SetViewportSizeAsync(1280, 720);
        await page.GetByLabel("E-mail address of your Podium account").FillAsync(email);
        await page.GetByLabel("Podium password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Link and sign in" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseAddress.ToString());
        (await page.GetByTestId("account-link").IsVisibleAsync()).ShouldBeTrue();

        await page.GotoAsync("/account/manage/linked-sign-ins");
        (await page.GetByTestId("linked-sign-ins").InnerTextAsync()).ShouldContain("TestID");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }).First.ClickAsync();
        await page.WaitForURLAsync(browser.BaseAddress.ToString());
        (await page.GetByTestId("account-link").CountAsync()).ShouldBe(0);

        await SignInWithProviderAsync(page);
        await page.WaitForURLAsync(browser.BaseAddress.ToString());
        await page.GotoAsync("/account/manage");
        (await page.Locator("main").InnerTextAsync()).ShouldContain(email);
        problems.ShouldBeEmpty();
    }

    private static async Task SignInWithProviderAsync(IPage page)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in with TestID" }).ClickAsync();
    }
}
