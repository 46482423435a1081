using System.Text.Json;
using System.Text.RegularExpressions;

namespace Podium.Tests.Deploy;

/// <summary>deploy/Dockerfile read as instructions (continuation lines joined, comments dropped).</summary>
internal sealed partial record Dockerfile(IReadOnlyList<(string Keyword, string Arguments)> Instructions)
{
    public static Dockerfile Load()
    {
        var instructions = new List<(string, string)>();
        var pending = "";
        foreach (var raw in DeployFiles.Read("deploy/Dockerfile").Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            pending += line.TrimEnd().TrimEnd('\\') + " ";
            if (line.TrimEnd().EndsWith('\\'))
            {
                continue;
            }

            if (pending.Trim().Length > 0)
            {
                var text = pending.Trim();
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                instructions.Add((text[..space].ToUpperInvariant(), text[(space + 1)..].Trim()));
            }

            pending = "";
        }

        return new Dockerfile(instructions);
    }

    /// <summary>Instructions of the final (runtime) stage.</summary>
    public IEnumerable<(string Keyword, string Arguments)> RuntimeStage =>
        Instructions.Skip(Instructions.Select((i, n) => (i, n)).Last(x => x.i.Keyword == "FROM").n);

    public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    /// <summary>The runtime stage's ENV values (<c>ENV A=1 B=2</c>), as the container starts with them.</summary>
    public Dictionary<string, string> RuntimeEnvironment() => RuntimeStage.Where(i => i.Keyword == "ENV")
        .SelectMany(i => EnvPair().Matches(i.Arguments))
        .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim('"'), StringComparer.Ordinal);

    /// <summary>An exec-form (JSON array) argument list, e.g. of ENTRYPOINT or HEALTHCHECK … CMD.</summary>
    public static string[] ExecForm(string arguments) =>
        JsonSerializer.Deserialize<string[]>(arguments[arguments.IndexOf('[', StringComparison.Ordinal)..])!;

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>""[^""]*""|\S+)")]
    private static partial Regex EnvPair();
}
