using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Identity;
using Podium.Platform.Security;
using Podium.Tests.Deploy;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security;

/// <summary>
/// docs/API.md's scope table is what people read to decide which scopes to give a key; the catalogue is what the app
/// enforces. Both list every scope with the same roles, so neither can drift from the other unnoticed.
/// </summary>
public sealed partial class ApiScopeDocsTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    /// <summary>How the table's "who holds it" column begins, and the roles each wording means.</summary>
    private static readonly Dictionary<string, string[]> Holders = new(StringComparer.Ordinal)
    {
        ["every member"] = [Roles.Member, Roles.Organizer, Roles.Admin],
        ["organizers and administrators"] = [Roles.Organizer, Roles.Admin],
        ["administrators"] = [Roles.Admin],
    };

    [Fact]
    public void ScopeTable_ListsEveryScopeOfTheCatalogueWithTheRolesThatHoldIt()
    {
        var catalogue = fixture.App.Services.GetRequiredService<ApiScopeCatalog>().All
            .ToDictionary(s => s.Name, s => Sorted(s.Roles), StringComparer.Ordinal);

        var documented = DocumentedScopes();

        documented.Keys.Order(StringComparer.Ordinal).ShouldBe(catalogue.Keys.Order(StringComparer.Ordinal), "scopes in docs/API.md vs the catalogue");
        foreach (var (scope, roles) in catalogue)
        {
            documented[scope].ShouldBe(roles, $"docs/API.md on who holds {scope}");
        }
    }

    private static Dictionary<string, string> DocumentedScopes()
    {
        var table = ScopeTable().Match(DeployFiles.Read("docs/API.md"));
        table.Success.ShouldBeTrue("docs/API.md has no '| scope | who holds it |' table");
        var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in table.Groups["rows"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = row.Trim('|').Split('|', 2, StringSplitOptions.TrimEntries);
            var holder = Holders.Keys.Where(h => cells[1].StartsWith(h, StringComparison.Ordinal)).MaxBy(h => h.Length);
            holder.ShouldNotBeNull($"docs/API.md: '{cells[1]}' does not begin with one of: {string.Join(", ", Holders.Keys)}");
            foreach (var name in Code().Matches(cells[0]).Select(m => m.Groups["name"].Value))
            {
                scopes.TryAdd(name, Sorted(Holders[holder])).ShouldBeTrue($"docs/API.md lists {name} twice");
            }
        }

        return scopes;
    }

    private static string Sorted(IEnumerable<string> roles) => string.Join(", ", roles.Order(StringComparer.Ordinal));

    [GeneratedRegex(@"^\| scope \| who holds it \|\n\|---\|---\|\n(?<rows>(\|.*\n)+)", RegexOptions.Multiline)]
    private static partial Regex ScopeTable();

    [GeneratedRegex("`(?<name>[^`]+)`")]
    private static partial Regex Code();
}
