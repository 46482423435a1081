using SkiaSharp;

namespace Podium.Platform.Modules.Formats;

/// <summary>A table column: its heading and where its text stands (left edge, or right edge for numbers).</summary>
public sealed record PdfColumn(string Heading, float X, bool RightAligned = false);

/// <summary>What a PDF reader shows as the document's properties.</summary>
public sealed record PdfSheetInfo(string Title, string Author);

/// <summary>
/// A printable sheet on US Letter: a title, lines of text and tables whose column headings are drawn again on every
/// page a table runs onto. Drawn top to bottom with SkiaSharp's PDF backend, so the text stays text (selectable,
/// searchable). Coordinates are PDF points (1/72 inch) from the page's top-left corner.
/// </summary>
public sealed class PdfSheet
{
    public const float PageWidth = 612;
    public const float PageHeight = 792;
    public const float Margin = 48;

    /// <summary>Where text starts on the left, and where right-aligned text ends on the right.</summary>
    public const float Left = Margin;

    public const float Right = PageWidth - Margin;

    /// <summary>The height of one table row.</summary>
    public const float RowHeight = 15;

    private const float LineHeight = 14;

    private readonly SKDocument _document;
    private readonly Fonts _fonts;
    private SKCanvas _canvas;
    private float _y = Margin;

    private PdfSheet(SKDocument document, Fonts fonts)
    {
        _document = document;
        _fonts = fonts;
        _canvas = document.BeginPage(PageWidth, PageHeight);
    }

    /// <summary>Draws a sheet with <paramref name="draw"/> and returns the PDF file.</summary>
    public static byte[] Write(PdfSheetInfo info, Action<PdfSheet> draw)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(draw);
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = info.Title,
            Author = info.Author,
            Creator = "Podium",
            Producer = "Podium",
        }))
        {
            using var fonts = new Fonts();
            draw(new PdfSheet(document, fonts));
            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }

    /// <summary>The sheet's title, large and bold.</summary>
    public void Title(string text)
    {
        _y += 18;
        Draw(text, Left, _fonts.Title);
        _y += 20;
    }

    /// <summary>A section heading ("Team results").</summary>
    public void Heading(string text)
    {
        Draw(text, Left, _fonts.Heading);
        _y += RowHeight + 4;
    }

    /// <summary>One line of text.</summary>
    public void Text(string text, bool bold = false)
    {
        Draw(text, Left, bold ? _fonts.Strong : _fonts.Body);
        _y += LineHeight;
    }

    public void Space(float points) => _y += points;

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one: what follows stays together.</summary>
    public void KeepTogether(float height)
    {
        if (_y + height > PageHeight - Margin)
        {
            _document.EndPage();
            _canvas = _document.BeginPage(PageWidth, PageHeight);
            _y = Margin + 12;
        }
    }

    /// <summary>
    /// A table: headings over a rule, then a row a line, cells in column order. A row that does not fit goes to a new
    /// page, under the headings again. With no rows, <paramref name="whenEmpty"/> (if any) stands under the headings.
    /// </summary>
    public void Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<string>> rows, string? whenEmpty = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        Headings(columns);
        var any = false;
        foreach (var row in rows)
        {
            if (row.Count != columns.Count)
            {
                throw new ArgumentException($"A row has {row.Count} cells for {columns.Count} columns.", nameof(rows));
            }

            any = true;
            if (_y + RowHeight > PageHeight - Margin)
            {
                KeepTogether(RowHeight);
                Headings(columns);
            }

            for (var i = 0; i < columns.Count; i++)
            {
                Draw(row[i], columns[i].X, _fonts.Body, columns[i].RightAligned);
            }

            _y += RowHeight;
        }

        if (!any && whenEmpty is not null)
        {
            Draw(whenEmpty, Left, _fonts.Body);
            _y += RowHeight;
        }
    }

    private void Headings(IReadOnlyList<PdfColumn> columns)
    {
        foreach (var column in columns)
        {
            Draw(column.Heading, column.X, _fonts.Strong, column.RightAligned);
        }

        _canvas.DrawLine(Left, _y + 4, Right, _y + 4, _fonts.Rule);
        _y += RowHeight + 2;
    }

    private void Draw(string text, float x, SKFont font, bool rightAligned = false) =>
        _canvas.DrawText(text, x, _y, rightAligned ? SKTextAlign.Right : SKTextAlign.Left, font, _fonts.Ink);

    /// <summary>DejaVu Sans where fontconfig finds it (Debian: fonts-dejavu-core), else the default face.</summary>
    private sealed class Fonts : IDisposable
    {
        private readonly SKTypeface _regular = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        private readonly SKTypeface _bold;

        public Fonts()
        {
            _bold = SKTypeface.FromFamilyName("DejaVu Sans", SKFontStyle.Bold) ?? _regular;
            Body = new SKFont(_regular, 10);
            Strong = new SKFont(_bold, 10);
            Title = new SKFont(_bold, 18);
            Heading = new SKFont(_bold, 13);
        }

        public SKFont Body { get; }

        public SKFont Strong { get; }

        public SKFont Title { get; }

        public SKFont Heading { get; }

        public SKPaint Ink { get; } = new() { Color = SKColors.Black, IsAntialias = true };

        public SKPaint Rule { get; } = new() { Color = SKColors.Gray, StrokeWidth = 0.5f };

        public void Dispose()
        {
            Body.Dispose();
            Strong.Dispose();
            Title.Dispose();
            Heading.Dispose();
            Ink.Dispose();
            Rule.Dispose();
            if (!ReferenceEquals(_bold, _regular))
            {
                _bold.Dispose();
            }

            _regular.Dispose();
        }
    }
}
