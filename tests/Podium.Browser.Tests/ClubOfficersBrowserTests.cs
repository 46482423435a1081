using Microsoft.Playwright;

namespace Podium.Browser.Tests;

public sealed class ClubOfficersBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "walleye harbor copper dawn";

    [Fact]
    public async Task OfficersPages_OnAPhone_AddAnOfficer_FitTheScreen_AndPassAxe()
    {
        var email = $"secretary-{Guid.NewGuid():N}@example.org";
        var (phone, problems) = await browser.ClubAdminOnPhoneAsync(email, Password);

        // An officer reaches the officer pages from the club's menu, not by knowing their addresses.
        await phone.GotoAsync("/club");
        await phone.GetByRole(AriaRole.Navigation, new PageGetByRoleOptions { Name = "Club" })
            .GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Manage", Exact = true }).ClickAsync();
        await phone.GetByTestId("officer-tasks").WaitForAsync();
        (await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        (await Accessibility.SeriousViolationsAsync(phone)).ShouldBeEmpty();

        await phone.GotoAsync("/club/manage/members/edit");
        await phone.GetByLabel("Name").FillAsync("Olive Officer");
        await phone.GetByLabel("E-mail").FillAsync($"olive-{Guid.NewGuid():N}@example.org");
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save" }).ClickAsync();
        await phone.WaitForURLAsync(url => url.EndsWith("/club/manage/members", StringComparison.Ordinal));
        await phone.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Officers", Exact = true }).ClickAsync();

        await phone.GetByLabel("Office", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Treasurer" });
        await phone.GetByLabel("Member", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Olive Officer" });
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add officer" }).ClickAsync();
        await phone.GetByText("Officer added.").WaitForAsync();

        (await phone.GetByTestId("officers").InnerTextAsync()).ShouldContain("Olive Officer");
        (await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        (await Accessibility.SeriousViolationsAsync(phone)).ShouldBeEmpty();

        await phone.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Edit the list of offices" }).ClickAsync();
        await phone.GetByTestId("positions").WaitForAsync();
        (await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        (await Accessibility.SeriousViolationsAsync(phone)).ShouldBeEmpty();
        problems.ShouldBeEmpty();
    }
}
