using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Podium.Tests.Deploy;

/// <summary>The repository's deploy/ files, read from the source tree the tests were built from.</summary>
internal static class DeployFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Deploy => Path.Combine(RepositoryRoot, "deploy");

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));

    /// <summary>
    /// One YAML document as plain maps (string keys), lists and strings, with merge keys (<c>&lt;&lt;: *anchor</c>)
    /// applied as Compose applies them.
    /// </summary>
    public static Dictionary<string, object?> LoadYaml(string relativePath) => (Dictionary<string, object?>)Normalize(
        new DeserializerBuilder().Build().Deserialize(new MergingParser(new Parser(new StringReader(Read(relativePath)))))
        ?? throw new InvalidDataException($"{relativePath} is empty"))!;

    public static Dictionary<string, object?> Map(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is Dictionary<string, object?> child
            ? child
            : throw new KeyNotFoundException($"no map '{key}' (keys: {string.Join(", ", map.Keys)})");

    public static List<object?> List(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is List<object?> child
            ? child
            : throw new KeyNotFoundException($"no list '{key}' (keys: {string.Join(", ", map.Keys)})");

    public static string Text(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is string text
            ? text
            : throw new KeyNotFoundException($"no value '{key}' (keys: {string.Join(", ", map.Keys)})");

    public static IEnumerable<Dictionary<string, object?>> Maps(this List<object?> list) => list.Cast<Dictionary<string, object?>>();

    public static IEnumerable<string> Texts(this List<object?> list) => list.Cast<string>();

    private static object? Normalize(object? node) => node switch
    {
        IDictionary<object, object?> map => map.ToDictionary(e => (string)e.Key, e => Normalize(e.Value), StringComparer.Ordinal),
        IList<object?> list => list.Select(Normalize).ToList(),
        _ => node,
    };

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Podium.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (Podium.slnx) is not above the test output.");
    }
}
