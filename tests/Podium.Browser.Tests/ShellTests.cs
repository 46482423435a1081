using Microsoft.Playwright;

namespace Podium.Browser.Tests;

public sealed class ShellTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Home_RendersWithoutConsoleErrorsOrFailedRequests()
    {
        var (page, problems) = await browser.OpenAsync();

        var response = await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        response!.Status.ShouldBe(200);
        problems.ShouldBeEmpty();
        (await page.TitleAsync()).ShouldBe("Home · Podium");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Podium");
        (await page.Locator("main").IsVisibleAsync()).ShouldBeTrue();
        (await page.EvaluateAsync<bool>("() => typeof htmx === 'object' && typeof bootstrap === 'object'")).ShouldBeTrue();
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task ThemeToggle_SwitchesToDarkRemembersItAndSwitchesBack()
    {
        var (page, problems) = await browser.OpenAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Light });
        await page.GotoAsync("/");
        var html = page.Locator("html");
        var toggle = page.Locator("[data-theme-toggle]");
        (await html.GetAttributeAsync("data-bs-theme")).ShouldBe("light");
        (await toggle.GetAttributeAsync("aria-pressed")).ShouldBe("false");

        await toggle.ClickAsync();

        (await html.GetAttributeAsync("data-bs-theme")).ShouldBe("dark");
        (await toggle.GetAttributeAsync("aria-pressed")).ShouldBe("true");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        background.ShouldNotBe("rgb(255, 255, 255)");

        await page.ReloadAsync();
        (await html.GetAttributeAsync("data-bs-theme")).ShouldBe("dark");

        await page.Locator("[data-theme-toggle]").ClickAsync();
        (await html.GetAttributeAsync("data-bs-theme")).ShouldBe("light");
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Theme_WhenSystemPrefersDarkAndNothingIsStored_StartsDark()
    {
        var (page, _) = await browser.OpenAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark });

        await page.GotoAsync("/");

        (await page.Locator("html").GetAttributeAsync("data-bs-theme")).ShouldBe("dark");
    }

    [Theory]
    [InlineData("/", "light")]
    [InlineData("/", "dark")]
    [InlineData("/no-such-page", "light")]
    [InlineData("/no-such-page", "dark")]
    public async Task Page_HasNoSeriousOrCriticalAccessibilityViolations(string path, string theme)
    {
        var (page, _) = await browser.OpenAsync(new BrowserNewContextOptions
        {
            ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        await page.GotoAsync(path);
        (await page.Locator("html").GetAttributeAsync("data-bs-theme")).ShouldBe(theme);

        var violations = await Accessibility.SeriousViolationsAsync(page);

        violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Navigation_AtPhoneWidth_CollapsesBehindAMenuButtonThatOpensIt()
    {
        var (page, problems) = await browser.OpenAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        await page.GotoAsync("/");
        var menuButton = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Toggle navigation" });
        var apiLink = page.Locator("#main-nav").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "API" });
        (await apiLink.IsVisibleAsync()).ShouldBeFalse();

        await menuButton.TapAsync();

        await apiLink.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        (await menuButton.GetAttributeAsync("aria-expanded")).ShouldBe("true");
        var overflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        overflows.ShouldBeFalse();
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task ApiReference_RendersUnderItsContentSecurityPolicy()
    {
        var (page, problems) = await browser.OpenAsync();

        await page.GotoAsync("/docs/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        await page.GetByText("/api/v1/platform/info").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        problems.ShouldBeEmpty();
    }
}
