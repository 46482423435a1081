using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.News;
using Podium.Modules.Club.Features.Results;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>
/// <c>/club</c>, the club's most-read page, on both databases: visitors get one stored copy (no cookie, nothing
/// personal) until a write it shows drops it; signed-in people get their own render, made from the same cached data.
/// </summary>
public abstract class ClubLandingPageTests(AppFixture fixture)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(10);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Landing_ForVisitors_IsServedFromTheOutputCache_WithNoCookieAndNoToken()
    {
        await DropStoredLandingAsync();
        var visitor = Visitor();

        var first = await visitor.GetAsync("/club", _ct);
        var cached = await visitor.GetAsync("/club", _ct);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.Age.ShouldBeNull("the first visitor's request renders the page");
        cached.Headers.Age.ShouldNotBeNull("the second visitor gets the stored page");
        foreach (var response in new[] { first, cached })
        {
            response.Headers.Contains("Set-Cookie").ShouldBeFalse("a stored page must not hand one visitor's cookie to the next");
            response.Headers.CacheControl?.NoStore.ShouldNotBe(true);
            var html = await response.Content.ReadAsStringAsync(_ct);
            html.ShouldNotContain("request-verification-token");
            html.ShouldNotContain("__RequestVerificationToken");
            html.ShouldContain("Create account");
            html.ShouldContain("Angler of the Year");
        }

        (await cached.Content.ReadAsStringAsync(_ct)).ShouldBe(await first.Content.ReadAsStringAsync(_ct));
    }

    [Fact]
    public async Task Landing_AfterABagIsSaved_ShowsVisitorsTheNewResult()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (tournamentId, chaser) = await CompletedTournamentAsync(tag);
        await DropStoredLandingAsync();
        var visitor = Visitor();
        await visitor.GetAsync("/club", _ct);
        var before = await visitor.GetAsync("/club", _ct);
        before.Headers.Age.ShouldNotBeNull();
        Placing(await before.Content.ReadAsStringAsync(_ct), tag).ShouldBe(["Leader", "Chaser"]);

        await using (var scope = fixture.CreateScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<ResultEntry>()
                .SaveBagAsync(tournamentId, new BagInput(chaser, new BagEntry(5, 9000, 2500, 0, false, false)), null, _ct);
            saved.Succeeded.ShouldBeTrue(string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
        }

        await Eventually.HoldsAsync(
            async () => Placing(await visitor.GetStringAsync("/club", _ct), tag) is ["Chaser", "Leader"],
            Propagation, "the saved bag to reach the visitors' /club");
    }

    [Fact]
    public async Task Landing_AfterNewsIsPublished_ShowsVisitorsThePost()
    {
        var title = $"Banquet moved {Guid.NewGuid():N}";
        var visitor = Visitor();
        await visitor.GetAsync("/club", _ct);
        (await visitor.GetAsync("/club", _ct)).Headers.Age.ShouldNotBeNull();

        await using (var scope = fixture.CreateScope())
        {
            var news = scope.ServiceProvider.GetRequiredService<ClubNews>();
            var saved = await news.SaveAsync(null, new NewsInput { Title = title, Markdown = "Now at 7.", Pinned = true }, NewsAction.Publish, Guid.NewGuid(), "Pat", _ct);
            saved.Succeeded.ShouldBeTrue();
        }

        await Eventually.HoldsAsync(
            async () => (await visitor.GetStringAsync("/club", _ct)).Contains(title, StringComparison.Ordinal),
            Propagation, "the published post to reach the visitors' /club");
    }

    [Fact]
    public async Task Landing_ForAMember_IsTheirOwnRender_MadeFromTheCachedData()
    {
        await DropStoredLandingAsync();
        var visitor = Visitor();
        await visitor.GetAsync("/club", _ct);
        (await visitor.GetAsync("/club", _ct)).Headers.Age.ShouldNotBeNull();
        var (member, _) = await ClubPagesKit.MemberAsync(fixture, "Mia Member");

        var own = await member.Client.GetAsync("/club", _ct);

        own.Headers.Age.ShouldBeNull("a signed-in visitor is never served the stored anonymous page");
        var html = await own.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("Sign out");
        html.ShouldContain("href=\"/club/me\"", customMessage: "the member's own club menu");
        html.ShouldNotContain("Create account");

        // A post written behind the handlers' back (no invalidation): the member's render does not show it, so it was
        // made from the cached data, not from the database …
        var title = $"Unannounced {Guid.NewGuid():N}";
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.Add(new NewsPost { Title = title, Markdown = "x", Html = "<p>x</p>", Status = NewsStatus.Published, Pinned = true, CreatedAt = DateTime.UtcNow, PublishedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(_ct);
        }

        (await member.GetPageAsync("/club")).ShouldNotContain(title);

        // … and the news tag drops that data along with the stored page.
        await using (var scope = fixture.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPodiumCache>().InvalidateTagAsync(ClubCacheTags.News, _ct);
        }

        (await member.GetPageAsync("/club")).ShouldContain(title);
        (await visitor.GetStringAsync("/club", _ct)).ShouldContain(title);
    }

    [Fact]
    public async Task Landing_ForAMember_ItsSignOutFormStillPosts()
    {
        await DropStoredLandingAsync();
        await Visitor().GetAsync("/club", _ct);
        var (member, _) = await ClubPagesKit.MemberAsync(fixture, "Sid Signout");

        var signedOut = await member.SubmitAsync("/account/sign-out", new Dictionary<string, string>(), formPage: "/club");

        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the antiforgery token on the member's /club is valid");
        (await member.GetPageAsync("/club")).ShouldContain("Create account");
    }

    private HttpClient Visitor() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(FormSession.Origin),
        HandleCookies = false,
    });

    /// <summary>Another test of this class may have stored the page already, or data was written behind the cache's back.</summary>
    private async Task DropStoredLandingAsync()
    {
        await using var scope = fixture.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IPodiumCache>().InvalidateTagAsync(ClubCacheTags.News, _ct);
    }

    /// <summary>A completed tournament later than any other, so it is the one the page lists as the latest results.</summary>
    private async Task<(Guid Tournament, Guid Chaser)> CompletedTournamentAsync(string tag)
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var start = new DateTime(2990, 6, 6, 11, 30, 0, DateTimeKind.Utc).AddDays(Random.Shared.Next(0, 3000));
        var tournament = new Tournament
        {
            Event = new ClubEvent { Kind = EventKind.Tournament, Title = $"Latest {tag}", StartsAt = start, EndsAt = start.AddHours(8) },
            Season = start.Year,
            Status = TournamentStatus.Completed,
        };
        var leader = new Angler { Name = $"Leader {tag}", Email = $"{Guid.NewGuid():N}@example.org" };
        var chaser = new Angler { Name = $"Chaser {tag}", Email = $"{Guid.NewGuid():N}@example.org" };
        tournament.Results.Add(new TournamentResult { Angler = leader, AnglerId = leader.Id, Fish = 5, TotalWeight = 6000, BigBass = 1500 });
        tournament.Results.Add(new TournamentResult { Angler = chaser, AnglerId = chaser.Id, Fish = 5, TotalWeight = 5000, BigBass = 1400 });
        TournamentScoring.Apply(tournament);
        db.Add(tournament);
        await db.SaveChangesAsync(_ct);
        return (tournament.Id, chaser.Id);
    }

    /// <summary>The test's two anglers in the order the latest-results table lists them.</summary>
    private static string[] Placing(string html, string tag) =>
        [.. new[] { "Leader", "Chaser" }
            .Select(name => (Name: name, At: html.IndexOf($"{name} {tag}", StringComparison.Ordinal)))
            .Where(a => a.At >= 0)
            .OrderBy(a => a.At)
            .Select(a => a.Name)];
}

public sealed class SqliteClubLandingPageTests(SqliteClubSiteFixture fixture) : ClubLandingPageTests(fixture), IClassFixture<SqliteClubSiteFixture>;

public sealed class PostgresClubLandingPageTests(PostgresClubSiteFixture fixture) : ClubLandingPageTests(fixture), IClassFixture<PostgresClubSiteFixture>;
