using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;
using Podium.Platform.Outbox;

namespace Podium.Web.Pages.Admin;

public sealed class OutboxModel(OutboxAdministration outbox, UserManager<PodiumUser> users) : PageModel
{
    public OutboxOverview Overview { get; private set; } = new(0, 0, []);

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Overview = await outbox.GetOverviewAsync(cancellationToken);

    public async Task<IActionResult> OnPostRetryAsync(string? id, CancellationToken cancellationToken)
    {
        Message = Guid.TryParse(id, out var messageId) && await outbox.RetryAsync(AdminId, messageId, cancellationToken)
            ? "The message will be sent again shortly."
            : "No parked message has that id; it may have been retried already.";
        Overview = await outbox.GetOverviewAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAllAsync(CancellationToken cancellationToken)
    {
        var count = await outbox.RetryAllAsync(AdminId, cancellationToken);
        Message = count == 0 ? "There were no parked messages." : $"{count} message(s) will be sent again shortly.";
        Overview = await outbox.GetOverviewAsync(cancellationToken);
        return Page();
    }

    private Guid AdminId => Guid.Parse(users.GetUserId(User)!);
}
