using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Podium.Modules.Forecast.Areas.Forecast.Pages;

/// <summary>The module's home: how Podium judges a forecast, and where to have one's own judged.</summary>
internal sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
