using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Podium.Platform.Modules.Commands;

/// <summary>A failure that is about no field: the thing is not there (404), or its state forbids the change (409).</summary>
public sealed record CommandProblem(int Status, string Title, string Detail)
{
    /// <summary>
    /// The Problem Details <c>type</c> of a write refused because what it changes has locked (a pick after kickoff): a
    /// client tells it from other conflicts by this URI, which never changes, and reads the instant from <c>lockedAt</c>.
    /// </summary>
    public const string LockedType = "urn:podium:problem:locked";

    /// <summary>The Problem Details <c>type</c>; null is <c>about:blank</c> (the status says it all).</summary>
    public string? Type { get; init; }

    /// <summary>Members added to the Problem Details body, for a client to act on without parsing the detail.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static CommandProblem NotFound(string title, string detail) => new(StatusCodes.Status404NotFound, title, detail);

    public static CommandProblem Forbidden(string title, string detail) => new(StatusCodes.Status403Forbidden, title, detail);

    public static CommandProblem Conflict(string title, string detail) => new(StatusCodes.Status409Conflict, title, detail);

    /// <summary>A 409 of <see cref="LockedType"/>, with the lock instant (UTC) as <c>lockedAt</c>.</summary>
    public static CommandProblem Locked(DateTime lockedAt, string detail)
    {
        if (lockedAt.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("A lock instant is UTC.", nameof(lockedAt));
        }

        return new(StatusCodes.Status409Conflict, "Locked", detail)
        {
            Type = LockedType,
            Extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["lockedAt"] = lockedAt },
        };
    }

    /// <summary>As RFC 9457 Problem Details, with this status, title, detail, type and extensions.</summary>
    public ProblemHttpResult ToProblem() => TypedResults.Problem(
        statusCode: Status,
        title: Title,
        detail: Detail,
        type: Type,
        extensions: Extensions?.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
}

/// <summary>
/// What a command that changes data returns: its value, field errors (field name → messages in words the user
/// understands; the field "" is about the whole form), or a <see cref="CommandProblem"/>. The API maps it with
/// <see cref="ToProblem{TSuccess}"/> and pages with <see cref="AddTo(ModelStateDictionary, string)"/>, so a rule written
/// once in the handler reads the same in both and neither keeps its own mapping.
/// </summary>
public sealed class CommandResult<T>
{
    private static readonly Dictionary<string, string[]> NoErrors = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string[]> _errors;

    private CommandResult(T? value, Dictionary<string, string[]> errors, CommandProblem? problem) =>
        (Value, _errors, Problem) = (value, errors, problem);

    /// <summary>The command's result; set only when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    public CommandProblem? Problem { get; }

    public bool Succeeded => Problem is null && _errors.Count == 0;

    public static CommandResult<T> Ok(T value) => new(value, NoErrors, null);

    public static CommandResult<T> Invalid(string field, string message) =>
        new(default, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, null);

    public static CommandResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(default, Checked(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)), null);

    public static CommandResult<T> Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(default, Checked(errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal)), null);

    public static CommandResult<T> Failed(CommandProblem problem) => new(default, NoErrors, problem);

    public static CommandResult<T> NotFound(string title, string detail) => Failed(CommandProblem.NotFound(title, detail));

    public static CommandResult<T> Conflict(string title, string detail) => Failed(CommandProblem.Conflict(title, detail));

    public static CommandResult<T> Forbidden(string title, string detail) => Failed(CommandProblem.Forbidden(title, detail));

    public static CommandResult<T> Locked(DateTime lockedAt, string detail) => Failed(CommandProblem.Locked(lockedAt, detail));

    /// <summary>
    /// The failure as RFC 9457 Problem Details: field errors are a 400 with an <c>errors</c> object (as
    /// <see cref="TypedResults.ValidationProblem"/> writes it), a problem its own status with its title and detail.
    /// <typeparamref name="TSuccess"/> is the endpoint's success result, so the endpoint keeps its typed signature.
    /// </summary>
    public Results<TSuccess, ValidationProblem, ProblemHttpResult> ToProblem<TSuccess>()
        where TSuccess : IResult
    {
        if (Problem is { } problem)
        {
            return problem.ToProblem();
        }

        return _errors.Count > 0
            ? TypedResults.ValidationProblem(_errors)
            : throw new InvalidOperationException("A result that succeeded is no problem to report.");
    }

    /// <summary>
    /// Shows the field errors next to a page's inputs bound under <paramref name="prefix"/> (<c>Input.Title</c>); the
    /// field "" goes to the form's summary.
    /// </summary>
    public void AddTo(ModelStateDictionary state, string prefix) => AddTo(state, field => Key(prefix, field));

    /// <summary>
    /// As <see cref="AddTo(ModelStateDictionary, string)"/> for a form whose names differ from the command's: a field
    /// that names a property of <typeparamref name="TForm"/> (in any case, as the API spells it) goes next to that
    /// input; any other is about the whole form, since the page has nowhere else to show it.
    /// </summary>
    public void AddTo<TForm>(ModelStateDictionary state, string prefix) =>
        AddTo(state, field => FormFields<TForm>.Names.TryGetValue(field, out var property) ? Key(prefix, property) : "");

    /// <summary>
    /// Shows the field errors under the names <paramref name="key"/> gives them, for a page whose one input takes
    /// what the command calls by another name; the field "" still goes to the form's summary.
    /// </summary>
    public void AddTo(ModelStateDictionary state, Func<string, string> key)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(key);
        foreach (var (field, messages) in _errors)
        {
            foreach (var message in messages)
            {
                state.AddModelError(field.Length == 0 ? "" : key(field), message);
            }
        }
    }

    /// <summary>A page that binds its inputs without a prefix ("") names them as the command does.</summary>
    private static string Key(string prefix, string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";

    private static Dictionary<string, string[]> Checked(Dictionary<string, string[]> errors) =>
        errors.Count > 0 ? errors : throw new ArgumentException("A failed command names at least one error.", nameof(errors));

    private static class FormFields<TForm>
    {
        public static readonly Dictionary<string, string> Names = typeof(TForm)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => p.Name, p => p.Name, StringComparer.OrdinalIgnoreCase);
    }
}
