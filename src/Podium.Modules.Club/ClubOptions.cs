using Microsoft.Extensions.Options;

namespace Podium.Modules.Club;

/// <summary>The club's settings an operator sets (section <c>Podium:Club</c>); what officers set lives in <see cref="ClubSettings"/>.</summary>
internal sealed class ClubOptions
{
    public const string SectionName = "Podium:Club";

    public const long MinImportFileBytes = 64 * 1024;

    public const long MaxImportFileBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Largest CSV file the import page takes. 2 MB is far above any club's history (~100 anglers × years of monthly
    /// results is well under 1 MB); a server that imports a league's decades may raise it.
    /// </summary>
    public long ImportMaxFileBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// What the import page's request may carry: one of each import file at <see cref="ImportMaxFileBytes"/>, and room
    /// for a larger one to reach the page's own check (which says which file is too large) rather than Kestrel's refusal.
    /// </summary>
    public long ImportMaxRequestBytes => 8 * ImportMaxFileBytes;

    /// <summary>The limit as people read it: <c>2 MB</c>, <c>512 KB</c>.</summary>
    public string ImportMaxFileSize => ImportMaxFileBytes % (1024 * 1024) == 0 ? $"{ImportMaxFileBytes / 1024 / 1024} MB" : $"{ImportMaxFileBytes / 1024} KB";
}

/// <summary>Names the setting and the value, so the start refuses with a line an operator can act on.</summary>
internal sealed class ClubOptionsValidator : IValidateOptions<ClubOptions>
{
    public ValidateOptionsResult Validate(string? name, ClubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ImportMaxFileBytes is < ClubOptions.MinImportFileBytes or > ClubOptions.MaxImportFileBytes
            ? ValidateOptionsResult.Fail(
                $"{ClubOptions.SectionName}:{nameof(ClubOptions.ImportMaxFileBytes)} is {options.ImportMaxFileBytes}; "
                + $"it must be between {ClubOptions.MinImportFileBytes} (64 KB) and {ClubOptions.MaxImportFileBytes} (64 MB).")
            : ValidateOptionsResult.Success;
    }
}
