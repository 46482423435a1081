using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Domain;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Areas.Club.Pages;

/// <summary>An angler's own club details: the name on results, the phone members see, and whether news is e-mailed.</summary>
[Authorize]
internal sealed class MeModel(PodiumDbContext db, ClubAccess access, IAuditLog audit, IPodiumCache cache) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public bool NewsEmails { get; set; }

    public Angler? Angler { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var viewer = await access.GetViewerAsync(User, cancellationToken);
        Angler = viewer.Angler is null ? null : await db.Set<Angler>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == viewer.Angler.Id, cancellationToken);
        if (Angler is not null)
        {
            (Name, Phone, NewsEmails) = (Angler.Name, Angler.Phone, Angler.NewsEmails);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var viewer = await access.GetViewerAsync(User, cancellationToken);
        Angler = viewer.Angler is null ? null : await db.Set<Angler>().FirstOrDefaultAsync(a => a.Id == viewer.Angler.Id, cancellationToken);
        if (Angler is null)
        {
            return Page();
        }

        var name = Name?.Trim() ?? "";
        var phone = string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim();
        if (name.Length == 0 || name.Length > Angler.MaxNameLength)
        {
            ModelState.AddModelError(nameof(Name), $"Enter your name (up to {Angler.MaxNameLength} characters).");
        }

        if (phone is not null && !PhoneNumber.IsPlausible(phone))
        {
            ModelState.AddModelError(nameof(Phone), "Enter a phone number with digits, spaces, +, -, ( ) only, for example (512) 555-0142.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var before = new { Angler.Name, Angler.Phone, Angler.NewsEmails };
        var renamed = Angler.Name != name;
        (Angler.Name, Angler.Phone, Angler.NewsEmails) = (name, phone, NewsEmails);
        await db.SaveChangesAsync(cancellationToken);
        if (renamed)
        {
            await cache.AnglersChangedAsync(cancellationToken);
        }

        await audit.RecordAsync("club.angler.updated", "success", viewer.UserId, $"club-angler:{Angler.Id}",
            new { before, after = new { Angler.Name, Angler.Phone, Angler.NewsEmails } }, cancellationToken);
        Saved = true;
        return Page();
    }
}
