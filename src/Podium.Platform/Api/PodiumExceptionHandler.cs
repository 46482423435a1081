using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Podium.Platform.Input;

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
            ProblemDetails = Refusal(exception) is { } refusal
                ? InputRulesMiddleware.ValidationProblem(refusal, title, detail)
                : new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// A body value that could not be read, or that the input rules refused: the client gets the field (the JSON path,
    /// without its "$.") in <c>errors</c>, as for any invalid field, besides the reason in <c>detail</c>.
    /// </summary>
    private static InputRefusal? Refusal(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest, InnerException: InputRefusedException refused } => refused.Refusal,
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest, InnerException: JsonException { Path: { Length: > 0 } path } json } =>
            new InputRefusal(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path, json.Message),
        _ => null,
    };

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
