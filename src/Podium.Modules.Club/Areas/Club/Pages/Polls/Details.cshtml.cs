using System.Globalization;
using Microsoft.AspNetCore.Html;
using Podium.Modules.Club.Features.Polls;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Areas.Club.Pages.Polls;

internal sealed class DetailsModel(ClubPolls polls, ClubAccess access, ClubSettings settings, TimeProvider time) : PageModel
{
    public const string OtherChoice = "other";

    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public PollView Poll { get; private set; } = null!;

    public ClubViewer Viewer { get; private set; } = ClubViewer.Anonymous;

    public DateTime Now { get; private set; }

    /// <summary>An option's id, or <see cref="OtherChoice"/> for the written-in answer.</summary>
    [BindProperty]
    public string? Choice { get; set; }

    [BindProperty]
    public string? Other { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The results region alone, re-fetched by the page on every live update, rendered with this reader's rights.</summary>
    public async Task<IActionResult> OnGetResultsAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Partial("_PollResults", Poll) : NotFound();

    public async Task<IActionResult> OnPostVoteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        Guid? optionId = null;
        string? other = null;
        if (string.Equals(Choice, OtherChoice, StringComparison.Ordinal))
        {
            other = Other ?? "";
        }
        else if (Guid.TryParse(Choice, out var parsed))
        {
            optionId = parsed;
        }

        var viewer = await access.GetViewerAsync(User, cancellationToken);
        var result = await polls.VoteAsync(viewer, id, new VoteInput(optionId, other), cancellationToken);
        if (result.Status is VoteStatus.Recorded or VoteStatus.AlreadyRecorded)
        {
            return RedirectToPage("/Polls/Details", null, new { id }, "results");
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Error = result.Message;
        return Page();
    }

    public IHtmlContent Time(DateTime utc) => TimeHtml.Time(Club.Zone, utc, PollFormat.DateTimeFormat);

    public string Option(PollOptionView option) => PollFormat.Option(option, Club.Zone);

    /// <summary>
    /// Why this reader sees the choices without a form while the poll is open (null when they can vote or already
    /// did): everyone sees what is on the ballot, and someone who can't vote is told why rather than left guessing.
    /// </summary>
    public string? WhyNoVote => Poll.Status != PollStatus.Open || Poll.CanVote || Poll.MyVote is not null
        ? null
        : Viewer switch
        {
            { UserId: null } => null, // signed out: the page offers a sign-in link instead
            { Angler: null } => "Only club members in good standing vote in club polls. Your account is not linked to a club angler: the club links it when your account's e-mail address is the one on the roster.",
            { Angler.Kind: MembershipKind.Guest } => "Guests fish with the club but don't vote: only members in good standing (dues paid) vote in club polls.",
            { Angler.DuesPaidThrough: { } paid } => $"Only members in good standing (dues paid) vote in club polls. Your dues are paid through {paid.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}; once they are renewed you can vote.",
            _ => "Only members in good standing (dues paid) vote in club polls. The club has no dues payment on record for you yet.",
        };

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        Now = time.GetUtcNow().UtcDateTime;
        Viewer = await access.GetViewerAsync(User, cancellationToken);
        if (await polls.GetAsync(id, Viewer, cancellationToken) is not { } poll)
        {
            return false;
        }

        Poll = poll;

        // Until the close is processed the results can still change (votes, then the winner).
        ViewData["LiveUpdates"] = poll.ClosedAt is null;
        return true;
    }
}
