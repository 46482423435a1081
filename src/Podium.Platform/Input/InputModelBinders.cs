using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Input;

/// <summary>
/// Wraps the binder MVC would use for every <c>bool</c> and every date a page binds (form, query, route), so the
/// rules hold on every page without each page knowing them:
/// <list type="bullet">
/// <item>a bool that does not parse ("notabool" for a checkbox) keeps its field error, but not its raw value: the
/// checkbox tag helper converts that value to bool again to redraw the form, and threw (a 500 instead of the page);</item>
/// <item>a date outside <see cref="DateRules"/> is refused like one that does not parse: not bound, with the rule's
/// message as the field's error (remembered for <see cref="RefusedDateFilter"/>).</item>
/// </list>
/// </summary>
internal sealed class InputModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = context.Metadata.ModelType;
        var isBool = (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool);
        if (!isBool && !DateRules.Governs(type))
        {
            return null;
        }

        // The binder the rest of the providers would have chosen (MVC's date-time binder keeps its parsing rules).
        var providers = context.Services.GetRequiredService<IOptions<MvcOptions>>().Value.ModelBinderProviders;
        var inner = providers.Where(p => p is not InputModelBinderProvider).Select(p => p.GetBinder(context)).FirstOrDefault(b => b is not null);
        return inner is null ? null : isBool ? new RedrawableBoolBinder(inner) : new SaneDateBinder(inner);
    }

    private sealed class RedrawableBoolBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (!bindingContext.Result.IsModelSet && bindingContext.ModelState.TryGetValue(bindingContext.ModelName, out var entry) && entry.Errors.Count > 0)
            {
                // The error stays (the page can show it); without a raw value the checkbox is drawn from the model, unticked.
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, rawValue: null, entry.AttemptedValue);
            }
        }
    }

    private sealed class SaneDateBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result.IsModelSet && !DateRules.IsSaneValue(bindingContext.Result.Model))
            {
                bindingContext.Result = ModelBindingResult.Failed();
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, DateRules.Message);
                var attempted = bindingContext.ModelState[bindingContext.ModelName]?.AttemptedValue;
                RefusedDateFilter.Remember(bindingContext.HttpContext, bindingContext.ModelName, attempted);
            }
        }
    }
}

/// <summary>
/// Puts a refused date's message back when a page is drawn again without it. Many pages clear the binding errors and
/// let their editor word every message; the editor, seeing no date, would say "pick a date" to someone who picked
/// year 9999. The rule's message comes first, and the typed value is shown again beside it.
/// </summary>
internal sealed class RefusedDateFilter : IAsyncPageFilter
{
    private const string Item = "podium:refused-dates";

    public static void Remember(HttpContext context, string key, string? attempted)
    {
        if (context.Items[Item] is not List<(string Key, string? Attempted)> refused)
        {
            context.Items[Item] = refused = [];
        }

        refused.Add((key, attempted));
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is not (null or PageResult) || context.HttpContext.Items[Item] is not List<(string Key, string? Attempted)> refused)
        {
            return;
        }

        var modelState = executed.ModelState;
        foreach (var (key, attempted) in refused)
        {
            if (modelState.TryGetValue(key, out var entry) && entry.Errors.Any(e => e.ErrorMessage == DateRules.Message))
            {
                continue;
            }

            var others = entry?.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList() ?? [];
            modelState.Remove(key);
            modelState.SetModelValue(key, attempted, attempted);
            modelState.AddModelError(key, DateRules.Message);
            foreach (var other in others)
            {
                modelState.AddModelError(key, other);
            }
        }
    }
}
