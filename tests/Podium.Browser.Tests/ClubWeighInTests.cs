using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Podium.Modules.Club.Domain;
using Podium.Platform.Data;

namespace Podium.Browser.Tests;

public sealed partial class ClubWeighInTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "walleye harbor copper dawn";

    [Fact]
    public async Task WeighIn_OnAPhone_RecordsABag_AndAWatcherSeesTheStandingsChangeWithoutReloading()
    {
        // An administrator manages the club like an officer; everything else is made through the pages themselves.
        var email = $"weighmaster-{Guid.NewGuid():N}@example.org";
        var (phone, problems) = await browser.ClubAdminOnPhoneAsync(email, Password);
        var member = $"Mia Member {Guid.NewGuid().ToString("N")[..6]}";
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.Add(new Angler { Name = member, Email = $"{Guid.NewGuid():N}@example.org", Kind = MembershipKind.Member });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

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
        await BrowserFixture.MarkNotReloadedAsync(watcher);

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

        // The watcher's results region follows the live topic and re-fetches itself.
        await watcher.Locator("[data-testid=results-table]").GetByText("Gus Guest").WaitForAsync();
        (await watcher.Locator("[data-testid=results-table]").InnerTextAsync()).ShouldContain("17.42 lb");
        (await watcher.Locator("[data-testid=big-bass]").InnerTextAsync()).ShouldContain("6.10 lb");

        // A member behind the guest earns the first member's 100 points (the guest takes a place but no points).
        await phone.GetByTestId("bag-form").GetByLabel("Angler", new LocatorGetByLabelOptions { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = member });
        await phone.GetByLabel("Fish", new PageGetByLabelOptions { Exact = true }).FillAsync("5");
        await phone.GetByLabel("Total weight (lb)").FillAsync("12.00");
        await phone.GetByLabel("Big bass (lb)").FillAsync("3.00");
        await phone.GetByTestId("save-bag").ClickAsync();
        await phone.GetByTestId("saved").GetByText($"Saved {member}").WaitForAsync();
        (await phone.GetByTestId("saved").InnerTextAsync()).ShouldContain($"Saved {member}: 12.00 lb, place 2, 100 points.");

        var memberRow = ResultRow(watcher, member);
        await memberRow.WaitForAsync();
        (await memberRow.Locator("td").AllInnerTextsAsync()).Select(t => t.Trim()).ShouldBe(["2", "5", "12.00 lb", "3.00 lb", "100"]);
        (await ResultRow(watcher, "Gus Guest").Locator("td").AllInnerTextsAsync()).Select(t => t.Trim()).ShouldBe(["1", "5", "17.42 lb", "6.10 lb", "0"]);
        // Both bags arrived on the page the watcher opened before the first one was weighed.
        await BrowserFixture.AssertNotReloadedAsync(watcher);

        problems.ShouldBeEmpty();
        watcherProblems.ShouldBeEmpty();
    }

    /// <summary>The angler's row of the results table (place, fish, net weight, big bass and points cells; the name is its header).</summary>
    private static ILocator ResultRow(IPage page, string angler) =>
        page.Locator("[data-testid=results-table] tbody tr").Filter(new LocatorFilterOptions { Has = page.GetByRole(AriaRole.Rowheader, new PageGetByRoleOptions { Name = angler }) });

    [GeneratedRegex("/club/manage/tournaments/(?<id>[0-9a-f-]{36})/weigh-in")]
    private static partial Regex TournamentId();
}
