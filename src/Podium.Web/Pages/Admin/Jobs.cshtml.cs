using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Admin;
using Podium.Platform.Identity;
using Podium.Platform.Jobs;

namespace Podium.Web.Pages.Admin;

public sealed class JobsModel(JobAdministration jobs, UserManager<PodiumUser> users) : PageModel
{
    public IReadOnlyList<JobSummary> Jobs { get; private set; } = [];

    public Page<JobRunRow> History { get; private set; } = new([], 1, 25, 0);

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public bool Enabled => jobs.Enabled;

    /// <summary>The job the history is narrowed to (any text; an unknown job simply has no runs).</summary>
    [BindProperty(SupportsGet = true, Name = "history")]
    public string? HistoryJob { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(Name = "job")]
    public string? Job { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken) =>
        ActAsync(jobs.RunNowAsync, "has been started; its run appears below when it finishes.", cancellationToken);

    public Task<IActionResult> OnPostPauseAsync(CancellationToken cancellationToken) =>
        ActAsync(jobs.PauseAsync, "is paused: it will not fire on schedule until resumed.", cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(CancellationToken cancellationToken) =>
        ActAsync(jobs.ResumeAsync, "is resumed.", cancellationToken);

    public string Link(int page) => $"/admin/jobs?history={Uri.EscapeDataString(HistoryJob ?? "")}&p={page}";

    public static string Duration(long milliseconds) => milliseconds < 1000
        ? $"{milliseconds} ms"
        : TimeSpan.FromMilliseconds(milliseconds).ToString(milliseconds < 60_000 ? @"s\.f' s'" : @"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IActionResult> ActAsync(
        Func<Guid, string?, CancellationToken, Task<JobActionResult>> action, string done, CancellationToken cancellationToken)
    {
        var job = Job?.Length > 100 ? Job[..100] : Job;
        var result = await action(Guid.Parse(users.GetUserId(User)!), job, cancellationToken);
        (Message, Failed) = result switch
        {
            JobActionResult.Done => ($"Job '{job}' {done}", false),
            JobActionResult.Disabled => ("Background jobs are switched off on this instance (Podium:Jobs:Enabled).", true),
            _ => ($"There is no job named '{job}'.", true),
        };
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (HistoryJob?.Length > 100)
        {
            HistoryJob = HistoryJob[..100];
        }

        Jobs = await jobs.ListAsync(cancellationToken);
        History = await jobs.HistoryAsync(HistoryJob, PageNumber, cancellationToken);
    }
}
