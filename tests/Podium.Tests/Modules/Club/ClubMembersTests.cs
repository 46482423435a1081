using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Modules.Club.Domain;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>Members, roster and club settings on both databases.</summary>
public abstract class ClubMembersTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Roster_ShowsPhonesOnlyToMembers_GuestsApart_AndThisSeasonsOfficers()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var line = Random.Shared.Next(1000, 9999);
        var phone = $"512555{line}"; // as typed; shown the one way people write a US number
        var abroad = $"+44 20 7946 {line}";
        Angler president;
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            president = new Angler { Name = $"Prez {tag}", Email = $"prez-{tag}@example.org", Phone = phone };
            db.AddRange(
                president,
                new Angler { Name = $"Abroad {tag}", Email = $"abroad-{tag}@example.org", Phone = abroad },
                new Angler { Name = $"Visitor {tag}", Email = $"guest-{tag}@example.org", Kind = MembershipKind.Guest, Phone = "(512) 555-0000" });
            var season = (await scope.ServiceProvider.GetRequiredService<ClubSettings>().GetAsync(_ct)).Zone.Today(TimeProvider.System).Year;
            db.Add(new OfficerTerm { Angler = president, PositionId = 1, Season = season });
            await db.SaveChangesAsync(_ct);
        }

        var visitor = await fixture.CreateClient().GetStringAsync("/club/roster", _ct);
        var (member, _) = await ClubPagesKit.MemberAsync(fixture);
        var asMember = await member.GetPageAsync("/club/roster");

        visitor.ShouldContain($"Prez {tag}");
        visitor.ShouldNotContain($"555-{line}");
        visitor.ShouldNotContain("tel:");
        visitor.ShouldNotContain("555-0000");
        visitor.ShouldContain("President");
        visitor[visitor.IndexOf("data-testid=\"guests\"", StringComparison.Ordinal)..].ShouldContain($"Visitor {tag}");
        var read = WebUtility.HtmlDecode(asMember);
        read.ShouldContain($"href=\"tel:+1512555{line}\">(512) 555-{line}</a>");
        read.ShouldContain($"href=\"tel:+44207946{line}\">{abroad}</a>");
        asMember.ShouldNotContain("555-0000");
    }

    [Fact]
    public async Task Settings_WhenAnOfficerPostsGarbage_ShowsReasons_AndChangesNothing()
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var before = await CurrentSettingsAsync();

        var response = await officer.SubmitAsync("/club/manage/settings", new Dictionary<string, string>
        {
            ["Name"] = "", ["TimeZone"] = "Mars/Olympus", ["FishLimit"] = "-3", ["SizeRules"] = "", ["Dues"] = "lots",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("IANA time zone");
        html.ShouldContain("whole number of fish");
        html.ShouldContain("yearly dues in dollars");
        (await CurrentSettingsAsync()).ShouldBe(before);

        var saved = await officer.SubmitAsync("/club/manage/settings", new Dictionary<string, string>
        {
            ["Name"] = "Austin Bass Anglers", ["TimeZone"] = "America/Chicago", ["FishLimit"] = "5", ["SizeRules"] = "Largemouth 14 in", ["Dues"] = "$60.00",
        });
        (await saved.Content.ReadAsStringAsync(_ct)).ShouldContain("Settings saved.");
        (await CurrentSettingsAsync()).ShouldBe(new ClubSettingsSnapshot("Austin Bass Anglers", "America/Chicago", 5, "Largemouth 14 in", 6000));
    }

    [Fact]
    public async Task Members_OfficerAddsAnAngler_AndGarbageOrADuplicateEmailChangesNothing()
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var email = $"new-{Guid.NewGuid():N}@example.org";
        var count = await AnglerCountAsync();

        var garbage = await officer.SubmitAsync("/club/manage/members/edit", new Dictionary<string, string>
        {
            ["Input.Name"] = " ", ["Input.Email"] = "not-an-email", ["Input.Phone"] = "<script>", ["Input.Kind"] = "Wizard", ["Input.DuesPaidThrough"] = "yesterday",
        });
        var html = await garbage.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("Enter the angler&#x27;s name");
        html.ShouldContain("Enter an e-mail address");
        html.ShouldContain("Enter a phone number");
        html.ShouldContain("paid through");
        (await AnglerCountAsync()).ShouldBe(count);

        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Casey Rivers", ["Input.Email"] = email.ToUpperInvariant(), ["Input.Phone"] = "512-555-0199", ["Input.Kind"] = "Member", ["Input.DuesPaidThrough"] = "2027-12-31",
        };
        (await officer.SubmitAsync("/club/manage/members/edit", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.SubmitAsync("/club/manage/members/edit", fields)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AnglerCountAsync()).ShouldBe(count + 1);

        await using var scope = fixture.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Angler>().SingleAsync(a => a.Email == email, _ct);
        saved.DuesPaidThrough.ShouldBe(new DateOnly(2027, 12, 31));
        (await officer.GetPageAsync("/club/manage/members?q=RIVERS")).ShouldContain(email);
        (await officer.GetPageAsync("/club/manage/members?q=%27%3B--&p=-4")).ShouldContain("0 angler(s)");
    }

    [Theory]
    [InlineData("/club/manage/members")]
    [InlineData("/club/manage/members/edit")]
    [InlineData("/club/manage/settings")]
    public async Task ManagePages_AreForOfficersOnly(string path) => await ClubPagesKit.ShouldBeOfficerOnlyAsync(fixture, path);

    private async Task<ClubSettingsSnapshot> CurrentSettingsAsync()
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ClubSettings>().GetAsync(_ct);
    }

    private async Task<int> AnglerCountAsync()
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Angler>().CountAsync(_ct);
    }
}

public sealed class SqliteClubMembersTests(SqliteAppFixture fixture) : ClubMembersTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClubMembersTests(PostgresAppFixture fixture) : ClubMembersTests(fixture), IClassFixture<PostgresAppFixture>;
