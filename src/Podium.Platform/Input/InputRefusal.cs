using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Podium.Platform.Input;

/// <summary>A value the input rules refused: the field (form field, query or route name, JSON property) and why.</summary>
internal sealed record InputRefusal(string Field, string Reason);

/// <summary>
/// Thrown while reading a JSON body whose value breaks an input rule. A <see cref="JsonException"/>, so whatever reads
/// JSON treats it as the malformed input it is (minimal APIs answer 400); the exception handler then names the field.
/// </summary>
internal sealed class InputRefusedException : JsonException
{
    public InputRefusedException(InputRefusal refusal)
        : base($"{refusal.Field}: {refusal.Reason}") => Refusal = refusal;

    public InputRefusal Refusal { get; }
}

internal static class InputRefusalExtensions
{
    private const string Item = "podium:input-refused";

    /// <summary>The refusal that turned this request away, for the error page to say what was wrong with it.</summary>
    public static InputRefusal? RefusedInput(this HttpContext context) => context.Items.TryGetValue(Item, out var value) ? value as InputRefusal : null;

    internal static void MarkRefused(this HttpContext context, InputRefusal refusal) => context.Items[Item] = refusal;
}
