using Podium.Platform.Modules.Formats;

namespace Podium.Tests.Modules.Kit;

public sealed class MarkdownRendererTests
{
    [Theory]
    [InlineData("Hi <script>alert(1)</script> there", "<script")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    [InlineData("<img src=\"x.png\" onerror=\"alert(1)\">", "onerror")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "alert(1)")]
    [InlineData("<form action=\"/x\"><input name=a></form>", "<form")]
    [InlineData("<p style=\"background:url(x)\">styled</p>", "style=")]
    public void ToSafeHtml_WhenTheMarkdownCarriesSomethingDangerous_StripsIt(string markdown, string forbidden) =>
        MarkdownRenderer.ToSafeHtml(markdown).ShouldNotContain(forbidden, Case.Insensitive);

    [Fact]
    public void ToSafeHtml_KeepsOrdinaryFormattingAndSafeLinks()
    {
        var html = MarkdownRenderer.ToSafeHtml("## Weigh-in\n\n**Big bass** pot is *$10*.\n\n- one\n- two\n\n[Rules](https://example.org/rules)");

        html.ShouldContain("<h2");
        html.ShouldContain("<strong>Big bass</strong>");
        html.ShouldContain("<li>one</li>");
        html.ShouldContain("href=\"https://example.org/rules\"");
        html.ShouldContain("rel=\"nofollow noopener noreferrer\"");
    }

    [Fact]
    public void ToSafeHtml_KeepsTablesAutoLinksMailLinksAndImages()
    {
        var html = MarkdownRenderer.ToSafeHtml(
            "| Place | Name |\n|---|---|\n| 1 | Ada |\n\nSee https://example.org or [write](mailto:info@example.org).\n\n![Map](https://example.org/map.png \"Ramp\")");

        html.ShouldContain("<table>");
        html.ShouldContain("<td>Ada</td>");
        html.ShouldContain("href=\"https://example.org\"");
        html.ShouldContain("href=\"mailto:info@example.org\"");
        html.ShouldContain("<img src=\"https://example.org/map.png\" alt=\"Map\" title=\"Ramp\">");
    }

    [Theory]
    [InlineData("<span data-x=\"1\" class=\"c\" id=\"i\">t</span>", "data-x")]
    [InlineData("<span data-x=\"1\" class=\"c\" id=\"i\">t</span>", "class=")]
    [InlineData("<span data-x=\"1\" class=\"c\" id=\"i\">t</span>", "id=")]
    [InlineData("<video src=\"https://example.org/v.mp4\"></video>", "<video")]
    [InlineData("[ftp](ftp://example.org/file)", "ftp:")]
    [InlineData("<a href=\"https://example.org\" target=\"_blank\">x</a>", "target=")]
    public void ToSafeHtml_LeavesOutWhatIsNotOnTheAllowList(string markdown, string forbidden) =>
        MarkdownRenderer.ToSafeHtml(markdown).ShouldNotContain(forbidden, Case.Insensitive);

    [Fact]
    public void ToPlainText_DropsTheMarkupAndTrims() =>
        MarkdownRenderer.ToPlainText("\n\n## Weigh-in\n\n**Big bass** pot\n\n").ShouldBe("Weigh-in\nBig bass pot");
}
