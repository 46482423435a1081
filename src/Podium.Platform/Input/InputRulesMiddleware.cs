using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Podium.Platform.Api;

namespace Podium.Platform.Input;

/// <summary>
/// Refuses a request whose query string or route values break <see cref="TextRules"/>, for every endpoint alike (pages,
/// API, feeds, exports): none of them can then search, look up or store a NUL. Form fields are checked by
/// <see cref="FormInputFilter"/> once MVC has applied the page's own form limits; JSON bodies by <see cref="JsonInputRules"/>.
/// </summary>
internal sealed partial class InputRulesMiddleware(RequestDelegate next, ILogger<InputRulesMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsReExecution(context) || FindRefusal(context.Request) is not { } refusal)
        {
            await next(context);
            return;
        }

        LogRefused(logger, context.Request.Method, context.Request.Path, refusal.Field, refusal.Reason);
        await RefuseAsync(context, refusal);
    }

    /// <summary>
    /// The error page a refusal or a fault re-executes to runs with the original request's query (the exception handler
    /// keeps it); refusing that again would lose the answer.
    /// </summary>
    public static bool IsReExecution(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;

    /// <summary>
    /// 400: Problem Details naming the field for the API; for pages no body, so the status-code pages re-execute to the
    /// error page, which reads the refusal to say what was wrong.
    /// </summary>
    public static async Task RefuseAsync(HttpContext context, InputRefusal refusal)
    {
        context.MarkRefused(refusal);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (ApiRequests.IsApi(context))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = ValidationProblem(refusal),
            });
        }
    }

    public static HttpValidationProblemDetails ValidationProblem(InputRefusal refusal, string title = "One or more validation errors occurred.", string? detail = null) =>
        new(new Dictionary<string, string[]> { [refusal.Field] = [refusal.Reason] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = detail,
        };

    /// <summary>The first refused name or value among <paramref name="values"/> (query, form), named by its field.</summary>
    public static InputRefusal? FindRefusal(IEnumerable<KeyValuePair<string, StringValues>> values, string nameOfBadName)
    {
        foreach (var (key, texts) in values)
        {
            if (TextRules.Problem(key) is { } badKey)
            {
                // The name itself is what is wrong: echoing it would carry the character into the answer.
                return new InputRefusal(nameOfBadName, badKey);
            }

            foreach (var text in texts)
            {
                if (text is not null && TextRules.Problem(text) is { } problem)
                {
                    return new InputRefusal(key, problem);
                }
            }
        }

        return null;
    }

    private static InputRefusal? FindRefusal(HttpRequest request)
    {
        if (FindRefusal(request.Query, "(query parameter name)") is { } query)
        {
            return query;
        }

        foreach (var (key, value) in request.RouteValues)
        {
            if (value is string text && TextRules.Problem(text) is { } problem)
            {
                return new InputRefusal(key, problem);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused input in {Method} {Path}: {Field}: {Reason}")]
    public static partial void LogRefused(ILogger logger, string method, string path, string field, string reason);
}
