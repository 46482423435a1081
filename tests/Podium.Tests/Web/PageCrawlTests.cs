using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Web;

/// <summary>
/// Walks every page reachable by links, signed in as an administrator (so the account and admin pages are included),
/// and checks what the content security policy depends on: no inline script and no style attribute or element.
/// </summary>
public sealed partial class PageCrawlTests
{
    private const string Password = "marble kettle orbit lantern";

    [Fact]
    public async Task EveryReachablePage_HasNoInlineScriptOrStyle()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        var key = (await TestUsers.CreateAsync(app, "boss@example.org", "Pat Boss", twoFactor: true, Password, Roles.Admin)).AuthenticatorKey!;

        var anonymous = new FormSession(app);
        var session = new FormSession(app);
        await session.SignInAsync("boss@example.org", Password);
        await session.SubmitAsync("/account/sign-in-2fa", new Dictionary<string, string> { ["Code"] = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp() });

        var visited = new HashSet<string>(StringComparer.Ordinal);
        string[] anonymousPages = ["/account/register", "/account/sign-in", "/account/forgot-password", "/no-such-page"];
        var queue = new Queue<string>(["/", .. anonymousPages]);
        var failures = new List<string>();
        while (queue.Count > 0 && visited.Count < 60)
        {
            var path = queue.Dequeue();
            if (!visited.Add(path))
            {
                continue;
            }

            // The forms for visitors as a visitor sees them; everything else signed in (menus then lead everywhere).
            var client = anonymousPages.Contains(path) ? anonymous : session;
            var response = await client.Client.GetAsync(path, ct);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(ct);
            failures.AddRange(ScriptTag().Matches(html).Where(m => !m.Groups["attrs"].Value.Contains("src=", StringComparison.Ordinal)).Select(_ => $"{path}: inline <script>"));
            if (html.Contains(" style=\"", StringComparison.Ordinal) || html.Contains("<style", StringComparison.Ordinal))
            {
                failures.Add($"{path}: inline style");
            }

            foreach (Match link in Link().Matches(html))
            {
                var href = WebUtility.HtmlDecode(link.Groups["href"].Value);
                if (!href.StartsWith("/docs", StringComparison.Ordinal) && !href.StartsWith("/health", StringComparison.Ordinal)
                    && !href.StartsWith("/openapi", StringComparison.Ordinal) && !href.StartsWith("/lib/", StringComparison.Ordinal)
                    && !href.StartsWith("/css/", StringComparison.Ordinal) && !href.StartsWith("/js/", StringComparison.Ordinal)
                    && !href.StartsWith("//", StringComparison.Ordinal) && !href.Contains("favicon", StringComparison.Ordinal))
                {
                    queue.Enqueue(href.Split('#')[0]);
                }
            }
        }

        visited.ShouldContain("/admin/users");
        visited.ShouldContain("/admin/audit");
        visited.ShouldContain("/admin/outbox");
        visited.ShouldContain("/admin/ip-rules");
        visited.ShouldContain("/account/manage/two-factor");
        visited.ShouldContain("/account/manage/sessions");
        visited.ShouldContain("/account/manage/data");
        visited.ShouldContain("/fights/fighters");
        visited.ShouldContain("/fights/events");
        visited.ShouldContain("/fights/analytics");
        failures.ShouldBeEmpty();
    }

    [GeneratedRegex("<script(?<attrs>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("href=\"(?<href>/[^\"]*)\"")]
    private static partial Regex Link();
}
