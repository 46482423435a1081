using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Members;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Officers;

internal sealed record OfficerRow(int TermId, string Position, Guid AnglerId, string Angler);

internal sealed record OfficerChoice(string Value, string Label);

internal sealed class TermInput
{
    public int? PositionId { get; set; }

    public Guid? AnglerId { get; set; }
}

/// <summary>A season's officers: add a member to an office, remove a term, or carry last season's officers over.</summary>
// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class IndexModel(PodiumDbContext db, OfficerEditor editor) : PageModel, ISeasonChoice
{
    [BindProperty(SupportsGet = true, Name = "season")]
    public int? Requested { get; set; }

    [BindProperty]
    public TermInput Input { get; set; } = new();

    public int Season { get; private set; }

    public int CurrentSeason { get; private set; }

    public IReadOnlyList<int> Seasons { get; private set; } = [];

    public List<OfficerRow> Terms { get; private set; } = [];

    public List<OfficerChoice> Positions { get; private set; } = [];

    public List<OfficerChoice> Members { get; private set; } = [];

    /// <summary>Whether the season before this one had officers to copy.</summary>
    public bool CanCopy { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken) =>
        ChangeAsync(
            () => editor.AddTermAsync(Season, Input.PositionId ?? 0, Input.AnglerId ?? Guid.Empty, Actor, cancellationToken),
            _ => ("Officer added.", Season),
            cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(
            () => editor.RemoveTermAsync(id, Actor, cancellationToken),
            term => ($"{term.Angler.Name} is no longer {term.Position.Name} for {term.Season}.", term.Season),
            cancellationToken);

    public Task<IActionResult> OnPostCopyAsync(CancellationToken cancellationToken) =>
        ChangeAsync(
            () => editor.CopyFromPreviousSeasonAsync(Season, Actor, cancellationToken),
            copy => (copy.Added == 0
                ? $"Every {Season - 1} officer already holds the same office in {Season}."
                : $"Copied {copy.Added} office(s) from {Season - 1}.", Season),
            cancellationToken);

    public static string Link(int season) => $"/club/manage/officers?season={season}";

    private OfficerActor Actor => new(User.UserId(), User.IsInRole(Roles.Admin));

    /// <summary>Makes one change for the season on the page: back to the season with a note, or the page with the reasons.</summary>
    private async Task<IActionResult> ChangeAsync<T>(Func<Task<CommandResult<T>>> change, Func<T, (string Message, int Season)> done, CancellationToken cancellationToken)
        where T : class
    {
        ModelState.Clear();
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var result = await change();
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, nameof(Input));
            return Page();
        }

        (Message, var season) = done(result.Value!);
        return RedirectToPage(new { season });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        CurrentSeason = await editor.CurrentSeasonAsync(cancellationToken);
        Season = Requested ?? CurrentSeason;
        if (!OfficerEditor.IsSeason(Season, CurrentSeason))
        {
            return false;
        }

        var held = await db.Set<OfficerTerm>().AsNoTracking().Select(t => t.Season).Distinct().ToListAsync(cancellationToken);
        Seasons = [.. held.Append(CurrentSeason).Append(CurrentSeason + 1).Append(Season).Distinct().OrderDescending()];
        CanCopy = held.Contains(Season - 1);
        Terms = await db.Set<OfficerTerm>().AsNoTracking()
            .Where(t => t.Season == Season)
            .OrderBy(t => t.Position.SortOrder).ThenBy(t => t.Position.Name).ThenBy(t => t.Angler.Name)
            .Select(t => new OfficerRow(t.Id, t.Position.Name, t.AnglerId, t.Angler.Name))
            .ToListAsync(cancellationToken);
        Positions = await db.Set<OfficerPosition>().AsNoTracking()
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Name)
            .Select(p => new OfficerChoice(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Name))
            .ToListAsync(cancellationToken);
        var members = await db.Set<Angler>().AsNoTracking()
            .Where(a => a.Kind == MembershipKind.Member)
            .OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.Email })
            .ToListAsync(cancellationToken);

        // Two members may share a name; the e-mail tells them apart in the list.
        var shared = members.GroupBy(m => m.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        Members = [.. members.Select(m => new OfficerChoice(m.Id.ToString(), shared.Contains(m.Name) ? $"{m.Name} ({m.Email})" : m.Name))];
        return true;
    }
}
