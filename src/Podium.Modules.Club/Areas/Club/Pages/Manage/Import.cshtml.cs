using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Club.Features.Import;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage;

/// <summary>The CSV import as an upload, for officers who would rather not use the command line.</summary>
/// <remarks>
/// The site's request limit (Podium:Http:MaxRequestBodyBytes, 1 MB) is below what this page accepts, and Kestrel would
/// refuse a larger upload before the page could say why; officers only (the folder's policy is checked before the body
/// is read), so the limit is raised here: every import file at its largest, plus the form around them. Runs before the
/// antiforgery check, which is what first reads the form.
/// </remarks>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
internal sealed class ImportModel(ClubImport import) : PageModel
{
    /// <summary>Far above any club's history (~100 anglers × years of monthly results is well under 1 MB).</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>One of each import file at <see cref="MaxFileBytes"/>, and room for a larger one to reach the page's own check.</summary>
    public const long MaxRequestBytes = 8 * MaxFileBytes;

    [BindProperty]
    [Display(Name = "CSV files")]
    public List<IFormFile> Files { get; set; } = [];

    public ImportReport? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Files.Count == 0)
        {
            ModelState.AddModelError(nameof(Files), "Choose one or more CSV files to import.");
            return Page();
        }

        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Files)
        {
            var name = Path.GetFileName(file.FileName);
            if (file.Length > MaxFileBytes)
            {
                ModelState.AddModelError(nameof(Files), $"{name} is larger than {MaxFileBytes / 1024 / 1024} MB.");
                return Page();
            }

            if (!texts.TryAdd(name, await ReadAsync(file, cancellationToken)))
            {
                ModelState.AddModelError(nameof(Files), $"{name} was chosen twice.");
                return Page();
            }
        }

        Report = await import.ImportAsync(texts, CurrentUser.UserId(User), cancellationToken);
        return Page();
    }

    private static async Task<string> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
