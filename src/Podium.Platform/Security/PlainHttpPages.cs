using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Security;

internal static class PlainHttpPagesExtensions
{
    /// <summary>After routing (it needs to know the request is for a page), before anything that renders one.</summary>
    public static IApplicationBuilder UsePodiumPlainHttpPages(this IApplicationBuilder app) => app.UseMiddleware<PlainHttpPagesMiddleware>();

    /// <summary>Whether this page was refused for arriving over plain HTTP, for the error page to say why and what to set.</summary>
    public static bool IsRefusedOverPlainHttp(this HttpContext context) => context.Items.ContainsKey(PlainHttpPagesMiddleware.RefusedItem);
}

/// <summary>
/// Where the antiforgery cookie must be Secure (Production), pages cannot issue or check their form tokens over plain
/// HTTP. That is nearly always a TLS proxy in front that is not listed in <c>Podium:ForwardedHeaders:KnownProxies</c>, so
/// its <c>X-Forwarded-Proto: https</c> is ignored. Such a page request gets 400 and the error page saying so, and the
/// log names the peer to list, instead of a 500 from deep in the form rendering. No redirect to HTTPS: behind such a
/// proxy it would come straight back over HTTP, for ever.
/// </summary>
internal sealed partial class PlainHttpPagesMiddleware(
    RequestDelegate next,
    IOptions<AntiforgeryOptions> antiforgery,
    SecurityEventThrottle throttle,
    ILogger<PlainHttpPagesMiddleware> logger)
{
    internal const string RefusedItem = "podium:plain-http-refused";

    private readonly bool _formsNeedHttps = antiforgery.Value.Cookie.SecurePolicy == CookieSecurePolicy.Always;

    public Task InvokeAsync(HttpContext context)
    {
        if (!_formsNeedHttps || context.Request.IsHttps
            || context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null
            // The error page (re-executed to from here, the status-code pages or the exception handler) is a page too,
            // and renders without a token; its status is the one to keep.
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return next(context);
        }

        var peer = ClientAddress.Of(context)?.ToString() ?? "unknown";
        if (throttle.ShouldRecord($"plain-http:{peer}", out var suppressed))
        {
            LogRefused(logger, peer, context.Request.Headers["X-Forwarded-Proto"].ToString(), suppressed);
        }

        context.Items[RefusedItem] = true;
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        // No body: the status-code pages re-execute to the error page, which explains.
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1035, Level = LogLevel.Warning, Message = "A page was requested over plain HTTP from {Peer} (X-Forwarded-Proto: '{ForwardedProto}') and refused: forms need HTTPS here. If that peer is the TLS proxy in front of Podium, list that address in Podium:ForwardedHeaders:KnownProxies (Podium__ForwardedHeaders__KnownProxies__0=…); {Suppressed} more such request(s) since the last report")]
    private static partial void LogRefused(ILogger logger, string peer, string forwardedProto, long suppressed);
}
