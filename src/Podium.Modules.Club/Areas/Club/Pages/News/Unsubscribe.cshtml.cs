using Podium.Modules.Club.Features.News;

namespace Podium.Modules.Club.Areas.Club.Pages.News;

/// <summary>
/// The opt-out link from a news e-mail. Opening it changes nothing (mail scanners open links); the button does.
/// </summary>
internal sealed class UnsubscribeModel(ClubNews news) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Valid { get; private set; }

    public bool Done { get; private set; }

    public void OnGet() => Valid = news.AnglerFromToken(Token) is not null;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Valid = Done = await news.UnsubscribeAsync(Token, cancellationToken);
        return Page();
    }
}
