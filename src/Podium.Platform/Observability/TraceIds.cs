using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Podium.Platform.Observability;

/// <summary>
/// One trace id per request, the same in the response header, in Problem Details and in the logs, so a user's
/// error report leads straight to the log lines (and, with tracing, to the trace).
/// </summary>
public static class TraceIds
{
    public const string HeaderName = "X-Trace-Id";
    private const string ItemKey = "podium:trace-id";

    public static string Get(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var existing) && existing is string id)
        {
            return id;
        }

        id = Activity.Current is { } activity && activity.TraceId != default
            ? activity.TraceId.ToHexString()
            : context.TraceIdentifier;
        context.Items[ItemKey] = id;
        return id;
    }

    internal static IApplicationBuilder UseTraceIdHeader(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var traceId = Get(context);
            // Set when the response starts: the exception handler clears headers set earlier.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderName] = traceId;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
