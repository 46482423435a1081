namespace Podium.Modules.Club;

/// <summary>Field name → what is wrong with it, in words an officer understands.</summary>
internal sealed record EditResult<T>(T? Value, IReadOnlyDictionary<string, string> Errors)
    where T : class
{
    public bool Succeeded => Errors.Count == 0;

    public static EditResult<T> Ok(T value) => new(value, new Dictionary<string, string>());

    public static EditResult<T> Fail(IReadOnlyDictionary<string, string> errors) => new(null, errors);

    public static EditResult<T> Fail(string field, string message) => new(null, new Dictionary<string, string> { [field] = message });
}

internal static class EditErrors
{
    /// <summary>Shows an editor's field errors next to the page's inputs (<c>Input.Title</c>); "" is about the whole form.</summary>
    public static void CopyTo(this IReadOnlyDictionary<string, string> errors, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string prefix)
    {
        foreach (var (field, message) in errors)
        {
            state.AddModelError(field.Length == 0 ? "" : $"{prefix}.{field}", message);
        }
    }
}
