using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Members;
using Podium.Modules.Club.Features.Results;
using Podium.Modules.Club.Features.Tournaments;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Tournaments;

/// <summary>
/// The weigh-master's phone at the scales: pick the angler, type the bag, save; the standings on the tournament page
/// follow live. The first bag saved opens the weigh-in (status in progress); looking at the page changes nothing.
/// </summary>
// Explicit as well as by folder convention: the area-folder convention did not reach these pages in tests.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class WeighInModel(
    PodiumDbContext db, ResultEntry entry, TournamentBoards boards, TournamentEditor editor, MemberEditor members) : PageModel
{
    public TournamentBoard Board { get; private set; } = null!;

    public IReadOnlyList<AnglerChoice> Anglers { get; private set; } = [];

    /// <summary>
    /// The line confirming the last save, made from what the save wrote (carried over the redirect), never from the board
    /// read afterwards: a cache not yet told about the change must not make a saved bag look unsaved.
    /// </summary>
    [TempData]
    public string? Saved { get; set; }

    [BindProperty]
    public BagForm Input { get; set; } = new();

    [BindProperty]
    public GuestForm Guest { get; set; } = new();

    [BindProperty]
    public TeamForm Team { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? angler, CancellationToken cancellationToken)
    {
        var board = await boards.GetAsync(id, cancellationToken);
        if (board is null)
        {
            return NotFound();
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (angler is { } correcting && Board.Results.FirstOrDefault(r => r.AnglerId == correcting) is { } existing)
        {
            Input = BagForm.Of(existing);
        }
        else if (angler is { } picked)
        {
            Input.AnglerId = picked;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>
        {
            [BagFields.TotalWeight] = $"{nameof(Input)}.{nameof(BagForm.TotalWeight)}",
            [BagFields.BigBass] = $"{nameof(Input)}.{nameof(BagForm.BigBass)}",
            [BagFields.DeadFishPenalty] = $"{nameof(Input)}.{nameof(BagForm.DeadFishPenalty)}",
        };
        var weights = new int[3];
        var i = 0;
        foreach (var (field, text) in new[] { (BagFields.TotalWeight, Input.TotalWeight), (BagFields.BigBass, Input.BigBass), (BagFields.DeadFishPenalty, Input.DeadFishPenalty) })
        {
            if (!string.IsNullOrWhiteSpace(text) && !Weight.TryParsePounds(text, out weights[i]))
            {
                ModelState.AddModelError(fields[field], $"Enter pounds like 12.34 (at most two decimals, up to {Weight.Format(Weight.MaxHundredths)}).");
            }

            i++;
        }

        if (Input.AnglerId is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(BagForm.AnglerId)}", "Pick the angler whose bag this is.");
        }

        if (Input.Fish is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(BagForm.Fish)}", "Enter the number of fish (0 for none).");
        }

        if (ModelState.IsValid)
        {
            var bag = new BagEntry(Input.Fish!.Value, weights[0], weights[1], weights[2], Input.Disqualified, Input.BuyIn);
            var member = Input.Membership switch { "member" => true, "guest" => (bool?)false, _ => null };
            var change = await entry.SaveBagAsync(id, new BagInput(Input.AnglerId!.Value, bag, member), User.UserId(), cancellationToken);
            if (change.Succeeded)
            {
                var last = BoardResult.Of(change.Value!);
                Saved = last.Place is { } place
                    ? $"Saved {last.AnglerName}: {Weight.Format(last.NetWeight)}, place {place}, {last.Points} points."
                    : $"Saved {last.AnglerName}: disqualified.";
                return RedirectToPage(new { id });
            }

            if (change.Problem == ResultEntry.NoTournament)
            {
                return NotFound();
            }

            if (change.Problem == ResultEntry.NoAngler)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(BagForm.AnglerId)}", "That angler is not on the club's list.");
            }

            // The handler names the bag's fields as the API does (totalWeight); the form's inputs are the same names.
            change.AddTo<BagForm>(ModelState, nameof(Input));
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid angler, CancellationToken cancellationToken)
    {
        await entry.DeleteBagAsync(id, angler, User.UserId(), cancellationToken);
        return RedirectToPage(new { id });
    }

    /// <summary>A guest who turned up at the ramp: a name is enough; the e-mail links them later if they join.</summary>
    public async Task<IActionResult> OnPostGuestAsync(Guid id, CancellationToken cancellationToken)
    {
        // Only the guest form's own fields decide; the bag form was not submitted.
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(nameof(Guest), StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (ModelState.IsValid)
        {
            var added = await members.AddGuestAsync(Guest.Name, Guest.Email, cancellationToken);
            if (added.Succeeded)
            {
                return RedirectToPage(new { id, angler = added.Value!.Id });
            }

            added.AddTo(ModelState, nameof(Guest));
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostTeamAsync(Guid id, CancellationToken cancellationToken)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(nameof(Team), StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (Team.Angler1Id is null)
        {
            ModelState.AddModelError($"{nameof(Team)}.{nameof(TeamForm.Angler1Id)}", "Pick the boat's first angler.");
        }

        if (!Weight.TryParsePounds(Team.TotalWeight, out var weight))
        {
            ModelState.AddModelError($"{nameof(Team)}.{nameof(TeamForm.TotalWeight)}", "Enter the team's combined weight in pounds, like 24.56.");
        }

        if (ModelState.IsValid)
        {
            var change = await entry.SaveTeamAsync(id, Team.Angler1Id!.Value, Team.Angler2Id, weight, User.UserId(), cancellationToken);
            if (change.Succeeded)
            {
                return RedirectToPage(null, null, new { id }, "teams");
            }

            if (change.Problem == ResultEntry.NoTournament)
            {
                return NotFound();
            }

            change.AddTo<TeamForm>(ModelState, nameof(Team));
            if (change.Problem == ResultEntry.NoAngler)
            {
                ModelState.AddModelError($"{nameof(Team)}.{nameof(TeamForm.Angler1Id)}", "Pick anglers from the club's list.");
            }
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteTeamAsync(Guid id, Guid team, CancellationToken cancellationToken)
    {
        await entry.DeleteTeamAsync(id, team, User.UserId(), cancellationToken);
        return RedirectToPage(null, null, new { id }, "teams");
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken) =>
        await editor.SetStatusAsync(id, TournamentStatus.Completed, User.UserId(), cancellationToken)
            ? RedirectToPage("/Tournaments/Details", new { id })
            : NotFound();

    /// <summary>Opens the weigh-in before the first bag, so the public pages say it is under way.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken cancellationToken) =>
        await editor.SetStatusAsync(id, TournamentStatus.InProgress, User.UserId(), cancellationToken)
            ? RedirectToPage(new { id })
            : NotFound();

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken cancellationToken) =>
        await editor.RestoreAsync(id, User.UserId(), cancellationToken)
            ? RedirectToPage(new { id })
            : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await boards.GetAsync(id, cancellationToken) is not { } board)
        {
            return false;
        }

        Board = board;
        Anglers = await db.Set<Angler>().AsNoTracking()
            .OrderBy(a => a.Name)
            .Select(a => new AnglerChoice(a.Id, a.Name, a.Kind == MembershipKind.Guest))
            .ToListAsync(cancellationToken);
        return true;
    }
}

internal sealed record AnglerChoice(Guid Id, string Name, bool Guest);

internal sealed class BagForm
{
    [Display(Name = "Angler")]
    public Guid? AnglerId { get; set; }

    [Display(Name = "Fish")]
    public int? Fish { get; set; }

    [Display(Name = "Total weight (lb)")]
    public string? TotalWeight { get; set; }

    [Display(Name = "Big bass (lb)")]
    public string? BigBass { get; set; }

    [Display(Name = "Dead-fish penalty (lb)")]
    public string? DeadFishPenalty { get; set; }

    [Display(Name = "Disqualified")]
    public bool Disqualified { get; set; }

    [Display(Name = "Buy-in (paid, did not fish)")]
    public bool BuyIn { get; set; }

    /// <summary>"" = as on the roster today, "member", "guest".</summary>
    [Display(Name = "Fished as")]
    public string? Membership { get; set; }

    public static BagForm Of(BoardResult r) => new()
    {
        AnglerId = r.AnglerId,
        Fish = r.Fish,
        TotalWeight = Weight.Pounds(r.TotalWeight),
        BigBass = Weight.Pounds(r.BigBass),
        DeadFishPenalty = Weight.Pounds(r.DeadFishPenalty),
        Disqualified = r.Disqualified,
        BuyIn = r.BuyIn,
        Membership = r.Member ? "member" : "guest",
    };
}

internal sealed class GuestForm
{
    [Display(Name = "Guest's name")]
    public string? Name { get; set; }

    [Display(Name = "E-mail (optional)")]
    public string? Email { get; set; }
}

internal sealed class TeamForm
{
    [Display(Name = "Angler")]
    public Guid? Angler1Id { get; set; }

    [Display(Name = "Partner (empty when fishing alone)")]
    public Guid? Angler2Id { get; set; }

    [Display(Name = "Combined weight (lb)")]
    public string? TotalWeight { get; set; }
}
