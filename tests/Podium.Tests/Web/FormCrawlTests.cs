using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Demo;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Web;

/// <summary>
/// Walks every page reachable by links as each kind of visitor — anonymous, member, officer, administrator — on a club
/// with demo data (so polls, tournaments and keys show their forms), and checks what every page must do whichever
/// module draws it: each form that posts carries the antiforgery token (a browser's submit of one without it gets a
/// 400), and a handler the page does not have never draws the page without its data (a 500).
/// </summary>
public sealed partial class FormCrawlTests
{
    private const int MaxPagesPerVisitor = 100;

    private static readonly string[] Skipped = ["/docs", "/health", "/openapi", "/metrics", "/lib/", "/css/", "/js/", "/_content/", "//"];

    [Fact]
    public async Task EveryPostForm_ForEveryKindOfVisitor_CarriesTheAntiforgeryToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<ClubDemoSeeder>().Single().SeedAsync(ct);
        }

        var visitors = new Dictionary<string, FormSession>
        {
            ["anonymous"] = new FormSession(app),
            ["member"] = await AnglerAsync(app, officer: false, ct),
            ["officer"] = await AnglerAsync(app, officer: true, ct),
            ["admin"] = await AdminAsync(app, ct),
        };

        var failures = new List<string>();
        var forms = 0;
        foreach (var (who, session) in visitors)
        {
            var visited = await CrawlAsync(session, async (path, html) =>
            {
                foreach (Match form in Form().Matches(html))
                {
                    if (!PostMethod().IsMatch(form.Groups["attrs"].Value))
                    {
                        continue;
                    }

                    forms++;
                    if (!form.Groups["body"].Value.Contains("name=\"__RequestVerificationToken\"", StringComparison.Ordinal))
                    {
                        failures.Add($"{who} {path}: <form{form.Groups["attrs"].Value}> has no antiforgery token");
                    }
                }

                // Razor Pages lets the page's unnamed handler answer a name it lacks; what must not happen is the page
                // drawn with no handler at all.
                var bogus = await session.Client.GetAsync(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=bogus", ct);
                if ((int)bogus.StatusCode >= 500)
                {
                    failures.Add($"{who} {path}?handler=bogus: {(int)bogus.StatusCode}");
                }
            }, ct);

            visited.ShouldContain(who == "anonymous" ? "/account/sign-in" : "/account/manage/api-keys", who);
        }

        forms.ShouldBeGreaterThan(20);
        failures.ShouldBeEmpty();
    }

    /// <summary>Breadth first over same-site links; <paramref name="check"/> sees each HTML page once.</summary>
    private static async Task<HashSet<string>> CrawlAsync(FormSession session, Func<string, string, Task> check, CancellationToken ct)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/", "/account/sign-in", "/account/register", "/account/forgot-password", "/account/manage/api-keys", "/club/manage"]);
        while (queue.Count > 0 && visited.Count < MaxPagesPerVisitor)
        {
            var path = queue.Dequeue();
            if (!visited.Add(path))
            {
                continue;
            }

            var response = await session.Client.GetAsync(path, ct);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(ct);
            await check(path, html);
            foreach (Match link in Link().Matches(html))
            {
                var href = WebUtility.HtmlDecode(link.Groups["href"].Value).Split('#')[0];
                if (href.Length > 0 && !Skipped.Any(s => href.StartsWith(s, StringComparison.Ordinal))
                    && !Path.HasExtension(href.Split('?')[0]))
                {
                    queue.Enqueue(href);
                }
            }
        }

        return visited;
    }

    /// <summary>A club member (an angler linked by e-mail), an officer when asked, with an API key so the key forms show.</summary>
    private static async Task<FormSession> AnglerAsync(PodiumAppFactory app, bool officer, CancellationToken ct)
    {
        var email = $"{(officer ? "officer" : "member")}-{Guid.NewGuid():N}@example.org";
        var user = (await TestUsers.CreateAsync(app, email, officer ? "Olive Officer" : "Mo Member")).User;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var angler = new Angler { Name = officer ? "Olive Officer" : "Mo Member", Email = email, UserId = user.Id };
            db.Add(angler);
            if (officer)
            {
                var position = await db.Set<OfficerPosition>().OrderBy(p => p.Id).FirstAsync(ct);
                db.Add(new OfficerTerm { Angler = angler, PositionId = position.Id, Season = ClubProfile.DefaultZone.SeasonOf(DateTime.UtcNow) });
            }

            await db.SaveChangesAsync(ct);
            await AddKeyAsync(scope.ServiceProvider, email, ct);
        }

        var session = new FormSession(app);
        (await session.SignInAsync(email, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    private static async Task<FormSession> AdminAsync(PodiumAppFactory app, CancellationToken ct)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        var (session, _) = await FormSession.SignedInAdminAsync(app, email);
        await using var scope = app.Services.CreateAsyncScope();
        await AddKeyAsync(scope.ServiceProvider, email, ct);
        return session;
    }

    private static async Task AddKeyAsync(IServiceProvider services, string email, CancellationToken ct)
    {
        var owner = (await services.GetRequiredService<UserManager<PodiumUser>>().FindByEmailAsync(email)).ShouldNotBeNull();
        var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(owner, owner.Id, new ApiKeyRequest("crawler", [ApiScopes.ProfileRead], null, null, false), ct);
        created.Succeeded.ShouldBeTrue(string.Join(", ", created.Errors.Values));
    }

    [GeneratedRegex("<form\\b(?<attrs>[^>]*)>(?<body>.*?)</form>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("\\bmethod\\s*=\\s*[\"']?post\\b", RegexOptions.IgnoreCase)]
    private static partial Regex PostMethod();

    [GeneratedRegex("href=\"(?<href>/[^\"]*)\"")]
    private static partial Regex Link();
}
