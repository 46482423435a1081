using System.Text.Json;

namespace Podium.Platform.Api;

/// <summary>
/// How an enum value is spelled on the wire: its member's name in camelCase (<c>koTko</c>, <c>lightHeavyweight</c>,
/// <c>open</c>, <c>a</c>), the casing JSON property names already have, so every module's JSON reads alike. Reads take
/// any case, but only names: a number ("3"), a combination ("a,b") or a value the enum does not define is unknown,
/// which a caller turns into a field error rather than an exception.
/// </summary>
public static class ApiEnums
{
    /// <summary>The value as the API writes it. An undefined value is a bug of the caller, never data to send.</summary>
    public static string ToApiName<T>(this T value)
        where T : struct, Enum =>
        Spelling<T>.Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no member {value}.");

    /// <summary>The member named <paramref name="text"/> (any case); false for null, blanks, numbers and unknown names.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return text is not null && Spelling<T>.Values.TryGetValue(text, out value);
    }

    /// <summary>Every accepted value in the enum's order, for error messages and documentation: "upcoming or past".</summary>
    public static string Choices<T>()
        where T : struct, Enum
    {
        var names = Spelling<T>.Ordered;
        return names.Length switch
        {
            0 => "",
            1 => names[0],
            _ => $"{string.Join(", ", names[..^1])} or {names[^1]}",
        };
    }

    private static class Spelling<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Names = [];

        public static readonly Dictionary<string, T> Values = new(StringComparer.OrdinalIgnoreCase);

        public static readonly string[] Ordered;

        static Spelling()
        {
            var ordered = new List<string>();
            foreach (var member in Enum.GetNames<T>())
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(member);
                var value = Enum.Parse<T>(member);

                // Two members named alike but for case would read back as one: refuse the enum rather than guess.
                if (!Values.TryAdd(name, value))
                {
                    throw new InvalidOperationException($"{typeof(T).Name} has members whose names differ only by case ({name}); the API cannot tell them apart.");
                }

                // An alias (two names for one value) writes as the first name and reads from both.
                if (Names.TryAdd(value, name))
                {
                    ordered.Add(name);
                }
            }

            Ordered = [.. ordered];
        }
    }
}
