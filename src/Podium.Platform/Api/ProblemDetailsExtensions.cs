using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Observability;

namespace Podium.Platform.Api;

internal static class ProblemDetailsExtensions
{
    public static IServiceCollection AddPodiumProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // The same id as the X-Trace-Id header and the log lines (the default would be the W3C traceparent).
            context.ProblemDetails.Extensions["traceId"] = TraceIds.Get(context.HttpContext);
            context.ProblemDetails.Instance ??= ApiRequests.OriginalPath(context.HttpContext);
        });
        services.AddExceptionHandler<PodiumExceptionHandler>();

        // Bad input in a minimal API (malformed JSON, an unparsable route value) becomes an exception the handler
        // above turns into a 400 Problem Details with the reason, instead of an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.AllowTrailingCommas = false;

            // A number is a number: the web defaults also read "3" as 3, which the OpenAPI document then describes as
            // integer-or-string with a pattern, and generated clients get a union type for every count and weight.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        return services;
    }

    public static IApplicationBuilder UsePodiumErrorHandling(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Pages re-execute to the friendly error page; API requests never get here (the handler answers them).
            ExceptionHandlingPath = "/error/500",
            StatusCodeSelector = exception => exception is BadHttpRequestException bad
                ? bad.StatusCode
                : StatusCodes.Status500InternalServerError,
        });
        // Empty error responses (404 of an unknown route, 405, 401 …) get a body: Problem Details for the API, a page for people.
        app.UseWhen(ApiRequests.IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !ApiRequests.IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }
}
