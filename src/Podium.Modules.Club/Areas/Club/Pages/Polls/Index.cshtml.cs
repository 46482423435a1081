using Microsoft.AspNetCore.Html;
using Podium.Modules.Club.Features.Polls;
using Podium.Platform.Api;
using Podium.Platform.Modules.LocalTime;

namespace Podium.Modules.Club.Areas.Club.Pages.Polls;

internal sealed class IndexModel(ClubPolls polls, ClubSettings settings, TimeProvider time) : PageModel
{
    private const int ClosedPageSize = 20;

    public ClubSettingsSnapshot Club { get; private set; } = null!;

    public IReadOnlyList<PollSummary> Open { get; private set; } = [];

    public IReadOnlyList<PollSummary> Upcoming { get; private set; } = [];

    public PagedList<PollSummary> Closed { get; private set; } = new([], 1, ClosedPageSize, 0);

    public DateTime Now { get; private set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Club = await settings.GetAsync(cancellationToken);
        Now = time.GetUtcNow().UtcDateTime;
        Open = (await polls.ListAsync(PollStatus.Open, new PageRequest(1, PageRequest.MaxPageSize), cancellationToken)).Items;
        Upcoming = (await polls.ListAsync(PollStatus.Upcoming, new PageRequest(1, PageRequest.MaxPageSize), cancellationToken)).Items;
        Closed = await polls.ListAsync(PollStatus.Closed, new PageRequest(Math.Max(1, PageNumber), ClosedPageSize), cancellationToken);
    }

    public IHtmlContent Time(DateTime utc) => TimeHtml.Time(Club.Zone, utc, PollFormat.DateTimeFormat);
}
