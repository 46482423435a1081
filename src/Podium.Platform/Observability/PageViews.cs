using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Podium.Platform.Observability;

/// <summary>
/// Counts a <c>page_view</c> for every successful GET of a Razor page: not static files, API calls, health, metrics,
/// error pages (they answer 4xx/5xx) or htmx fragment swaps (part of a page already counted).
/// </summary>
internal static class PageViews
{
    public static IApplicationBuilder UsePodiumPageViews(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<BusinessMetrics>();
        return app.Use(async (context, next) =>
        {
            await next(context);
            if (IsPageView(context))
            {
                metrics.Record(BusinessMetrics.Events.PageView);
            }
        });
    }

    internal static bool IsPageView(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.Response.StatusCode == StatusCodes.Status200OK
        && context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null
        // htmx fragment requests carry HX-Request; boosted links are whole-page navigations and count.
        && (!context.Request.Headers.ContainsKey("HX-Request") || context.Request.Headers.ContainsKey("HX-Boosted"));
}
