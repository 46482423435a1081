using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Feeds;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Admin;

/// <summary>What an administrator may set for a source; the key field is write-only (blank keeps the stored key).</summary>
public sealed class FeedSourceForm
{
    public string? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    public bool ClearApiKey { get; set; }

    public bool Enabled { get; set; }

    public string? Schedule { get; set; }
}

public sealed class FeedsModel(FeedAdministration feeds, UserManager<PodiumUser> users) : PageModel
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public IReadOnlyList<FeedSourceSummary> Sources { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    /// <summary>The source whose form was refused: it shows the submitted values and the field messages.</summary>
    public string? EditedSource { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = NoErrors;

    [BindProperty(Name = "source")]
    public string? Source { get; set; }

    [BindProperty]
    public FeedSourceForm Input { get; set; } = new();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var source = Shorten(Source);
        if (!ModelState.IsValid)
        {
            // A tampered form (a checkbox sent "maybe"): said plainly, nothing saved.
            (Message, Failed) = ("The form could not be read; nothing was changed.", true);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var result = await feeds.SaveAsync(AdminId(), source, new FeedSourceEdit(Input.BaseUrl, Input.ApiKey, Input.ClearApiKey, Input.Enabled, Input.Schedule), cancellationToken);
        if (result.Problem is not null)
        {
            (Message, Failed) = ($"There is no feed source named '{source}'.", true);
        }
        else if (!result.Succeeded)
        {
            (Message, Failed, EditedSource, Errors) = ($"The settings of '{source}' were not saved: see the fields below.", true, source, result.Errors);
        }
        else
        {
            (Message, Failed) = ($"The settings of '{source}' are saved.", false);
        }

        // The key was sent once; it never goes back to the browser.
        Input.ApiKey = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken cancellationToken)
    {
        var source = Shorten(Source);
        var result = await feeds.UpdateNowAsync(AdminId(), source, cancellationToken);
        (Message, Failed) = result switch
        {
            FeedUpdateResult.Started => ($"An update of '{source}' has been started; its run appears below when it finishes.", false),
            FeedUpdateResult.NoUpdateJob => ($"'{source}' has no update job to run.", true),
            FeedUpdateResult.JobsDisabled => ("Background jobs are switched off on this instance (Podium:Jobs:Enabled).", true),
            _ => ($"There is no feed source named '{source}'.", true),
        };
        await LoadAsync(cancellationToken);
        return Page();
    }

    public string? Error(string source, string field) =>
        source == EditedSource && Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public static string Duration(long? milliseconds) => milliseconds is { } ms ? JobsModel.Duration(ms) : "—";

    private Guid AdminId() => Guid.Parse(users.GetUserId(User)!);

    private static string? Shorten(string? text) => text?.Length > 100 ? text[..100] : text;

    private async Task LoadAsync(CancellationToken cancellationToken) => Sources = await feeds.ListAsync(cancellationToken);
}
