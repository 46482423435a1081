using Microsoft.AspNetCore.Mvc.ModelBinding;
using Podium.Platform.Modules.Commands;

namespace Podium.Modules.Fights.Areas.Fights.Pages;

internal static class FightsForms
{
    /// <summary>A failed command on a page: field errors next to their inputs, a refusal (404, 403, 409, 429) in the form's summary.</summary>
    public static void Show<T>(this CommandResult<T> failed, ModelStateDictionary state, Func<string, string> key)
    {
        if (failed.Problem is { } problem)
        {
            state.AddModelError("", problem.Detail);
        }
        else
        {
            failed.AddTo(state, key);
        }
    }
}
