using System.Net;

namespace Podium.Tests.Security.Fuzzing;

/// <summary>
/// Follows links from the home page as one visitor, so the forms fuzzed are the forms that visitor is shown, found the
/// way people find them: a new page is covered as soon as something links to it. Only GETs.
/// </summary>
internal static class SiteCrawler
{
    private const int MaxPages = 400;

    // Files, not pages: nothing to parse, and some (PDFs) are costly to render for nothing.
    private static readonly string[] FileExtensions = [".css", ".js", ".png", ".svg", ".ico", ".woff2", ".map", ".pdf", ".csv", ".ics", ".json"];

    public static async Task<IReadOnlyList<HtmlPage>> CrawlAsync(HttpClient client, FuzzSettings settings, DateOnly today, Action<string>? trace, CancellationToken cancellationToken)
    {
        var start = new Uri(client.BaseAddress!, "/");
        var queue = new Queue<Uri>([start]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var perRoute = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = new List<HtmlPage>();
        while (queue.Count > 0 && pages.Count < MaxPages)
        {
            var url = queue.Dequeue();
            var route = Routes.Pattern(url);
            if (!seen.Add(url.PathAndQuery) || perRoute.GetValueOrDefault(route) >= settings.PagesPerRoute
                || FileExtensions.Any(e => url.AbsolutePath.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(url, cancellationToken);
            if (settings.Trace)
            {
                trace?.Invoke($"crawl: GET {url.PathAndQuery} → {(int)response.StatusCode} in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
            }

            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect
                && Routes.SameOrigin(url, response.Headers.Location?.OriginalString) is { } moved)
            {
                queue.Enqueue(moved);
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            perRoute[route] = perRoute.GetValueOrDefault(route) + 1;
            var page = HtmlForms.Parse(url, await response.Content.ReadAsStringAsync(cancellationToken), today);
            pages.Add(page);
            foreach (var link in page.Links)
            {
                queue.Enqueue(link);
            }
        }

        return pages;
    }
}
