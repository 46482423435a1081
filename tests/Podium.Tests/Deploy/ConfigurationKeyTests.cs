using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Podium.Tests.Deploy;

/// <summary>
/// Every <c>Podium__…</c> and <c>ConnectionStrings__…</c> variable that compose, the Kubernetes manifests, README.md and
/// docs/DEPLOYMENT.md give is a key the app reads: an options class's <c>SectionName</c> plus a property path, or a
/// connection string name a <c>…ConnectionStringName</c> constant declares. A misspelt variable is otherwise ignored
/// without a word.
/// </summary>
public sealed partial class ConfigurationKeyTests
{
    /// <summary>
    /// Keys agreed between the capabilities' engineers whose options classes are not in this build yet. Each is
    /// accepted only while nothing binds its section; once the capability's options class is in, the key must match
    /// it exactly like every other.
    /// </summary>
    private static readonly Assembly[] PodiumAssemblies = Directory.GetFiles(AppContext.BaseDirectory, "Podium.*.dll")
        .Where(f => !Path.GetFileName(f).StartsWith("Podium.Tests", StringComparison.Ordinal))
        .Select(f => Assembly.Load(AssemblyName.GetAssemblyName(f)))
        .ToArray();

    public static TheoryData<string, string> DeployedVariables()
    {
        var data = new TheoryData<string, string>();
        var compose = DeployFiles.LoadYaml("deploy/compose.yaml").Map("services");
        foreach (var service in new[] { "migrate", "app1", "app2" })
        {
            foreach (var name in compose.Map(service).Map("environment").Keys)
            {
                data.Add($"compose {service}", name);
            }
        }

        foreach (var name in DeployFiles.LoadYaml("deploy/k8s/configmap.yaml").Map("data").Keys)
        {
            data.Add("k8s configmap", name);
        }

        foreach (var name in DeployFiles.LoadYaml("deploy/k8s/secret.yaml").Map("stringData").Keys)
        {
            data.Add("k8s secret", name);
        }

        foreach (var document in new[] { "docs/DEPLOYMENT.md", "README.md" })
        {
            foreach (var name in SettingInDocs().Matches(DeployFiles.Read(document)).Select(m => m.Value).Distinct())
            {
                data.Add(document, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DeployedVariables))]
    public void Variable_NamesAKeyTheAppReads(string source, string variable)
    {
        if (!variable.StartsWith("Podium__", StringComparison.Ordinal) && !variable.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
        {
            // ASPNETCORE_*, OTEL_* and the like belong to ASP.NET Core and OpenTelemetry, not to Podium's options.
            return;
        }

        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        var known = KnownKeys();

        var matches = known.Any(k => Matches(k, key));
        matches.ShouldBeTrue($"{source} sets {variable}, but no options class or connection string of the app reads '{key}'");
    }

    [Fact]
    public void KnownKeys_ComeFromTheOptionsClasses()
    {
        var known = KnownKeys();

        known.ShouldContain("Podium:Database:Provider");
        known.ShouldContain("Podium:PublicUrl");
        known.ShouldContain("Podium:Email:SmtpHost");
        known.ShouldContain("Podium:Http:MaxRequestBodyBytes");
        known.ShouldContain("ConnectionStrings:Podium");
        DeployedVariables().Count.ShouldBeGreaterThan(20);
    }

    private static HashSet<string> KnownKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in PodiumAssemblies.SelectMany(a => a.GetTypes()))
        {
            var fields = type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string));
            foreach (var field in fields)
            {
                if (field.Name == "SectionName")
                {
                    AddProperties(keys, (string)field.GetRawConstantValue()!, type, depth: 0);
                }
                else if (field.Name.EndsWith("ConnectionStringName", StringComparison.Ordinal))
                {
                    keys.Add($"ConnectionStrings:{field.GetRawConstantValue()}");
                }
            }
        }

        return keys;
    }

    private static void AddProperties(HashSet<string> keys, string prefix, Type type, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsLeaf(propertyType))
            {
                if (property.CanWrite)
                {
                    keys.Add(key);
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                // Lists bind index by index (…__0, …__1), dictionaries key by key.
                var element = propertyType.IsArray ? propertyType.GetElementType()! : propertyType.GetGenericArguments().LastOrDefault() ?? typeof(string);
                if (IsLeaf(Nullable.GetUnderlyingType(element) ?? element))
                {
                    keys.Add($"{key}:*");
                }
                else if (depth < 4)
                {
                    AddProperties(keys, $"{key}:*", element, depth + 1);
                }
            }
            else if (depth < 4)
            {
                AddProperties(keys, key, propertyType, depth + 1);
            }
        }
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
        || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(Guid);

    private static bool Matches(string pattern, string key)
    {
        var patternParts = pattern.Split(':');
        var keyParts = key.Split(':');
        // A list named as a whole (`…AllowedNetworks` for `…AllowedNetworks__0`) names it too.
        if (patternParts[^1] == "*" && keyParts.Length == patternParts.Length - 1)
        {
            patternParts = patternParts[..^1];
        }

        return patternParts.Length == keyParts.Length
            && patternParts.Zip(keyParts).All(p => p.First == "*" || p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"\b(Podium|ConnectionStrings)__[A-Za-z0-9_]*[A-Za-z0-9]")]
    private static partial Regex SettingInDocs();
}
