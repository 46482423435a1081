using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Modules.Sample.Features;

namespace Podium.Modules.Sample.Areas.Sample.Pages;

/// <summary>The module's page, at its navigation path (<c>/sample</c>); it asks the module's handler, as the API does.</summary>
internal sealed class IndexModel(DailyTip tips) : PageModel
{
    public TipDto Tip { get; private set; } = null!;

    public void OnGet() => Tip = tips.Today();
}
