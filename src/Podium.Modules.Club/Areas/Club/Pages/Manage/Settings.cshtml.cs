using System.Globalization;
using Podium.Platform.Audit;
using Podium.Platform.Identity;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Areas.Club.Pages.Manage;

// Explicit as well as by the Manage folder convention: a page must not open up if the convention stops matching.
[Authorize(Policy = ClubPolicies.Officer)]
internal sealed class SettingsModel(ClubSettings settings, IAuditLog audit) : PageModel
{
    public const int MaxFishLimit = 25;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    [BindProperty]
    public string? FishLimit { get; set; }

    [BindProperty]
    public string? SizeRules { get; set; }

    [BindProperty]
    public string? Dues { get; set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var club = await settings.GetAsync(cancellationToken);
        (Name, TimeZone, FishLimit, SizeRules) = (club.Name, club.TimeZone, club.FishLimit.ToString(CultureInfo.InvariantCulture), club.SizeRules);
        Dues = Money.Format(club.DuesCents);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var name = Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > 100)
        {
            ModelState.AddModelError(nameof(Name), "Enter the club's name (up to 100 characters).");
        }

        if (!LocalZone.TryFind(TimeZone, out var zone))
        {
            ModelState.AddModelError(nameof(TimeZone), "Enter an IANA time zone, for example America/Chicago or America/Denver.");
        }

        if (!int.TryParse(FishLimit, NumberStyles.None, CultureInfo.InvariantCulture, out var fishLimit) || fishLimit is < 1 or > MaxFishLimit)
        {
            ModelState.AddModelError(nameof(FishLimit), $"Enter a whole number of fish from 1 to {MaxFishLimit}.");
        }

        var sizeRules = SizeRules?.Trim() ?? "";
        if (sizeRules.Length > 1000)
        {
            ModelState.AddModelError(nameof(SizeRules), "Keep the size rules to 1,000 characters.");
        }

        var duesCents = 0;
        if (!string.IsNullOrWhiteSpace(Dues) && !Money.TryParseDollars(Dues, out duesCents))
        {
            ModelState.AddModelError(nameof(Dues), "Enter the yearly dues in dollars, for example 60 or 60.00 (0 for none).");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var before = await settings.GetAsync(cancellationToken);
        var after = new ClubSettingsSnapshot(name, zone.Id, fishLimit, sizeRules, duesCents);
        await settings.SaveAsync(after, cancellationToken);
        await audit.RecordAsync("club.settings.updated", "success", User.UserId(), "club-settings", new { before, after }, cancellationToken);
        Saved = true;
        return Page();
    }
}
