using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Fights.Features.Leagues;
using Podium.Platform.Api;
using Podium.Platform.Competitions;
using Podium.Platform.Identity;

namespace Podium.Modules.Fights.Areas.Fights.Pages.Leagues;

internal sealed class CreateLeagueInput
{
    public string? Name { get; set; }

    public int Winner { get; set; } = ScoringRules.Default.Winner;

    public int UnderdogBonusPerUnit { get; set; } = ScoringRules.Default.UnderdogBonusPerUnit;

    public int UnderdogBonusCap { get; set; } = ScoringRules.Default.UnderdogBonusCap;

    public int Method { get; set; } = ScoringRules.Default.Method;

    public int Round { get; set; } = ScoringRules.Default.Round;
}

/// <summary><c>/fights/leagues</c>: my leagues, a new league (the site's scoring or its own), and joining by invite code.</summary>
[Authorize]
internal sealed class IndexModel(FightLeagues leagues) : PageModel
{
    [BindProperty]
    public CreateLeagueInput Input { get; set; } = new();

    [BindProperty]
    public string? Code { get; set; }

    public IReadOnlyList<GroupSummary> Mine { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        // A rule that is not a number (binding failed) must not quietly become the default.
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var rules = new ScoringRules(Input.Winner, Input.UnderdogBonusPerUnit, Input.UnderdogBonusCap, Input.Method, Input.Round);
        var created = await leagues.CreateAsync(User.UserId()!.Value, Input.Name, rules, cancellationToken);
        if (!created.Succeeded)
        {
            created.Show(ModelState, field => $"{nameof(Input)}.{char.ToUpperInvariant(field[0])}{field[1..]}");
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect($"/fights/leagues/{created.Value!.Group.Id}");
    }

    public async Task<IActionResult> OnPostJoinAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var joined = await leagues.JoinAsync(User.UserId()!.Value, Code, cancellationToken);
        if (!joined.Succeeded)
        {
            joined.Show(ModelState, field => field == "code" ? nameof(Code) : field);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect($"/fights/leagues/{joined.Value!.Group.Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Mine = (await leagues.MineAsync(User.UserId()!.Value, new PageRequest(1, PageRequest.MaxPageSize), cancellationToken)).Items;
}
