using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Modules;
using Podium.Platform.Settings;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Web;

public sealed partial class HomePageTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_RendersAccessibleShell()
    {
        var response = await fixture.CreateClient().GetAsync("/", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("<html lang=\"en\"");
        html.ShouldContain("<header>");
        html.ShouldContain("<nav class=\"navbar");
        html.ShouldContain("aria-label=\"Main\"");
        html.ShouldContain("<main id=\"main\"");
        html.ShouldContain("<footer");
        html.ShouldContain("href=\"#main\"");
        html.ShouldContain("data-theme-toggle");
        html.ShouldContain("Podium runs prediction leagues and club competitions");
        html.ShouldContain("href=\"/docs\"");
    }

    [Fact]
    public async Task Home_WhenNoTaglineIsSet_ShowsTheHostsDescriptionOfTheProduct()
    {
        var html = await fixture.CreateClient().GetStringAsync("/", _ct);

        html.ShouldContain("<p class=\"lead\">Prediction leagues and club competitions.</p>", Case.Sensitive);
    }

    [Fact]
    public async Task Home_ListsTheInstalledModules()
    {
        var html = await fixture.CreateClient().GetStringAsync("/", _ct);

        html.ShouldContain("data-testid=\"modules\"");
        html.ShouldContain("<a class=\"nav-link\" href=\"/club\">Club</a>");
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptsOrStyles()
    {
        var client = fixture.CreateClient();
        foreach (var path in new[] { "/", "/no-such-page", "/error/500" })
        {
            var html = await (await client.GetAsync(path, _ct)).Content.ReadAsStringAsync(_ct);

            // Every <script> loads a file: the content security policy will allow nothing inline.
            ScriptTag().Matches(html).ShouldAllBe(m => m.Groups["attrs"].Value.Contains("src=", StringComparison.Ordinal));
            html.ShouldNotContain(" style=\"");
            html.ShouldNotContain("<style");
        }
    }

    [Fact]
    public async Task Home_ShowsTheSiteNameFromRuntimeSettings()
    {
        await using (var scope = fixture.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISettingsStore>().SetAsync(SettingKeys.SiteName, "Austin Bass <Club>", _ct);
        }

        try
        {
            var html = await fixture.CreateClient().GetStringAsync("/", _ct);

            html.ShouldContain("<title>Home · Austin Bass &lt;Club&gt;</title>".Replace("·", "&#xB7;", StringComparison.Ordinal));
            html.ShouldNotContain("<Club>");
        }
        finally
        {
            await using var scope = fixture.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ISettingsStore>().RemoveAsync(SettingKeys.SiteName, _ct);
        }
    }

    [Fact]
    public async Task Home_WhenClientAcceptsBrotli_IsCompressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.ParseAdd("br");

        var response = await fixture.CreateClient().SendAsync(request, _ct);

        response.Content.Headers.ContentEncoding.ShouldBe(["br"]);
    }

    [Theory]
    [InlineData("/lib/bootstrap/css/bootstrap.min.css", "text/css")]
    [InlineData("/lib/htmx/htmx.min.js", "text/javascript")]
    [InlineData("/js/theme.js", "text/javascript")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task VendoredAssets_AreServedLocallyPlainAndCompressed(string path, string mediaType)
    {
        var expected = await File.ReadAllBytesAsync(Path.Combine(fixture.App.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath, path.TrimStart('/')), _ct);
        foreach (var encoding in new[] { "identity", "gzip", "br" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(encoding);

            var response = await fixture.CreateClient().SendAsync(request, _ct);

            response.StatusCode.ShouldBe(HttpStatusCode.OK, encoding);
            response.Content.Headers.ContentType?.MediaType.ShouldBe(mediaType);
            var body = await response.Content.ReadAsStreamAsync(_ct);
            Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
            {
                "gzip" => new GZipStream(body, CompressionMode.Decompress),
                "br" => new BrotliStream(body, CompressionMode.Decompress),
                _ => body,
            };
            using var copy = new MemoryStream();
            await decoded.CopyToAsync(copy, _ct);
            copy.ToArray().ShouldBe(expected, $"{path} with Accept-Encoding: {encoding}");
        }
    }

    [Fact]
    public async Task Layout_ReferencesOnlyAssetsThatExist()
    {
        var client = fixture.CreateClient();
        var html = await client.GetStringAsync("/", _ct);

        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).Where(u => u.StartsWith('/') && !u.StartsWith("//", StringComparison.Ordinal)).Distinct().ToList();

        assets.Count.ShouldBeGreaterThanOrEqualTo(5);
        foreach (var asset in assets)
        {
            (await client.GetAsync(asset, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK, asset);
        }
    }

    [GeneratedRegex("<script(?<attrs>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("(?:src|href)=\"(?<url>/(?:lib|css|js)/[^\"]+|/favicon[^\"]*)\"")]
    private static partial Regex AssetReference();
}

public sealed class ModuleSlotTests
{
    [Fact]
    public async Task Shell_WhenAModuleIsRegistered_LinksItInTheMenuAndOnTheHomePage()
    {
        var ct = TestContext.Current.CancellationToken;
        var module = new PodiumModule("sample", "Sample", "/sample", "A module registered by this test only.", typeof(Program).Assembly);
        await using var app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithServices(services => services.AddSingleton(module));

        var html = await app.CreateClient().GetStringAsync("/", ct);

        html.ShouldContain("<a class=\"nav-link\" href=\"/sample\">Sample</a>");
        html.ShouldContain("data-testid=\"modules\"");
        html.ShouldContain("A module registered by this test only.");
    }

    [Fact]
    public void Catalog_WhenTwoModulesShareAName_RefusesToStart()
    {
        var assembly = typeof(Program).Assembly;

        var error = Should.Throw<InvalidOperationException>(() => new ModuleCatalog(
            [new PodiumModule("club", "Club", "/club", "a", assembly), new PodiumModule("Club", "Club 2", "/club2", "b", assembly)]));

        error.Message.ShouldContain("club");
    }

    [Fact]
    public void Catalog_OrdersByOrderThenName()
    {
        var assembly = typeof(Program).Assembly;

        var catalog = new ModuleCatalog(
        [
            new PodiumModule("pools", "Pools", "/pools", "p", assembly),
            new PodiumModule("fights", "Fights", "/fights", "f", assembly),
            new PodiumModule("club", "Club", "/club", "c", assembly) { Order = 1 },
        ]);

        catalog.Modules.Select(m => m.Name).ShouldBe(["club", "fights", "pools"]);
        catalog.ModelAssemblies.ShouldBe([assembly]);
    }
}
