using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Podium.Platform.Api;

/// <summary>
/// The one place an exception becomes an API answer: RFC 9457 Problem Details with a status that says whose fault
/// it was. Page requests are left to the re-executed error page.
/// </summary>
internal sealed partial class PodiumExceptionHandler(
    IProblemDetailsService problemDetails,
    IHostEnvironment environment,
    ILogger<PodiumExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Describe(exception);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, ApiRequests.OriginalPath(httpContext));
        }
        else
        {
            LogBadRequest(logger, status, httpContext.Request.Method, ApiRequests.OriginalPath(httpContext), exception.Message);
        }

        if (!ApiRequests.IsApi(httpContext))
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private (int Status, string Title, string? Detail) Describe(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body is larger than this server accepts."),
        // Messages of BadHttpRequestException describe the request ("Failed to read parameter … as JSON"), never server state.
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred",
            environment.IsDevelopment() ? exception.ToString() : "The error was logged; quote the traceId when reporting it."),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected request {Status} {Method} {Path}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int status, string method, string path, string reason);
}
