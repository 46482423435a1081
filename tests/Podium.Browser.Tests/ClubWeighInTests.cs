using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Podium.Browser.Tests;

public sealed partial class ClubWeighInTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "walleye harbor copper dawn";

    [Fact]
    public async Task WeighIn_OnAPhone_RecordsABag_AndAWatcherSeesTheStandingsChangeWithoutReloading()
    {
        // An administrator manages the club like an officer; everything else is made through the pages themselves.
        var email = $"weighmaster-{Guid.NewGuid():N}@example.org";
        await browser.CreateConfirmedUserAsync(email, Password, "Admin");
        var (phone, problems) = await browser.OpenAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await BrowserFixture.SubmitSignInAsync(phone, email, Password);
        await phone.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));

        await phone.GotoAsync("/club/manage/tournaments/edit");
        await phone.GetByLabel("Name").FillAsync("Browser Bash");
        await phone.GetByLabel("Date").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save" }).ClickAsync();
        await phone.WaitForURLAsync(new Regex("/club/manage/tournaments\\?message=saved"));
        await phone.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Weigh-in" }).First.ClickAsync();
        await phone.WaitForURLAsync(new Regex("/weigh-in"));
        var tournamentPath = "/club/tournaments/" + TournamentId().Match(phone.Url).Groups["id"].Value;

        // The watcher opens the tournament page before the bag is weighed.
        var (watcher, watcherProblems) = await browser.OpenAsync();
        await watcher.GotoAsync(tournamentPath);
        await watcher.Locator("[data-live-status][data-live-state='live']").WaitForAsync();
        (await watcher.Locator("[data-testid=results]").InnerTextAsync()).ShouldContain("No bags weighed yet");

        await phone.GetByText("Add a guest angler").ClickAsync();
        await phone.GetByLabel("Guest's name").FillAsync("Gus Guest");
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add guest" }).ClickAsync();
        await phone.WaitForURLAsync(new Regex("angler="));
        await phone.GetByLabel("Fish", new PageGetByLabelOptions { Exact = true }).FillAsync("5");
        await phone.GetByLabel("Total weight (lb)").FillAsync("17.42");
        await phone.GetByLabel("Big bass (lb)").FillAsync("6.10");
        // The save button is reachable on a phone without horizontal scrolling.
        (await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        await phone.GetByTestId("save-bag").ClickAsync();
        await phone.GetByTestId("saved").WaitForAsync();
        (await phone.GetByTestId("saved").InnerTextAsync()).ShouldContain("Saved Gus Guest: 17.42 lb, place 1");

        // No reload: the watcher's results region follows the live topic and re-fetches itself.
        await watcher.Locator("[data-testid=results-table]").GetByText("Gus Guest").WaitForAsync();
        (await watcher.Locator("[data-testid=results-table]").InnerTextAsync()).ShouldContain("17.42 lb");
        (await watcher.Locator("[data-testid=big-bass]").InnerTextAsync()).ShouldContain("6.10 lb");

        problems.ShouldBeEmpty();
        watcherProblems.ShouldBeEmpty();
    }

    [GeneratedRegex("/club/manage/tournaments/(?<id>[0-9a-f-]{36})/weigh-in")]
    private static partial Regex TournamentId();
}
