using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Modules.Club.Features.Import;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Formats;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage;

/// <summary>The CSV import as an upload, for officers who would rather not use the command line.</summary>
/// <remarks>
/// The site's request limit (Podium:Http:MaxRequestBodyBytes, 1 MB) is below what this page accepts, and Kestrel would
/// refuse a larger upload before the page could say why; officers only (the folder's policy is checked before the body
/// is read), so <see cref="AllowUploads"/> raises the limit here to <see cref="ClubOptions.ImportMaxRequestBytes"/>.
/// </remarks>
internal sealed class ImportModel(ClubImport import, IOptions<ClubOptions> options) : PageModel
{
    /// <summary>
    /// What <c>[RequestSizeLimit]</c> and <c>[RequestFormLimits]</c> on the class would do, with the operator's
    /// setting rather than a constant; they run before the antiforgery check, which is what first reads the form.
    /// </summary>
    public static void AllowUploads(PageApplicationModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Filters.Add(new ConfiguredLimit(bytes => new RequestSizeLimitAttribute(bytes)));
        page.Filters.Add(new ConfiguredLimit(bytes => new RequestFormLimitsAttribute { MultipartBodyLengthLimit = bytes }));
    }

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
            if (file.Length > options.Value.ImportMaxFileBytes)
            {
                ModelState.AddModelError(nameof(Files), $"{name} is larger than {options.Value.ImportMaxFileSize}.");
                return Page();
            }

            if (!texts.TryAdd(name, await UploadedText.ReadAsync(file, cancellationToken)))
            {
                ModelState.AddModelError(nameof(Files), $"{name} was chosen twice.");
                return Page();
            }
        }

        Report = await import.ImportAsync(texts, CurrentUser.UserId(User), cancellationToken);
        return Page();
    }
}

/// <summary>
/// One of the framework's limit filters, built with <see cref="ClubOptions.ImportMaxRequestBytes"/> when first used.
/// Page conventions run when the host maps its pages, before the start validates the settings, so a convention that
/// read them would crash the start on a bad value instead of refusing it with the setting's name.
/// </summary>
internal sealed class ConfiguredLimit(Func<long, IFilterFactory> limit) : IFilterFactory, IOrderedFilter
{
    public bool IsReusable => true;

    /// <summary>The framework filter's own place in the pipeline (before antiforgery).</summary>
    public int Order { get; } = limit(0) is IOrderedFilter ordered ? ordered.Order : 0;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        limit(serviceProvider.GetRequiredService<IOptions<ClubOptions>>().Value.ImportMaxRequestBytes).CreateInstance(serviceProvider);
}
