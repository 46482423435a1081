using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace Podium.Platform.Input;

/// <summary>
/// Razor Pages draws a page even when no handler matched the request: a POST to a page that only has <c>OnGet</c>,
/// or <c>?handler=Bogus</c>, rendered the page without the handler that loads what it shows (a 500). This answers such
/// requests instead, for every page: 405 with <c>Allow</c> naming the methods the address does take, or 404 when it takes
/// none. A GET of a page without GET handlers still draws it, as pages without any handler rely on.
/// </summary>
internal sealed class PageHandlerFilter : IAsyncPageFilter, IOrderedFilter
{
    /// <summary>Before every other page filter, the page model's own overrides included.</summary>
    public int Order => int.MinValue;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && !InputRulesMiddleware.IsReExecution(context.HttpContext) && Refusal(context) is { } refused)
        {
            context.Result = refused;
            return;
        }

        await next();
    }

    private static IActionResult? Refusal(PageHandlerExecutingContext context)
    {
        var request = context.HttpContext.Request;
        var handlers = context.ActionDescriptor.HandlerMethods;

        // A page with no GET handler draws itself on a GET (HEAD included): it has nothing to load.
        var drawsItself = !handlers.Any(h => HttpMethods.IsGet(h.HttpMethod));
        if (drawsItself && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return null;
        }

        // Razor Pages lets an unnamed handler answer any handler name, so this address takes the methods of the
        // unnamed handlers and of those with the name asked for.
        var name = HandlerName(context);
        var methods = handlers.Where(h => h.Name is null || (name is not null && string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)))
            .Select(h => h.HttpMethod.ToUpperInvariant())
            .Concat(drawsItself ? [HttpMethods.Get] : [])
            .ToList();
        if (methods.Count == 0)
        {
            return new NotFoundResult();
        }

        if (methods.Contains(HttpMethods.Get))
        {
            methods.Add(HttpMethods.Head);
        }

        context.HttpContext.Response.Headers[HeaderNames.Allow] = string.Join(", ", methods.Distinct(StringComparer.Ordinal));
        return new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    /// <summary>The handler the request names, the way Razor Pages reads it: the route value, else the query.</summary>
    private static string? HandlerName(PageHandlerExecutingContext context)
    {
        var name = context.RouteData.Values["handler"] as string;
        if (string.IsNullOrEmpty(name))
        {
            name = context.HttpContext.Request.Query["handler"].FirstOrDefault();
        }

        return string.IsNullOrEmpty(name) ? null : name;
    }
}
