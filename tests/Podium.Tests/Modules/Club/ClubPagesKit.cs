using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club.Domain;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>What the club's page tests share: who is asking (visitor, member, officer) and the officer-only check.</summary>
internal static class ClubPagesKit
{
    public static async Task<FormSession> OfficerAsync(AppFixture fixture) =>
        (await FormSession.SignedInAdminAsync(fixture.App, $"officer-{Guid.NewGuid():N}@example.org")).Session;

    /// <summary>A signed-in member of the club (an angler linked by confirmed e-mail) who holds no office.</summary>
    public static async Task<(FormSession Session, Angler Angler)> MemberAsync(AppFixture fixture, string name = "Mo Member", MembershipKind kind = MembershipKind.Member)
    {
        var email = $"member-{Guid.NewGuid():N}@example.org";
        await TestUsers.CreateAsync(fixture.App, email, name);
        var angler = await AddAnglerAsync(fixture, name, email, kind);
        var session = new FormSession(fixture.App);
        (await session.SignInAsync(email, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (session, angler);
    }

    public static async Task<Angler> AddAnglerAsync(AppFixture fixture, string name, string? email = null, MembershipKind kind = MembershipKind.Member, bool newsEmails = true)
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var angler = new Angler { Name = name, Email = Angler.NormalizeEmail(email ?? $"{Guid.NewGuid():N}@example.org"), Kind = kind, NewsEmails = newsEmails };
        db.Add(angler);
        await db.SaveChangesAsync();
        return angler;
    }

    /// <summary>Officer pages send visitors to sign in and show members the access-denied page (403).</summary>
    public static async Task ShouldBeOfficerOnlyAsync(AppFixture fixture, string path)
    {
        var anonymous = await new FormSession(fixture.App).Client.GetAsync(path);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
        anonymous.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");

        var (member, _) = await MemberAsync(fixture);
        var denied = await member.Client.GetAsync(path);
        denied.Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied", path);
        (await member.Client.GetAsync(denied.Headers.Location)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var post = await member.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>()));
        post.StatusCode.ShouldNotBe(HttpStatusCode.OK, path);
    }
}

/// <summary>
/// The app as a club runs it: with its public address set, so e-mails and feeds written outside a request (a service
/// called directly, a job) can still build absolute links.
/// </summary>
public abstract class ClubSiteFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public const string PublicUrl = "https://club.example";

    protected override void Configure(PodiumAppFactory app) => app.WithSetting("Podium:PublicUrl", PublicUrl);
}

public sealed class SqliteClubSiteFixture() : ClubSiteFixture(DatabaseProvider.Sqlite);

public sealed class PostgresClubSiteFixture() : ClubSiteFixture(DatabaseProvider.Postgres);
