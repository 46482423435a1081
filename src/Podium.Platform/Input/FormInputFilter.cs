using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Podium.Platform.Input;

/// <summary>
/// Refuses a posted form (every page's, every field, and the names of uploaded files) holding text that breaks
/// <see cref="TextRules"/>: 400 and the error page saying why, before any handler runs. All or nothing rather than a
/// message by the field: many pages hand the whole form to an editor that rewrites the page's messages, and a field
/// left unbound would reach it as empty — "enter a name" for a name that was typed. A browser's own form never sends
/// these characters; a person can only paste them, and the browser keeps the form to go back to.
/// </summary>
/// <remarks>
/// A resource filter, so it runs after the authorization filters: the page's own form limits (an upload page's larger
/// ones) are in force when it reads the form, and antiforgery has read it already.
/// </remarks>
internal sealed class FormInputFilter : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.HasFormContentType || InputRulesMiddleware.IsReExecution(http)
            || await FindRefusalAsync(http.Request) is not { } refusal)
        {
            await next();
            return;
        }

        var logger = http.RequestServices.GetRequiredService<ILogger<FormInputFilter>>();
        InputRulesMiddleware.LogRefused(logger, http.Request.Method, http.Request.Path, refusal.Field, refusal.Reason);
        http.MarkRefused(refusal);
        context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
    }

    private static async Task<InputRefusal?> FindRefusalAsync(HttpRequest request)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // Past the form limits (too many fields, a name too long): the client's fault, so a 400, not a fault of ours.
            return new InputRefusal("(form)", "The form could not be read: it has too many fields or a field name that is too long.");
        }

        return FindRefusal(form);
    }

    private static InputRefusal? FindRefusal(IFormCollection form) =>
        InputRulesMiddleware.FindRefusal(form, "(form field name)")
        ?? InputRulesMiddleware.FindRefusal(
            form.Files.Select(f => new KeyValuePair<string, StringValues>(f.Name, f.FileName)), "(form field name)");
}
