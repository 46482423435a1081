using System.Globalization;
using SkiaSharp;

namespace Podium.Modules.Club.Features.Exports;

/// <summary>
/// A printable results sheet (US Letter, the paper the club prints on): title, date and place, the results table with
/// places, points and weights, big bass and team results. Drawn with SkiaSharp's PDF backend; the text stays text.
/// </summary>
internal static class ResultsPdf
{
    private const float PageWidth = 612;
    private const float PageHeight = 792;
    private const float Margin = 48;
    private const float RowHeight = 15;

    private static readonly (string Heading, float X, bool Right)[] Columns =
    [
        ("Place", Margin, false), ("Angler", Margin + 44, false), ("Fish", 330, true), ("Weight", 390, true),
        ("Penalty", 448, true), ("Big bass", 506, true), ("Points", PageWidth - Margin, true),
    ];

    /// <summary>Team results: the same place and name columns as the anglers' table above, the weight under "Weight".</summary>
    private static readonly (string Heading, float X, bool Right)[] TeamColumns =
    [
        ("Place", Margin, false), ("Team", Margin + 44, false), ("Weight", 390, true),
    ];

    public static byte[] Render(TournamentSheet sheet, string clubName)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = $"{sheet.Title} results",
            Author = clubName,
            Creator = "Podium",
            Producer = "Podium",
        }))
        {
            using var typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
            using var bold = SKTypeface.FromFamilyName("DejaVu Sans", SKFontStyle.Bold) ?? typeface;
            using var body = new SKFont(typeface, 10);
            using var strong = new SKFont(bold, 10);
            using var title = new SKFont(bold, 18);
            using var subtitle = new SKFont(bold, 13);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var rule = new SKPaint { Color = SKColors.Gray, StrokeWidth = 0.5f };

            var canvas = document.BeginPage(PageWidth, PageHeight);
            var y = Margin + 18;
            canvas.DrawText(sheet.Title, Margin, y, SKTextAlign.Left, title, ink);
            y += 20;
            var place = string.Join(" · ", new[] { sheet.Lake, sheet.Ramp }.Where(p => !string.IsNullOrEmpty(p)));
            canvas.DrawText(
                $"{clubName} · {sheet.LocalStart.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture)}{(place.Length > 0 ? " · " + place : "")}",
                Margin, y, SKTextAlign.Left, body, ink);
            y += 14;
            if (!sheet.CountsForAnglerOfTheYear)
            {
                canvas.DrawText("Does not count for Angler of the Year.", Margin, y, SKTextAlign.Left, body, ink);
                y += 14;
            }

            y += 10;
            void Header((string Heading, float X, bool Right)[] columns)
            {
                foreach (var (heading, x, right) in columns)
                {
                    canvas.DrawText(heading, x, y, right ? SKTextAlign.Right : SKTextAlign.Left, strong, ink);
                }

                canvas.DrawLine(Margin, y + 4, PageWidth - Margin, y + 4, rule);
                y += RowHeight + 2;
            }

            void NewPageIfFull(float needed)
            {
                if (y + needed > PageHeight - Margin)
                {
                    document.EndPage();
                    canvas = document.BeginPage(PageWidth, PageHeight);
                    y = Margin + 12;
                }
            }

            Header(Columns);
            if (sheet.Rows.Count == 0)
            {
                canvas.DrawText("No results have been entered.", Margin, y, SKTextAlign.Left, body, ink);
                y += RowHeight;
            }

            foreach (var row in sheet.Rows)
            {
                NewPageIfFull(RowHeight);
                if (y < Margin + 20)
                {
                    Header(Columns);
                }

                string[] cells =
                [
                    row.Disqualified ? "DQ" : row.Place?.ToString(CultureInfo.InvariantCulture) ?? "",
                    row.Angler + (row.Member ? "" : " (guest)") + (row.BuyIn ? " (buy-in)" : ""),
                    row.Fish.ToString(CultureInfo.InvariantCulture),
                    Domain.Weight.Pounds(row.NetWeight),
                    row.DeadFishPenalty > 0 ? Domain.Weight.Pounds(row.DeadFishPenalty) : "",
                    row.BigBass > 0 ? Domain.Weight.Pounds(row.BigBass) : "",
                    row.Points.ToString(CultureInfo.InvariantCulture),
                ];
                for (var i = 0; i < Columns.Length; i++)
                {
                    canvas.DrawText(cells[i], Columns[i].X, y, Columns[i].Right ? SKTextAlign.Right : SKTextAlign.Left, body, ink);
                }

                y += RowHeight;
            }

            NewPageIfFull(RowHeight * 3);
            y += 10;
            var bigBass = sheet.BigBass;
            canvas.DrawText(
                bigBass.Count == 0 ? "Big bass: none weighed." : $"Big bass: {string.Join(", ", bigBass.Select(b => b.Angler))}, {Domain.Weight.Format(bigBass[0].BigBass)}",
                Margin, y, SKTextAlign.Left, strong, ink);
            y += RowHeight + 6;

            if (sheet.Teams.Count > 0)
            {
                // The heading, the column headings and a first team stay together on one page.
                NewPageIfFull(RowHeight * 4);
                y += 6;
                canvas.DrawText("Team results", Margin, y, SKTextAlign.Left, subtitle, ink);
                y += RowHeight + 4;
                Header(TeamColumns);
                foreach (var team in sheet.Teams)
                {
                    NewPageIfFull(RowHeight);
                    string[] cells = [team.Place?.ToString(CultureInfo.InvariantCulture) ?? "", team.Anglers, Domain.Weight.Pounds(team.TotalWeight)];
                    for (var i = 0; i < TeamColumns.Length; i++)
                    {
                        canvas.DrawText(cells[i], TeamColumns[i].X, y, TeamColumns[i].Right ? SKTextAlign.Right : SKTextAlign.Left, body, ink);
                    }

                    y += RowHeight;
                }
            }

            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }
}
