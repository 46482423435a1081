using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Podium.Platform.Data;

namespace Podium.Browser.Tests;

/// <summary>A fan's first evening: sign in, pick a bout on the event's card, follow a fighter from their page (its charts drawn), find both again.</summary>
public sealed partial class FightsPredictionsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "walleye harbor copper dawn";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fan_PredictsABoutOnTheCard_FollowsAFighter_AndSeesBothOnTheirPages()
    {
        await DemoData.SeedAsync(browser.Services, Ct);
        var email = $"fan-{Guid.NewGuid():N}@example.org";
        await browser.CreateConfirmedUserAsync(email, Password);
        var (page, problems) = await browser.OpenAsync();
        await BrowserFixture.SubmitSignInAsync(page, email, Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));

        // The menu leads a signed-in fan to their predictions, which point at the next card still taking picks.
        await page.GotoAsync("/fights");
        await page.GetByRole(AriaRole.Navigation, new PageGetByRoleOptions { Name = "Fights" }).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "My predictions" }).ClickAsync();
        await page.WaitForURLAsync("**/fights/predictions");
        await page.GetByTestId("next-event-link").ClickAsync();
        await page.WaitForURLAsync(new Regex("/fights/events/[a-z0-9-]+$"));

        // Pick the main event's first fighter by KO/TKO in round 1, on the card itself.
        var bout = page.GetByTestId("bout").First;
        var fighterLink = bout.Locator("a[href^='/fights/fighters/']").First;
        var fighter = await fighterLink.InnerTextAsync();
        var slug = (await fighterLink.GetAttributeAsync("href"))!["/fights/fighters/".Length..];
        var form = bout.GetByTestId("prediction-form");
        await form.GetByLabel(fighter, new LocatorGetByLabelOptions { Exact = true }).CheckAsync();
        await form.GetByLabel("Method (optional)").SelectOptionAsync("koTko");
        await form.GetByLabel("Round (stoppages)").SelectOptionAsync("1");
        await form.GetByTestId("save-pick").ClickAsync();
        await page.GetByTestId("bout").First.GetByTestId("my-pick").WaitForAsync();
        (await page.GetByTestId("bout").First.GetByTestId("my-pick").InnerTextAsync()).ShouldContain($"{fighter} by KO/TKO in round 1");
        // The countdown script keeps the lock countdown running.
        await page.GetByTestId("bout").First.GetByTestId("prediction-lock").Locator("[data-countdown]").WaitForAsync();

        // Follow the fighter from their page (the button swaps itself in place), which shows both career charts drawn.
        await page.GotoAsync($"/fights/fighters/{slug}");
        foreach (var chart in new[] { "radar-chart", "trajectory-chart" })
        {
            await page.WaitForFunctionAsync("id => { const c = document.querySelector(`[data-testid='${id}']`); return c && window.Chart && Chart.getChart(c) !== undefined && c.width > 0; }", chart);
        }

        await page.GetByTestId("favourite-button").GetByTestId("follow").ClickAsync();
        await page.GetByTestId("favourite-button").GetByTestId("unfollow").WaitForAsync();
        await page.GotoAsync("/fights/favourites");
        var favourites = page.GetByTestId("favourites");
        (await favourites.InnerTextAsync()).ShouldContain(fighter);
        await favourites.GetByTestId("unfollow").ClickAsync();
        await favourites.GetByTestId("follow").WaitForAsync();
        await favourites.GetByTestId("follow").ClickAsync();
        await favourites.GetByTestId("unfollow").WaitForAsync();
        await page.ReloadAsync();
        (await page.GetByTestId("favourites").InnerTextAsync()).ShouldContain(fighter);
        (await page.GetByTestId("next-bout").First.InnerTextAsync()).ShouldContain("vs.");

        // "My predictions" lists the pick, still editable before the lock.
        await page.GotoAsync("/fights/predictions");
        var open = page.GetByTestId("open-picks");
        (await open.GetByTestId("my-pick").First.InnerTextAsync()).ShouldContain($"{fighter} by KO/TKO in round 1");
        (await open.GetByTestId("save-pick").First.InnerTextAsync()).ShouldBe("Change pick");

        problems.ShouldBeEmpty();
    }
}
