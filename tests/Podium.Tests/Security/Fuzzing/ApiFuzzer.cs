using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Podium.Tests.Security.Fuzzing;

/// <summary>An API caller: anonymous, or an access token and the scopes it carries (from <c>/api/v1/me</c>).</summary>
internal sealed record ApiCaller(string Name, HttpClient Client, IReadOnlySet<string> Scopes);

/// <summary>
/// The API side: every operation of the OpenAPI document, called as anonymous (when it allows that) and as the least
/// and the most privileged callers holding its scopes (a policy beyond the scopes, such as being a club officer, is
/// not in the document), with one parameter or body property wrong at a time (the others plausible, ids taken from
/// what the API itself lists), plus broken bodies, wrong content types and methods the path lacks.
/// </summary>
internal sealed class ApiFuzzer(FuzzRunner runner, FuzzSettings settings, DateOnly today, CancellationToken cancellationToken)
{
    private const int OversizedBodyBytes = 2 * 1024 * 1024;
    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private readonly ValuePool _pool = new();

    public int Operations { get; private set; }

    public int Fields { get; private set; }

    public int Lookups { get; private set; }

    public async Task FuzzAsync(ApiOperation operation, IReadOnlyList<ApiOperation> all, IReadOnlyList<ApiCaller> callers)
    {
        Operations++;
        var methods = all.Where(o => o.Path == operation.Path).Select(o => o.Method).ToHashSet();
        foreach (var caller in CallersOf(operation, callers))
        {
            var values = await ResolvePathAsync(operation, caller);
            foreach (var (field, mutation, build, refused) in Plan(operation, values, methods))
            {
                await runner.SendAsync(caller.Client, new FuzzCase(caller.Name, operation.ToString(), field, mutation, build, refused, SignedIn: caller != callers[0]), cancellationToken);
            }
        }
    }

    /// <summary>Anonymous when allowed; the least and the most privileged callers whose scopes meet one of the operation's requirements.</summary>
    private static IEnumerable<ApiCaller> CallersOf(ApiOperation operation, IReadOnlyList<ApiCaller> callers)
    {
        if (operation.AllowsAnonymous)
        {
            yield return callers[0];
        }

        var scoped = operation.Requirements?.Where(r => r.Count > 0).ToList() ?? [];
        if (scoped.Count == 0)
        {
            yield break;
        }

        var allowed = callers.Skip(1).Where(c => scoped.Any(r => r.All(c.Scopes.Contains))).ToList();
        foreach (var caller in allowed.Count == 0 ? [callers[^1]] : new[] { allowed[0], allowed[^1] }.Distinct())
        {
            yield return caller;
        }
    }

    private IEnumerable<(string Field, string Mutation, Func<HttpRequestMessage> Build, bool Refused)> Plan(
        ApiOperation operation, IReadOnlyDictionary<string, string> path, IReadOnlySet<string> methods)
    {
        var target = operation.ToString();
        var query = operation.Parameters.Where(p => p.In == "query" && p.Required).Select(p => (p.Name, WireValue.Of(Plausible(p.Kind, p.Name, p.FirstEnumValue, json: false)))).ToList();
        byte[]? body = operation.Body is null ? null : JsonBody(operation.Body);

        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            Fields++;
            var (aimed, others) = Mutations.ForSegment(parameter.Kind);
            foreach (var mutation in settings.Pick($"{target}|{parameter.Name}", aimed, others))
            {
                var values = new Dictionary<string, string>(path) { [parameter.Name] = mutation.Values[0].Text! };
                yield return (parameter.Name, mutation.Name, () => Request(operation.Method, operation.Path, values, query, body), false);
            }
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            Fields++;
            var (aimed, others) = Mutations.ForField(parameter.Kind, Plausible(parameter.Kind, parameter.Name, parameter.FirstEnumValue, json: false));
            foreach (var mutation in settings.Pick($"{target}|?{parameter.Name}", aimed, others))
            {
                var mutated = query.Where(q => q.Name != parameter.Name).Concat(mutation.Values.Select(v => (parameter.Name, v))).ToList();
                yield return ($"?{parameter.Name}", mutation.Name, () => Request(operation.Method, operation.Path, path, mutated, body), false);
            }
        }

        foreach (var property in operation.Body ?? [])
        {
            Fields++;
            var (aimed, others) = Mutations.ForJson(property.Kind);
            foreach (var mutation in settings.Pick($"{target}|{property.Name}", aimed, others))
            {
                var mutated = JsonBody(operation.Body!, property.Name, mutation);
                yield return ($"body.{property.Name}", mutation.Name, () => Request(operation.Method, operation.Path, path, query, mutated), false);
            }
        }

        if (body is not null)
        {
            var broken = new (string Name, Func<HttpContent?> Content)[]
            {
                ("no-body", () => null),
                ("text/plain", () => Bodies.Json(body, "text/plain")),
                ("form-encoded", () => Bodies.FormUrlEncoded([("fuzz", WireValue.Of("1"))])),
                ("not-json", () => Bodies.Json("fuzz"u8.ToArray())),
                ("json-array", () => Bodies.Json("[]"u8.ToArray())),
                ("json-null", () => Bodies.Json("null"u8.ToArray())),
                ("deep-nesting", () => Bodies.Json(Encoding.ASCII.GetBytes(new string('[', 10_000) + new string(']', 10_000)))),
                ("truncated", () => Bodies.Json(body[..^1])),
                ("too-large", () => Bodies.Json(Encoding.ASCII.GetBytes($"{{\"fuzz\":\"{new string('x', OversizedBodyBytes)}\"}}"))),
            };
            foreach (var (name, content) in broken)
            {
                yield return ("(body)", name, () => Request(operation.Method, operation.Path, path, query, content()), false);
            }
        }

        var unknown = AllMethods.Where(m => !methods.Contains(m)).ToList();
        foreach (var method in settings.Pick($"{target}|method", unknown, [], settings.Everything ? unknown.Count : 1))
        {
            yield return ("(operation)", $"unknown-method {method}", () => Request(method, operation.Path, path, query, body), true);
        }
    }

    private static HttpRequestMessage Request(string method, string template, IReadOnlyDictionary<string, string> path, IReadOnlyList<(string Name, WireValue Value)> query, byte[]? body) =>
        Request(method, template, path, query, body is null ? null : Bodies.Json(body));

    private static HttpRequestMessage Request(string method, string template, IReadOnlyDictionary<string, string> path, IReadOnlyList<(string Name, WireValue Value)> query, HttpContent? content)
    {
        var url = path.Aggregate(template, (u, p) => u.Replace($"{{{p.Key}}}", p.Value, StringComparison.Ordinal));
        if (query.Count > 0)
        {
            url += "?" + Bodies.Query(query);
        }

        return new HttpRequestMessage(new HttpMethod(method), FormFuzzer.Raw($"http://localhost{url}")) { Content = content };
    }

    /// <summary>A plausible body; with one property replaced by a mutation's value (or left out).</summary>
    private byte[] JsonBody(IReadOnlyList<ApiProperty> properties, string? replaced = null, Mutation? mutation = null)
    {
        var parts = new List<byte[]>();
        foreach (var property in properties)
        {
            var values = property.Name == replaced ? mutation!.Values : [WireValue.Of(Plausible(property.Kind, property.Name, property.FirstEnumValue, json: true))];
            parts.AddRange(values.Select(v => (byte[])[.. Encoding.UTF8.GetBytes($"{JsonSerializer.Serialize(property.Name)}:"), .. v.ToBytes()]));
        }

        return [(byte)'{', .. parts.SelectMany((p, i) => i == 0 ? p : [(byte)',', .. p]), (byte)'}'];
    }

    /// <summary>
    /// Values for the path's ids, found the way a client finds them: the collection above each id lists some
    /// (<c>/tournaments</c> for <c>/tournaments/{id}</c>). Without one, a value of the right type.
    /// </summary>
    private async Task<Dictionary<string, string>> ResolvePathAsync(ApiOperation operation, ApiCaller caller)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var at = operation.Path.IndexOf($"/{{{parameter.Name}}}", StringComparison.Ordinal);
            var collection = values.Aggregate(operation.Path[..at], (u, p) => u.Replace($"{{{p.Key}}}", p.Value, StringComparison.Ordinal));
            string? found = null;
            if (!collection.Contains('{', StringComparison.Ordinal))
            {
                using var response = await caller.Client.GetAsync(collection, cancellationToken);
                Lookups++;
                if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "application/json")
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                    _pool.Add(json.RootElement);
                    found = ValuePool.First(json.RootElement, parameter.Name) ?? ValuePool.First(json.RootElement, "id");
                }
            }

            values[parameter.Name] = found ?? _pool.Lookup(parameter.Name)?.Trim('"') ?? Plausible(parameter.Kind, parameter.Name, null, json: false);
        }

        return values;
    }

    private string Plausible(FieldKind kind, string name, string? firstEnum, bool json)
    {
        var text = firstEnum is not null ? firstEnum.Trim('"')
            : _pool.Lookup(name) is { } seen ? seen.Trim('"')
            : kind switch
            {
                FieldKind.Number when name.Contains("year", StringComparison.OrdinalIgnoreCase) || name.Contains("season", StringComparison.OrdinalIgnoreCase)
                    => today.Year.ToString(CultureInfo.InvariantCulture),
                FieldKind.Number => "1",
                FieldKind.Boolean => "false",
                FieldKind.Id => Mutations.UnknownGuid,
                FieldKind.Date => today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                FieldKind.DateTime => today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00:00Z",
                _ when name.Contains("email", StringComparison.OrdinalIgnoreCase) => "fuzz@example.org",
                _ => "Fuzz",
            };
        return !json || kind is FieldKind.Number or FieldKind.Boolean ? text : JsonSerializer.Serialize(text);
    }
}

/// <summary>Values the API has shown, by property name, to fill requests with ids that exist.</summary>
internal sealed class ValuePool
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public void Add(JsonElement element)
    {
        foreach (var (name, value) in Walk(element))
        {
            if (value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                _values.TryAdd(name, value.GetRawText());
            }
            else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.Object
                && value[0].TryGetProperty("id", out var id))
            {
                // "options": [{ "id": … }] answers for a property called optionId.
                _values.TryAdd($"{name.TrimEnd('s')}Id", id.GetRawText());
            }
        }
    }

    public string? Lookup(string name) => _values.GetValueOrDefault(name);

    /// <summary>The first value of a property of that name anywhere in the document (depth first).</summary>
    public static string? First(JsonElement element, string name) =>
        Walk(element).Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            .Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())
            .FirstOrDefault();

    private static IEnumerable<(string Name, JsonElement Value)> Walk(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                yield return (property.Name, property.Value);
                foreach (var inner in Walk(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in element.EnumerateArray().SelectMany(Walk))
            {
                yield return inner;
            }
        }
    }
}
