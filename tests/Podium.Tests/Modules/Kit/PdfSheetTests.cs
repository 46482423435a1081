using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Podium.Platform.Modules.Formats;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Kit;

public sealed partial class PdfSheetTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly PdfSheetInfo Info = new("Spring results", "Example League");

    private static readonly PdfColumn[] Columns =
    [
        new("Place", PdfSheet.Left), new("Name", PdfSheet.Left + 44), new("Score", PdfSheet.Right, RightAligned: true),
    ];

    private static string[][] RowsOf(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new[] { i.ToString(CultureInfo.InvariantCulture), $"Person{i}", (i * 101).ToString(CultureInfo.InvariantCulture) })];

    private static async Task<string[]> PagesAsync(byte[] pdf) =>
        (await PdfText.ReadAsync(pdf, Ct)).Split('\f', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Write_MakesAPdfWithTheTitleAndAuthorAsItsProperties()
    {
        var pdf = PdfSheet.Write(Info, page => page.Title("Spring"));

        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        var info = await PdfText.InfoAsync(pdf, Ct);
        info.ShouldMatch(@"Title:\s+Spring results");
        info.ShouldMatch(@"Author:\s+Example League");
        info.ShouldMatch(@"Pages:\s+1\b");
        info.ShouldMatch(@"Page size:\s+612 x 792 pts \(letter\)");
    }

    [Fact]
    public async Task TitleHeadingAndText_StandInTheOrderTheyWereDrawn()
    {
        var pdf = PdfSheet.Write(Info, page =>
        {
            page.Title("Spring");
            page.Text("Saturday, March 14, 2026");
            page.Space(10);
            page.Heading("Teams");
            page.Text("Big fish: Ada", bold: true);
        });

        (await PagesAsync(pdf)).ShouldHaveSingleItem().ShouldMatch(@"Spring\s+Saturday, March 14, 2026\s+Teams\s+Big fish: Ada");
    }

    [Fact]
    public async Task Table_DrawsHeadingsThenOneLineARow()
    {
        var pdf = PdfSheet.Write(Info, page => page.Table(Columns, RowsOf(2)));

        (await PagesAsync(pdf)).ShouldHaveSingleItem().ShouldMatch(@"Place\s+Name\s+Score\s+1\s+Person1\s+101\s+2\s+Person2\s+202");
    }

    [Fact]
    public async Task Table_RightAlignedColumn_EndsEveryCellAtTheSameEdge()
    {
        var pdf = PdfSheet.Write(Info, page => page.Table(Columns, RowsOf(12)));

        var boxes = await PdfText.WordBoxesAsync(pdf, Ct);
        double Edge(string word, string side) =>
            double.Parse(Word().Matches(boxes).Single(m => m.Groups["text"].Value == word).Groups[side].Value, CultureInfo.InvariantCulture);
        // "Score", "101" and "1212" end where the column says; "Place", "1" and "12" start where theirs does.
        foreach (var word in new[] { "Score", "101", "1212" })
        {
            Edge(word, "xMax").ShouldBe(PdfSheet.Right, 1);
        }

        foreach (var word in new[] { "Place", "1", "12" })
        {
            Edge(word, "xMin").ShouldBe(PdfSheet.Left, 1);
        }
    }

    [Fact]
    public async Task Table_WhenItRunsOntoAnotherPage_DrawsTheHeadingsThereAgain()
    {
        var pdf = PdfSheet.Write(Info, page => page.Table(Columns, RowsOf(80)));

        var pages = await PagesAsync(pdf);
        pages.Length.ShouldBe(2);
        pages.ShouldAllBe(p => p.StartsWith("Place", StringComparison.Ordinal));
        pages[0].ShouldContain("Person1 ");
        pages[1].ShouldContain("Person80");
        // Every row once, none lost at the break.
        Regex.Matches(string.Join("\n", pages), @"Person\d+").Count.ShouldBe(80);
    }

    [Fact]
    public async Task Table_WithNoRows_SaysWhatItWasGivenToSay()
    {
        var said = PdfSheet.Write(Info, page => page.Table(Columns, [], whenEmpty: "Nothing yet."));
        var silent = PdfSheet.Write(Info, page => page.Table(Columns, []));

        (await PagesAsync(said)).ShouldHaveSingleItem().ShouldMatch(@"Place\s+Name\s+Score\s+Nothing yet\.");
        (await PagesAsync(silent)).ShouldHaveSingleItem().ShouldMatch(@"^Place\s+Name\s+Score$");
    }

    [Fact]
    public async Task Table_WithRowsAndAnEmptyText_LeavesTheTextOut() =>
        (await PagesAsync(PdfSheet.Write(Info, page => page.Table(Columns, RowsOf(1), whenEmpty: "Nothing yet."))))
            .ShouldHaveSingleItem().ShouldNotContain("Nothing yet.");

    [Fact]
    public void Table_RowWithTheWrongNumberOfCells_Refuses() =>
        Should.Throw<ArgumentException>(() => PdfSheet.Write(Info, page => page.Table(Columns, [["1", "Ada"]])))
            .Message.ShouldStartWith("A row has 2 cells for 3 columns.");

    [Fact]
    public async Task KeepTogether_WhenThereIsNoRoomLeft_StartsANewPage()
    {
        // 44 rows end near the foot of the page: three more lines do not fit under them, one does.
        var moved = PdfSheet.Write(Info, page =>
        {
            page.Table(Columns, RowsOf(44));
            page.KeepTogether(PdfSheet.RowHeight * 3);
            page.Text("Footnote");
        });
        var stayed = PdfSheet.Write(Info, page =>
        {
            page.Table(Columns, RowsOf(44));
            page.KeepTogether(PdfSheet.RowHeight);
            page.Text("Footnote");
        });

        var movedPages = await PagesAsync(moved);
        movedPages.Length.ShouldBe(2);
        movedPages[1].ShouldBe("Footnote");
        (await PagesAsync(stayed)).ShouldHaveSingleItem().ShouldEndWith("Footnote");
    }

    [Fact]
    public void Write_WithoutInfoOrDrawing_Refuses()
    {
        Should.Throw<ArgumentNullException>(() => PdfSheet.Write(null!, _ => { }));
        Should.Throw<ArgumentNullException>(() => PdfSheet.Write(Info, null!));
        Should.Throw<ArgumentNullException>(() => PdfSheet.Write(Info, page => page.Table(null!, [])));
        Should.Throw<ArgumentNullException>(() => PdfSheet.Write(Info, page => page.Table(Columns, null!)));
    }

    [GeneratedRegex("<word xMin=\"(?<xMin>[0-9.]+)\" yMin=\"[0-9.]+\" xMax=\"(?<xMax>[0-9.]+)\" yMax=\"[0-9.]+\">(?<text>[^<]*)</word>")]
    private static partial Regex Word();
}
