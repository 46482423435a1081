using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Polls;
using Podium.Platform.Data;
using Podium.Platform.Identity;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage.Polls;

internal sealed record TournamentChoice(Guid Id, string Title, DateTime StartsAt);

/// <summary>Creates a poll, or edits one nobody has voted in yet. Times are entered in the club's zone.</summary>
// Said on the page itself as well: the area-folder convention in AddClub does not reach these pages (seen in tests).
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class EditModel(PodiumDbContext db, PollEditor editor, ClubSettings settings, TimeProvider time) : PageModel
{
    private const int BlankRows = 3;

    [BindProperty]
    public PollInput Input { get; set; } = new();

    public Guid? PollId { get; private set; }

    public string? Locked { get; private set; }

    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public IReadOnlyList<TournamentChoice> Tournaments { get; private set; } = [];

    public IReadOnlyList<Lake> Lakes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, string? kind, CancellationToken cancellationToken)
    {
        PollId = id;
        await LoadChoicesAsync(cancellationToken);
        if (id is null)
        {
            Input.Kind = string.Equals(kind, "location", StringComparison.OrdinalIgnoreCase) ? PollKind.Location : PollKind.General;
            var tomorrow = Club.Zone.ToLocal(time.GetUtcNow().UtcDateTime).Date.AddDays(1);
            Input.OpensLocal = tomorrow.AddHours(8);
            Input.ClosesLocal = tomorrow.AddDays(7).AddHours(20);
            PadOptions();
            return Page();
        }

        var poll = await db.Set<Poll>().AsNoTracking().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (poll is null)
        {
            return NotFound();
        }

        Locked = await editor.LockedReasonAsync(poll, cancellationToken);
        Input = new PollInput
        {
            Kind = poll.Kind,
            Title = poll.Title,
            Description = poll.Description,
            TournamentId = poll.TournamentId,
            OpensLocal = Club.Zone.ToLocal(poll.OpensAt),
            ClosesLocal = Club.Zone.ToLocal(poll.ClosesAt),
            AllowOther = poll.AllowOther,
            Options = [.. poll.Options.OrderBy(o => o.SortOrder).Select(o => new PollOptionInput
            {
                Text = o.Text,
                LakeId = o.LakeId,
                RampId = o.RampId,
                StartsLocal = o.StartsAt is { } s ? Club.Zone.ToLocal(s) : null,
                EndsLocal = o.EndsAt is { } e ? Club.Zone.ToLocal(e) : null,
            })],
        };
        PadOptions();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        PollId = id;

        // What the form could not even bind (a date that is not a date) is reported with the rest, not instead of it.
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(cancellationToken);
            PadOptions();
            return Page();
        }

        var result = await editor.SaveAsync(id, Input, User.UserId()!.Value, cancellationToken);
        if (result.Succeeded)
        {
            return RedirectToPage("/Polls/Details", new { id = result.Value });
        }

        if (result.Problem == PollEditor.NoPoll)
        {
            return NotFound();
        }

        // A refusal that names no field is the lock: votes are in (or it closed).
        Locked = result.Problem?.Detail;
        result.AddTo(ModelState, nameof(Input));

        await LoadChoicesAsync(cancellationToken);
        PadOptions();
        return Page();
    }

    public static string? LocalValue(DateTime? local) =>
        local?.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private void PadOptions()
    {
        // Blank rows to fill in; rows left blank are ignored when saving.
        var rows = Math.Min(PollInput.MaxOptions, Math.Max(Input.Options.Count + BlankRows, 4));
        while (Input.Options.Count < rows)
        {
            Input.Options.Add(new PollOptionInput());
        }
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        Tournaments = await db.Set<Tournament>().AsNoTracking()
            .Where(t => t.Status == TournamentStatus.Scheduled)
            .OrderBy(t => t.Event.StartsAt)
            .Select(t => new TournamentChoice(t.Id, t.Event.Title, t.Event.StartsAt))
            .ToListAsync(cancellationToken);
        Lakes = await db.Set<Lake>().AsNoTracking().Include(l => l.Ramps).OrderBy(l => l.Name).ToListAsync(cancellationToken);
    }
}
