using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Features.Boards;
using Podium.Platform.Identity;
using Podium.Platform.Leaderboards;

namespace Podium.Modules.Fights.Areas.Fights.Pages;

/// <summary>
/// <c>/fights/leaderboards?board=…&amp;page=…</c>: pick a board (all time, a season, an event, one of my leagues), page
/// through it, and see my own line with the members around it. The board region follows the board's live topic.
/// </summary>
internal sealed class LeaderboardsModel(FightBoardReader reader, TimeProvider time) : PageModel
{
    public const int PageSize = 25;

    public OpenBoard? Board { get; private set; }

    public BoardPageView? Rows { get; private set; }

    public BoardStandingView? Standing { get; private set; }

    public IReadOnlyList<int> Seasons { get; private set; } = [];

    public IReadOnlyList<(string Slug, string Name)> Events { get; private set; } = [];

    public IReadOnlyList<(string Board, string Name)> Leagues { get; private set; } = [];

    public string? Problem { get; private set; }

    public Guid? Viewer => User.UserId();

    public async Task<IActionResult> OnGetAsync(string? board, int? page, CancellationToken cancellationToken)
    {
        var viewer = User.UserId();
        Seasons = await reader.SeasonsAsync(time.GetUtcNow().UtcDateTime.Year, cancellationToken);
        Events = await reader.RecentEventsAsync(12, cancellationToken);
        if (viewer is { } me)
        {
            Leagues = [.. (await reader.LeaguesAsync(me, cancellationToken)).Items.Select(g => (BoardName.ForLeague(g.Id).ToString(), g.Name))];
        }

        if (!await LoadAsync(board, page, cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    /// <summary>The board region alone, re-fetched when the board's live topic says ranks changed.</summary>
    public async Task<IActionResult> OnGetBoardAsync(string? board, int? page, CancellationToken cancellationToken) =>
        await LoadAsync(board, page, cancellationToken) ? Partial("_Board", this) : NotFound();

    private async Task<bool> LoadAsync(string? board, int? page, CancellationToken cancellationToken)
    {
        if (page is < 1)
        {
            Problem = "Pages start at 1.";
            page = 1;
        }

        Board = await reader.OpenAsync(string.IsNullOrEmpty(board) ? "global" : board, User.UserId(), cancellationToken);
        if (Board is null)
        {
            Problem = "There is no such board, or it is a league you are not in.";
            return false;
        }

        Rows = await reader.PageAsync(Board, page ?? 1, PageSize, cancellationToken);
        if (User.UserId() is { } me)
        {
            Standing = await reader.StandingAsync(Board, me, cancellationToken);
        }

        return true;
    }

    public string LiveTopic => ILeaderboards.LiveTopic(Board!.Key);
}
