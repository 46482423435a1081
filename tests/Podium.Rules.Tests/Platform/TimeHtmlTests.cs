using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Rules.Tests.Platform;

public sealed class TimeHtmlTests
{
    private static readonly LocalZone Chicago = LocalZone.Find("America/Chicago");

    private static string Html(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void Time_InAZone_SaysTheLocalTimeAndCarriesTheUtcInstant() =>
        Html(TimeHtml.Time(Chicago, new DateTime(2026, 11, 1, 7, 30, 0, DateTimeKind.Utc), "MMM d, h:mm tt"))
            .ShouldBe("<time datetime=\"2026-11-01T07:30:00Z\">Nov 1, 1:30 AM</time>");

    [Fact]
    public void Time_WithoutAZone_Refuses() =>
        Should.Throw<ArgumentNullException>(() => TimeHtml.Time(null!, DateTime.UtcNow, "d"));

    [Fact]
    public void Time_WithThePagesOwnWords_EncodesThem() =>
        Html(TimeHtml.Time(new DateTime(2026, 3, 14, 11, 30, 0, DateTimeKind.Utc), "Sat <b>& Sun</b>"))
            .ShouldBe("<time datetime=\"2026-03-14T11:30:00Z\">Sat &lt;b&gt;&amp; Sun&lt;/b&gt;</time>");

    [Fact]
    public void Countdown_SaysTheTimeLeftAndCarriesTheInstantForTheScript()
    {
        var now = new DateTime(2026, 10, 20, 15, 0, 0, DateTimeKind.Utc);

        Html(TimeHtml.Countdown(now, now.AddHours(50)))
            .ShouldBe("<span aria-live=\"off\" data-countdown=\"2026-10-22T17:00:00Z\">in 2 days 2 hours</span>");
    }
}
