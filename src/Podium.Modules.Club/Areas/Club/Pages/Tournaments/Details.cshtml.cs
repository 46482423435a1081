using Podium.Modules.Club.Features.Tournaments;

namespace Podium.Modules.Club.Areas.Club.Pages.Tournaments;

/// <summary>A tournament's results for everyone; the results region follows the tournament's live topic.</summary>
internal sealed class DetailsModel(TournamentBoards boards, ClubSettings settings, ClubAccess access) : PageModel
{
    public TournamentBoard Board { get; private set; } = null!;

    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public bool IsOfficer { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        IsOfficer = (await access.GetViewerAsync(User, cancellationToken)).IsOfficer;
        return Page();
    }

    /// <summary>The results region alone, re-fetched by htmx when the live topic says the results changed.</summary>
    public async Task<IActionResult> OnGetResultsAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Partial("_TournamentResults", Board) : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        if (await boards.GetAsync(id, cancellationToken) is not { } board)
        {
            return false;
        }

        Board = board;
        return true;
    }

    /// <summary>The payout shares as people say them ("1st 50 %, 2nd 30 %, 3rd 20 %").</summary>
    public string Pays => PayoutPercents.Describe(PayoutPercents.ParseOrDefault(Board.PayoutPercents));
}
