using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.News;
using Podium.Platform.Audit;
using Podium.Platform.Data;

namespace Podium.Modules.Club.Areas.Club.Pages.News;

/// <summary>
/// The opt-out link from a news e-mail. Opening it changes nothing (mail scanners open links); the button does.
/// </summary>
internal sealed class UnsubscribeModel(PodiumDbContext db, ClubNews news, IAuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Valid { get; private set; }

    public bool Done { get; private set; }

    public void OnGet() => Valid = news.AnglerFromToken(Token) is not null;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (news.AnglerFromToken(Token) is not { } anglerId
            || await db.Set<Angler>().FirstOrDefaultAsync(a => a.Id == anglerId, cancellationToken) is not { } angler)
        {
            return Page();
        }

        angler.NewsEmails = false;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("club.news.unsubscribed", "success", angler.UserId, $"club-angler:{angler.Id}", cancellationToken: cancellationToken);
        Valid = Done = true;
        return Page();
    }
}
