using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Admin;
using Podium.Platform.Audit;

namespace Podium.Web.Pages.Admin;

public sealed class AuditModel(AuditQuery audit) : PageModel
{
    public static readonly IReadOnlyList<string> Outcomes = [AuditOutcome.Success, AuditOutcome.Failure, AuditOutcome.Denied];

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionPrefix { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public Guid? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "outcome")]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<AuditRow> Result { get; private set; } = new([], 1, AuditQuery.PageSize, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var outcome = Outcomes.Contains(Outcome ?? "", StringComparer.Ordinal) ? Outcome : null;
        var filter = new AuditFilter(
            ActionPrefix?.Length > 64 ? ActionPrefix[..64] : ActionPrefix,
            UserId,
            outcome,
            From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        Result = await audit.SearchAsync(filter, PageNumber, cancellationToken);
    }

    public string Link(int page) =>
        $"/admin/audit?action={Uri.EscapeDataString(ActionPrefix ?? "")}&user={UserId}&outcome={Outcome}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&p={page}";
}
