using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Features.Boards;
using Podium.Modules.Fights.Features.Leagues;
using Podium.Platform.Api;
using Podium.Platform.Competitions;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Commands;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Leagues;

/// <summary>
/// <c>/fights/leagues/{id}</c> for its members: the league's board (linked to the leaderboards page), its members, its
/// rules; owners see and rotate the invite code and remove members; anyone leaves. Not found to anyone else.
/// </summary>
[Authorize]
internal sealed class DetailsModel(FightLeagues leagues, FightBoardReader reader) : PageModel
{
    public LeagueView League { get; private set; } = null!;

    public BoardPageView Board { get; private set; } = null!;

    public IReadOnlyList<GroupMember> Members { get; private set; } = [];

    public bool IsOwner => League.Group.MyRole == GroupRole.Owner;

    public Guid Me => User.UserId()!.Value;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await leagues.RotateCodeAsync(id, Me, cancellationToken), "A new invite code is ready; the old one no longer works.", cancellationToken);

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid memberId, CancellationToken cancellationToken) =>
        await AfterAsync(id, await leagues.RemoveAsync(id, Me, memberId, cancellationToken), "The member is removed from the league.", cancellationToken);

    public async Task<IActionResult> OnPostLeaveAsync(Guid id, CancellationToken cancellationToken)
    {
        var left = await leagues.LeaveAsync(id, Me, cancellationToken);
        if (left.Succeeded)
        {
            return Redirect("/fights/leagues");
        }

        return await AfterAsync(id, left, "", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync<T>(Guid id, CommandResult<T> result, string done, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            Message = done;
            return Redirect($"/fights/leagues/{id}");
        }

        result.Show(ModelState, _ => "");
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await leagues.GetAsync(id, Me, cancellationToken) is not { } league
            || await reader.OpenAsync(BoardName.ForLeague(id).ToString(), Me, cancellationToken) is not { } board)
        {
            return false;
        }

        League = league;
        Board = await reader.PageAsync(board, 1, 100, cancellationToken);
        var members = await leagues.MembersAsync(id, Me, new PageRequest(1, PageRequest.MaxPageSize), cancellationToken);
        Members = members.Value?.Items ?? [];
        return true;
    }
}
