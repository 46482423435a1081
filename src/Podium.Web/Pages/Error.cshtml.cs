using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Input;
using Podium.Platform.Observability;
using Podium.Platform.Security;

namespace Podium.Web.Pages;

/// <summary>
/// The friendly page for every error a person meets: reached by re-execution from the exception handler and the
/// status-code pages, with the original method (so it must accept any verb without an antiforgery token).
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public string? TraceId { get; private set; }

    // No bound parameters: binding one would read the re-executed request's form, and a form refused for its size
    // (413) would fail again here and end as a 404. The code comes from the route alone.
    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        // The exception handler re-executes every exception to /error/500, having set the status its StatusCodeSelector
        // chose (a refused request keeps its own, 413 say): that status, not the path's, is the one to describe.
        var code = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null ? Response.StatusCode
            : int.TryParse(RouteData.Values["code"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var routed) ? routed : 404;
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
        (Title, Message) = Code switch
        {
            400 => ("That request did not make sense", "Something in the address or the form could not be read. Go back and try again."),
            401 => ("Please sign in", "You need to be signed in to see this page."),
            403 => ("Not allowed", "Your account does not have access to this page."),
            404 => ("Page not found", "There is no page at this address. It may have moved, or the link may be mistyped."),
            405 => ("That action is not available here", "This page cannot do what was asked. Go back and use the page's own buttons."),
            413 => ("That upload is too large", "The file or form you sent is larger than this server accepts."),
            429 => ("Too many requests", "Please wait a moment before trying again."),
            >= 500 => ("Something went wrong on our side", "The error has been logged. Please try again in a moment."),
            _ => ("That did not work", "The request could not be completed."),
        };
        if (Code == 400 && HttpContext.RefusedInput() is { } refused)
        {
            // Name the field and the character, so the person knows what to change rather than trying the same again.
            (Title, Message) = ("That text cannot be accepted", $"“{refused.Field}” was refused. {refused.Reason} Go back, remove it and try again.");
        }

        if (HttpContext.IsBlockedByIpRules())
        {
            // The address was refused, not the account: saying "your account" would send people down the wrong path.
            (Title, Message) = ("Not available from your network", "This site does not accept requests from your network address. If you think that is a mistake, contact the site's administrators.");
        }

        if (HttpContext.IsRefusedOverPlainHttp())
        {
            // Met by whoever set the site up, nearly always: they need the setting's name, not "try again".
            (Title, Message) = ("This site needs HTTPS", "This page was requested over plain HTTP, and its forms work only over HTTPS. "
                + "Use the site's https:// address. If you run this site and a proxy in front of it already serves HTTPS (nginx, a load balancer, "
                + "an ingress), Podium does not trust that proxy yet: add its address to Podium:ForwardedHeaders:KnownProxies "
                + "(environment variable Podium__ForwardedHeaders__KnownProxies__0). The server's log names the address this request came from.");
        }

        // Reference numbers help with server faults; for "not found" they are noise.
        var failed = Code >= 500;
        TraceId = failed ? TraceIds.Get(HttpContext) : null;
    }
}
