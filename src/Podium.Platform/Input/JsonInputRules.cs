using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Podium.Platform.Input;

/// <summary>
/// The input rules for API bodies: once any object is read from JSON, its text properties (and lists of text) must meet
/// <see cref="TextRules"/> and its dates <see cref="DateRules"/>, or the read fails with an
/// <see cref="InputRefusedException"/> naming the property — the exception handler answers 400 with it in
/// <c>errors</c>. A type-info modifier rather than a converter for strings and dates: a custom converter hides the type
/// from the OpenAPI document, which would then describe every string and date as "anything".
/// </summary>
internal static class JsonInputRules
{
    public static void Apply(JsonSerializerOptions options) =>
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AddChecks);

    private static void AddChecks(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var checkedProperties = type.Properties.Where(p => p.Get is not null && IsGoverned(p.PropertyType)).ToArray();
        if (checkedProperties.Length == 0)
        {
            return;
        }

        var previous = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            foreach (var property in checkedProperties)
            {
                if (Refusal(property.Name, property.Get!(value)) is { } refusal)
                {
                    throw new InputRefusedException(refusal);
                }
            }

            previous?.Invoke(value);
        };
    }

    private static bool IsGoverned(Type type) =>
        type == typeof(string) || DateRules.Governs(type) || typeof(IEnumerable<string>).IsAssignableFrom(type);

    private static InputRefusal? Refusal(string field, object? value) => value switch
    {
        string text => TextRules.Problem(text) is { } problem ? new InputRefusal(field, problem) : null,
        IEnumerable<string?> texts => texts.Select(t => t is null ? null : TextRules.Problem(t)).FirstOrDefault(p => p is not null) is { } problem
            ? new InputRefusal(field, problem)
            : null,
        _ => DateRules.IsSaneValue(value) ? null : new InputRefusal(field, DateRules.Message),
    };
}
