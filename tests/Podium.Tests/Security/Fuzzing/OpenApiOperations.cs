using System.Text.Json;

namespace Podium.Tests.Security.Fuzzing;

internal sealed record ApiParameter(string Name, string In, bool Required, FieldKind Kind, string? FirstEnumValue);

internal sealed record ApiProperty(string Name, FieldKind Kind, string? FirstEnumValue);

/// <summary>
/// One operation of the OpenAPI document. <see cref="Requirements"/>: the scopes of each alternative way to call it
/// (an empty one: anonymous callers too); null when it names none.
/// </summary>
internal sealed record ApiOperation(
    string Method, string Path, IReadOnlyList<ApiParameter> Parameters, IReadOnlyList<ApiProperty>? Body, IReadOnlyList<IReadOnlyList<string>>? Requirements)
{
    public bool AllowsAnonymous => Requirements is null || Requirements.Any(r => r.Count == 0);

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Reads the operations, their parameters and JSON bodies from the running app's own document.</summary>
internal static class OpenApiOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static IReadOnlyList<ApiOperation> Read(JsonElement document)
    {
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var common) ? common.EnumerateArray().ToList() : [];
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                var operation = method.Value;
                var parameters = shared.Concat(operation.TryGetProperty("parameters", out var own) ? own.EnumerateArray() : [])
                    .Select(p => Resolve(document, p))
                    .Select(p => new ApiParameter(
                        p.GetProperty("name").GetString()!,
                        p.GetProperty("in").GetString()!,
                        p.TryGetProperty("required", out var required) && required.GetBoolean(),
                        KindOf(document, p.TryGetProperty("schema", out var s) ? s : default),
                        FirstEnum(document, p.TryGetProperty("schema", out var e) ? e : default)))
                    .ToList();
                operations.Add(new ApiOperation(method.Name.ToUpperInvariant(), path.Name, parameters, Body(document, operation), Requirements(document, operation)));
            }
        }

        return operations;
    }

    private static List<ApiProperty>? Body(JsonElement document, JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !Resolve(document, body).GetProperty("content").TryGetProperty("application/json", out var json))
        {
            return null;
        }

        var schema = Resolve(document, json.GetProperty("schema"));
        return schema.TryGetProperty("properties", out var properties)
            ? [.. properties.EnumerateObject().Select(p => new ApiProperty(p.Name, KindOf(document, p.Value), FirstEnum(document, p.Value)))]
            : [];
    }

    private static List<IReadOnlyList<string>>? Requirements(JsonElement document, JsonElement operation)
    {
        if (!operation.TryGetProperty("security", out var security) && !document.TryGetProperty("security", out security))
        {
            return null;
        }

        return [.. security.EnumerateArray().Select(r => (IReadOnlyList<string>)[.. r.EnumerateObject().SelectMany(s => s.Value.EnumerateArray()).Select(v => v.GetString()!).Distinct()])];
    }

    private static FieldKind KindOf(JsonElement document, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return FieldKind.Text;
        }

        schema = Resolve(document, schema);
        if (schema.TryGetProperty("enum", out _))
        {
            return FieldKind.Choice;
        }

        foreach (var alternative in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(alternative, out var options))
            {
                return options.EnumerateArray().Select(o => KindOf(document, o)).FirstOrDefault(k => k != FieldKind.Text, FieldKind.Text);
            }
        }

        var type = !schema.TryGetProperty("type", out var t) ? null
            : t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null")
            : t.GetString();
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return (type, format) switch
        {
            ("integer" or "number", _) => FieldKind.Number,
            ("boolean", _) => FieldKind.Boolean,
            ("string", "uuid") => FieldKind.Id,
            ("string", "date-time") => FieldKind.DateTime,
            ("string", "date") => FieldKind.Date,
            ("string", "time") => FieldKind.Time,
            _ => FieldKind.Text,
        };
    }

    private static string? FirstEnum(JsonElement document, JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && Resolve(document, schema).TryGetProperty("enum", out var values) && values.GetArrayLength() > 0
            ? values[0].GetRawText()
            : null;

    private static JsonElement Resolve(JsonElement document, JsonElement element)
    {
        while (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference))
        {
            element = reference.GetString()!.TrimStart('#', '/').Split('/').Aggregate(document, (node, name) => node.GetProperty(name.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));
        }

        return element;
    }
}
