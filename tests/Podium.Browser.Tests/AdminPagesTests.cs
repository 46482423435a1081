using Microsoft.Playwright;
using OtpNet;

namespace Podium.Browser.Tests;

public sealed class AdminPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "marble kettle orbit lantern";

    [Fact]
    public async Task IpRules_AtPhoneWidth_AddRefuseAndRemoveWithoutAccessibilityViolations()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        var key = await browser.CreateAdminAsync(email, Password);
        var (page, problems) = await browser.OpenAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 800 } });
        await BrowserFixture.SubmitSignInAsync(page, email, Password);
        await page.GetByLabel("Code", new PageGetByLabelOptions { Exact = true }).FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.Locator("main").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseAddress.ToString());

        await page.GotoAsync("/admin/ip-rules");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty("empty list");
        await page.GetByLabel("Rule", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("deny");
        await page.GetByLabel("Address or range").FillAsync("198.51.100.0/24");
        await page.GetByLabel("Note (optional)").FillAsync("Scraper farm");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add the rule" }).ClickAsync();

        await page.GetByText("The rule is saved").WaitForAsync();
        (await page.Locator("[data-testid=ip-rules]").InnerTextAsync()).ShouldContain("198.51.100.0/24");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty("with a rule");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth")).ShouldBeFalse(
            await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 15).join(' | ')"));

        await page.GetByLabel("Address or range").FillAsync("10.1.2.3/8");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add the rule" }).ClickAsync();
        await page.GetByText("has bits set after its /8 prefix").WaitForAsync();
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty("with an error");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Remove the site deny rule for 198.51.100.0/24" }).ClickAsync();
        await page.GetByText("The rule is removed").WaitForAsync();
        (await page.Locator("[data-testid=ip-rules]").CountAsync()).ShouldBe(0);
        problems.ShouldBeEmpty();
    }
}
