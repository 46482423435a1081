using System.Globalization;
using Podium.Platform.Modules.Formats;

namespace Podium.Modules.Club.Features.Exports;

/// <summary>
/// A tournament's printable results sheet (US Letter, the paper the club prints on): title, date and place, the
/// results table with places, points and weights, big bass and team results.
/// </summary>
internal static class ResultsPdf
{
    private static readonly PdfColumn[] Columns =
    [
        new("Place", PdfSheet.Left), new("Angler", PdfSheet.Left + 44), new("Fish", 330, RightAligned: true), new("Weight", 390, RightAligned: true),
        new("Penalty", 448, RightAligned: true), new("Big bass", 506, RightAligned: true), new("Points", PdfSheet.Right, RightAligned: true),
    ];

    /// <summary>Team results: the same place and name columns as the anglers' table above, the weight under "Weight".</summary>
    private static readonly PdfColumn[] TeamColumns =
    [
        new("Place", PdfSheet.Left), new("Team", PdfSheet.Left + 44), new("Weight", 390, RightAligned: true),
    ];

    public static byte[] Render(TournamentSheet sheet, string clubName) =>
        PdfSheet.Write(new PdfSheetInfo($"{sheet.Title} results", clubName), page =>
        {
            page.Title(sheet.Title);
            var place = string.Join(" · ", new[] { sheet.Lake, sheet.Ramp }.Where(p => !string.IsNullOrEmpty(p)));
            page.Text($"{clubName} · {sheet.LocalStart.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture)}{(place.Length > 0 ? " · " + place : "")}");
            if (!sheet.CountsForAnglerOfTheYear)
            {
                page.Text("Does not count for Angler of the Year.");
            }

            page.Space(10);
            page.Table(Columns, sheet.Rows.Select(row => new[]
            {
                row.Disqualified ? "DQ" : row.Place?.ToString(CultureInfo.InvariantCulture) ?? "",
                row.Angler + (row.Member ? "" : " (guest)") + (row.BuyIn ? " (buy-in)" : ""),
                row.Fish.ToString(CultureInfo.InvariantCulture),
                Weight.Pounds(row.NetWeight),
                row.DeadFishPenalty > 0 ? Weight.Pounds(row.DeadFishPenalty) : "",
                row.BigBass > 0 ? Weight.Pounds(row.BigBass) : "",
                row.Points.ToString(CultureInfo.InvariantCulture),
            }), whenEmpty: "No results have been entered.");

            page.KeepTogether(PdfSheet.RowHeight * 3);
            page.Space(10);
            var bigBass = sheet.BigBass;
            page.Text(bigBass.Count == 0 ? "Big bass: none weighed." : $"Big bass: {string.Join(", ", bigBass.Select(b => b.Angler))}, {Weight.Format(bigBass[0].BigBass)}", bold: true);
            page.Space(7);

            if (sheet.Teams.Count > 0)
            {
                // The heading, the column headings and a first team stay together on one page.
                page.KeepTogether(PdfSheet.RowHeight * 4);
                page.Space(6);
                page.Heading("Team results");
                page.Table(TeamColumns, sheet.Teams.Select(team => new[]
                {
                    team.Place?.ToString(CultureInfo.InvariantCulture) ?? "", team.Anglers, Weight.Pounds(team.TotalWeight),
                }));
            }
        });
}
