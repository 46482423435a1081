using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Account.Manage;

public sealed class ProfileModel(UserManager<PodiumUser> users, SignInManager<PodiumUser> signIn) : PageModel
{
    public static readonly IReadOnlyList<string> TimeZones =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [BindProperty]
    [Required(ErrorMessage = "Tell us the name to show to others.")]
    [StringLength(PodiumUser.MaxDisplayNameLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Display name")]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    [Display(Name = "Time zone")]
    public string? TimeZone { get; set; }

    public string Email { get; private set; } = "";

    public string Initials { get; private set; } = "";

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Show(user);
        DisplayName = user.DisplayName;
        TimeZone = user.TimeZone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Show(user);
        if (!string.IsNullOrEmpty(TimeZone) && !TimeZones.Contains(TimeZone, StringComparer.Ordinal))
        {
            ModelState.AddModelError(nameof(TimeZone), "Choose a time zone from the list.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        user.DisplayName = DisplayName.Trim();
        user.TimeZone = string.IsNullOrEmpty(TimeZone) ? null : TimeZone;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        Show(user);
        Saved = true;
        return Page();
    }

    private void Show(PodiumUser user)
    {
        Email = user.Email ?? "";
        Initials = user.Initials;
    }
}
