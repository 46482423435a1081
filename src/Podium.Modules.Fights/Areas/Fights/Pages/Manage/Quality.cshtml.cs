using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Features.Quality;
using Podium.Platform.Feeds;
using Podium.Platform.Identity;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Manage;

/// <summary>
/// Data quality: records the feed imports held back and why, fighters on file twice (merged here by an administrator),
/// missing data, and the feed's latest runs with "Update now". Organizers see it; the two actions are administrators'.
/// </summary>
internal sealed class QualityModel(QualityReport report, FighterMerge merge, FeedNow feedNow, IAuthorizationService authorization) : PageModel
{
    public QualityOverview Overview { get; private set; } = null!;

    public bool IsAdmin { get; private set; }

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public string? FeedSource => feedNow.SourceKey;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostMergeAsync(string? keep, string? remove, CancellationToken cancellationToken)
    {
        if (!await IsAdminAsync())
        {
            return Forbid();
        }

        if (!Guid.TryParse(keep, out var keepId) || !Guid.TryParse(remove, out var removeId))
        {
            Say("Choose the two fighters to merge from the list.", failed: true);
        }
        else
        {
            var result = await merge.MergeAsync(keepId, removeId, CurrentUser.UserId(User)!.Value, cancellationToken);
            if (result.Succeeded)
            {
                var m = result.Value!;
                Say($"Merged: {m.Bouts} bout(s), {m.Favourites} follow(s) and {m.ExternalIds} source id(s) moved to the fighter kept.", failed: false);
            }
            else
            {
                Say(result.Problem?.Detail ?? string.Join(" ", result.Errors.SelectMany(e => e.Value)), failed: true);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(string? source, CancellationToken cancellationToken)
    {
        if (!await IsAdminAsync())
        {
            return Forbid();
        }

        var outcome = await feedNow.UpdateNowAsync(CurrentUser.UserId(User)!.Value, source, cancellationToken);
        Say(outcome switch
        {
            FeedUpdateResult.Started => $"An update from {source} has started; its run appears below when it ends.",
            FeedUpdateResult.JobsDisabled => "This server runs no background jobs, so it cannot run an update.",
            FeedUpdateResult.NoUpdateJob => "The feed has no update job on this server.",
            _ => "The Fights module imports from no feed of that name.",
        }, failed: outcome != FeedUpdateResult.Started);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private void Say(string message, bool failed)
    {
        Message = message;
        Failed = failed;
    }

    private async Task<bool> IsAdminAsync() => (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        IsAdmin = await IsAdminAsync();
        Overview = await report.LoadAsync(cancellationToken);
    }
}
