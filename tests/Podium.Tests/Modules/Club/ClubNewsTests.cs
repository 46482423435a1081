using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.News;
using Podium.Platform.Data;
using Podium.Platform.Outbox;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>Club news on both databases: drafts stay with officers, publishing mails members once, garbage changes nothing.</summary>
public abstract class ClubNewsTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_QueuesOneEmailPerOptedInMember_InTheSameSave_AndNoneOnRepublish()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var reader1 = await ClubPagesKit.AddAnglerAsync(fixture, $"Reader one {tag}");
        var reader2 = await ClubPagesKit.AddAnglerAsync(fixture, $"Reader two {tag}");
        var optedOut = await ClubPagesKit.AddAnglerAsync(fixture, $"Quiet {tag}", newsEmails: false);
        var guest = await ClubPagesKit.AddAnglerAsync(fixture, $"Guest {tag}", kind: MembershipKind.Guest);
        var input = new NewsInput { Title = $"Banquet {tag}", Markdown = "Dinner at **7**." };

        var draft = await SaveAsync(null, input, NewsAction.SaveDraft);
        (await EmailsAsync(tag)).ShouldBeEmpty();
        var published = await SaveAsync(draft.Id, input, NewsAction.Publish);
        var first = await EmailsAsync(tag);
        await SaveAsync(draft.Id, input, NewsAction.Unpublish);
        await SaveAsync(draft.Id, input, NewsAction.Publish);

        published.EmailedAt.ShouldNotBeNull();
        first.Select(m => m.To).ShouldContain(reader1.Email);
        first.Select(m => m.To).ShouldContain(reader2.Email);
        first.Select(m => m.To).ShouldNotContain(optedOut.Email);
        first.Select(m => m.To).ShouldNotContain(guest.Email);
        first.Select(m => m.To).ShouldBeUnique();
        await using (var scope = fixture.CreateScope())
        {
            var wanting = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Angler>()
                .CountAsync(a => a.NewsEmails && a.Kind == MembershipKind.Member, _ct);
            first.Count.ShouldBe(wanting);
        }

        first.ShouldAllBe(m => m.TextBody.Contains("/club/news/unsubscribe?token="));
        (await EmailsAsync(tag)).Count.ShouldBe(first.Count);
    }

    [Fact]
    public async Task Drafts_AreInvisibleToVisitorsAndMembers_AndPreviewedByOfficers()
    {
        var title = $"Secret plans {Guid.NewGuid():N}";
        var draft = await SaveAsync(null, new NewsInput { Title = title, Markdown = "Not yet." }, NewsAction.SaveDraft);
        var (member, _) = await ClubPagesKit.MemberAsync(fixture);
        var officer = await ClubPagesKit.OfficerAsync(fixture);

        (await fixture.CreateClient().GetAsync($"/club/news/{draft.Id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await member.Client.GetAsync($"/club/news/{draft.Id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await member.GetPageAsync("/club/news")).ShouldNotContain(title);
        (await officer.GetPageAsync($"/club/news/{draft.Id}")).ShouldContain("Draft");
    }

    [Fact]
    public async Task NewsPage_ShowsPinnedFirst_AndPaginates()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await SaveAsync(null, new NewsInput { Title = $"Pinned {tag}", Markdown = "Read me first.", Pinned = true }, NewsAction.Publish);
        for (var i = 0; i < 11; i++)
        {
            await SaveAsync(null, new NewsInput { Title = $"Report {i} {tag}", Markdown = "Fish were caught." }, NewsAction.Publish);
        }

        var first = await fixture.CreateClient().GetStringAsync("/club/news", _ct);
        var beyond = await fixture.CreateClient().GetAsync("/club/news?p=99999", _ct);

        first.IndexOf($"Pinned {tag}", StringComparison.Ordinal).ShouldBeLessThan(first.IndexOf($"Report 10 {tag}", StringComparison.Ordinal));
        first.ShouldContain("aria-label=\"News pages\"");

        // The list says when as the post does, to the minute, for machines in UTC with its Z.
        first.ShouldMatch(@"<time datetime=""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"">[A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d\d [AP]M</time>");
        beyond.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EditPage_WhenAnOfficerPostsGarbage_ShowsTheReasons_AndChangesNothing()
    {
        var officer = await ClubPagesKit.OfficerAsync(fixture);
        var kept = await SaveAsync(null, new NewsInput { Title = $"Kept {Guid.NewGuid():N}", Markdown = "Original." }, NewsAction.Publish);
        var garbage = new Dictionary<string, string> { ["Input.Title"] = "   ", ["Input.Markdown"] = new string('x', 25_000), ["action"] = "publish" };

        var created = await officer.SubmitAsync("/club/manage/news/edit", garbage);
        var edited = await officer.SubmitAsync($"/club/manage/news/edit/{kept.Id}", garbage);

        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await created.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("Give the post a title.");
        html.ShouldContain("Keep the post to");
        edited.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        (await db.Set<NewsPost>().AnyAsync(p => p.Markdown.Length > 20_000, _ct)).ShouldBeFalse();
        (await db.Set<NewsPost>().SingleAsync(p => p.Id == kept.Id, _ct)).Markdown.ShouldBe("Original.");
    }

    [Fact]
    public async Task ManagePages_AreForOfficersOnly()
    {
        await ClubPagesKit.ShouldBeOfficerOnlyAsync(fixture, "/club/manage/news");
        await ClubPagesKit.ShouldBeOfficerOnlyAsync(fixture, "/club/manage/news/edit");
    }

    [Fact]
    public async Task MyProfile_SavesNewsChoice_AndRefusesAGarbagePhone()
    {
        var (member, angler) = await ClubPagesKit.MemberAsync(fixture, "Pat Angler");

        var bad = await member.SubmitAsync("/club/me", new Dictionary<string, string> { ["Name"] = "", ["Phone"] = "<script>", ["NewsEmails"] = "false" });
        (await bad.Content.ReadAsStringAsync(_ct)).ShouldContain("Enter a phone number");
        (await ReloadAsync(angler.Id)).ShouldSatisfyAllConditions(a => a.Name.ShouldBe("Pat Angler"), a => a.NewsEmails.ShouldBeTrue());

        var good = await member.SubmitAsync("/club/me", new Dictionary<string, string> { ["Name"] = "Pat Angler", ["Phone"] = "(512) 555-0142", ["NewsEmails"] = "false" });
        (await good.Content.ReadAsStringAsync(_ct)).ShouldContain("Saved.");
        (await ReloadAsync(angler.Id)).ShouldSatisfyAllConditions(a => a.Phone.ShouldBe("(512) 555-0142"), a => a.NewsEmails.ShouldBeFalse());
        (await new FormSession(fixture.App).Client.GetAsync("/club/me", _ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Unsubscribe_WithTheLinkFromTheEmail_TurnsNewsOff_AndAForgedTokenChangesNothing()
    {
        var angler = await ClubPagesKit.AddAnglerAsync(fixture, "Link Clicker");
        string link;
        await using (var scope = fixture.CreateScope())
        {
            link = scope.ServiceProvider.GetRequiredService<ClubNews>().UnsubscribeLink(angler.Id);
        }

        var session = new FormSession(fixture.App);
        var path = new Uri(link).PathAndQuery;
        (await session.GetPageAsync(path)).ShouldContain("Stop news e-mails");
        (await ReloadAsync(angler.Id)).NewsEmails.ShouldBeTrue();

        var forged = await session.SubmitAsync("/club/news/unsubscribe", new Dictionary<string, string> { ["Token"] = "bogus" }, formPage: path);
        (await forged.Content.ReadAsStringAsync(_ct)).ShouldContain("not valid");
        (await ReloadAsync(angler.Id)).NewsEmails.ShouldBeTrue();

        var token = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["token"]!;
        var done = await session.SubmitAsync(path, new Dictionary<string, string> { ["Token"] = token });
        (await done.Content.ReadAsStringAsync(_ct)).ShouldContain("Done");
        (await ReloadAsync(angler.Id)).NewsEmails.ShouldBeFalse();
    }

    private async Task<Angler> ReloadAsync(Guid id)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Angler>().AsNoTracking().SingleAsync(a => a.Id == id, _ct);
    }

    private async Task<NewsPost> SaveAsync(Guid? id, NewsInput input, NewsAction action)
    {
        await using var scope = fixture.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ClubNews>().SaveAsync(id, input, action, Guid.NewGuid(), "Sam Secretary", _ct);
        result.Errors.ShouldBeEmpty();
        return result.Value!;
    }

    private async Task<List<Podium.Platform.Email.EmailMessage>> EmailsAsync(string tag)
    {
        await using var scope = fixture.CreateScope();
        var payloads = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == "email.send" && m.Payload.Contains(tag))
            .Select(m => m.Payload)
            .ToListAsync(_ct);
        return payloads.Select(p => JsonSerializer.Deserialize<Podium.Platform.Email.EmailMessage>(p, OutboxTypes.Json)!).ToList();
    }
}

public sealed class SqliteClubNewsTests(SqliteClubSiteFixture fixture) : ClubNewsTests(fixture), IClassFixture<SqliteClubSiteFixture>;

public sealed class PostgresClubNewsTests(PostgresClubSiteFixture fixture) : ClubNewsTests(fixture), IClassFixture<PostgresClubSiteFixture>;
