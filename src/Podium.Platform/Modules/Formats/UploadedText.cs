using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Podium.Platform.Modules.Formats;

/// <summary>
/// A text file a member uploads to a page (CSV, JSON) to be read, not stored: held to a size, read as UTF-8 (a byte-order
/// mark honoured), and named as the member knows it in messages.
/// </summary>
public static class UploadedText
{
    /// <summary>The site's request limit (Podium:Http:MaxRequestBodyBytes) is 1 MB by default and caps a whole upload anyway.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>
    /// The file's text, or null with a message on <paramref name="field"/>: <paramref name="missing"/> when no file (or an
    /// empty one) was chosen, or that it is larger than <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task<string?> ReadAsync(
        IFormFile? file, ModelStateDictionary modelState, string field, string missing, CancellationToken cancellationToken, long maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (file is null || file.Length == 0)
        {
            modelState.AddModelError(field, missing);
            return null;
        }

        if (file.Length > maxBytes)
        {
            modelState.AddModelError(field, $"{NameOf(file, "The file")} is larger than {Size(maxBytes)}.");
            return null;
        }

        return await ReadAsync(file, cancellationToken);
    }

    /// <summary>The whole file as UTF-8 text; the caller has checked its size.</summary>
    public static async Task<string> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>The name the member gave the file, never a path and never unprintable text; else <paramref name="fallback"/>.</summary>
    public static string NameOf(IFormFile file, string fallback)
    {
        ArgumentNullException.ThrowIfNull(file);
        // Some browsers send the whole Windows path; a backslash is no separator to Path on Linux.
        var name = file.FileName[(file.FileName.LastIndexOfAny(['/', '\\']) + 1)..];
        return name.Length is > 0 and <= 100 && !name.Any(char.IsControl) ? name : fallback;
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        _ when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        _ => $"{bytes / 1024.0:0.#} KB",
    };
}
