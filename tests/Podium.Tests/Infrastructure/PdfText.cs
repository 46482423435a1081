using System.Diagnostics;

namespace Podium.Tests.Infrastructure;

/// <summary>Reads a PDF the way a person would, with poppler's tools (Debian poppler-utils; scripts/test.sh installs it).</summary>
public static class PdfText
{
    /// <summary>The text, laid out as on the page; pages are separated by a form feed.</summary>
    public static Task<string> ReadAsync(byte[] pdf, CancellationToken cancellationToken) =>
        RunAsync("/usr/bin/pdftotext", pdf, ["-layout"], cancellationToken);

    /// <summary>Every word with its box, as XHTML (<c>&lt;word xMin=… xMax=…&gt;</c>).</summary>
    public static Task<string> WordBoxesAsync(byte[] pdf, CancellationToken cancellationToken) =>
        RunAsync("/usr/bin/pdftotext", pdf, ["-bbox"], cancellationToken);

    /// <summary>The document's properties (Title, Author, Pages…) as <c>pdfinfo</c> prints them.</summary>
    public static Task<string> InfoAsync(byte[] pdf, CancellationToken cancellationToken) =>
        RunAsync("/usr/bin/pdfinfo", pdf, [], cancellationToken, output: false);

    private static async Task<string> RunAsync(string tool, byte[] pdf, string[] options, CancellationToken cancellationToken, bool output = true)
    {
        if (!File.Exists(tool))
        {
            Assert.Fail($"{tool} is missing: apt-get install poppler-utils (scripts/test.sh does)");
        }

        var path = Path.Combine(Path.GetTempPath(), $"podium-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken);
        try
        {
            string[] arguments = output ? [.. options, path, "-"] : [.. options, path];
            using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            process.ExitCode.ShouldBe(0);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
