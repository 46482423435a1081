using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Architecture;

/// <summary>The rules of ARCHITECTURE.md that a compiler does not enforce.</summary>
public sealed partial class DependencyTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static readonly Assembly Platform = typeof(PodiumDbContext).Assembly;

    private static IEnumerable<Assembly> PodiumAssemblies()
    {
        var directory = AppContext.BaseDirectory;
        return Directory.GetFiles(directory, "Podium.*.dll")
            .Where(path => !Path.GetFileName(path).StartsWith("Podium.Tests", StringComparison.Ordinal))
            .Select(path => Assembly.Load(AssemblyName.GetAssemblyName(path)));
    }

    [Fact]
    public void Platform_NeverReferencesTheHostOrAModule()
    {
        Platform.GetReferencedAssemblies().Select(a => a.Name!)
            .ShouldNotContain(name => name == "Podium.Web" || name.StartsWith("Podium.Modules.", StringComparison.Ordinal));
    }

    [Fact]
    public void Modules_DependOnPlatformOnly()
    {
        var modules = PodiumAssemblies().Where(a => a.GetName().Name!.StartsWith("Podium.Modules.", StringComparison.Ordinal)).ToList();

        modules.ShouldNotBeEmpty();
        foreach (var module in modules)
        {
            // Platform or nothing of ours: never the host, never another module.
            module.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Podium.", StringComparison.Ordinal))
                .ShouldAllBe(n => n == "Podium.Platform", module.GetName().Name);
        }
    }

    [Fact]
    public void MigrationProjects_DependOnPlatformOnly()
    {
        foreach (var name in new[] { DatabaseSetup.SqliteMigrationsAssembly, DatabaseSetup.PostgresMigrationsAssembly })
        {
            var podiumReferences = Assembly.Load(name).GetReferencedAssemblies()
                .Select(a => a.Name!).Where(n => n.StartsWith("Podium.", StringComparison.Ordinal));
            podiumReferences.ShouldBe(["Podium.Platform"], name);
        }
    }

    [Fact]
    public void EntityConfigurations_AreInternalSealed()
    {
        var configurations = PodiumAssemblies()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)))
            .ToList();

        configurations.ShouldNotBeEmpty();
        configurations.ShouldAllBe(t => !t.IsPublic && t.IsSealed);
    }

    [Fact]
    public async Task Tables_AreSnakeCaseAndPrefixedByTheirModule()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();

        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().ToList();

        tables.ShouldNotBeEmpty();
        tables.ShouldAllBe(t => TableName().IsMatch(t));
    }

    [GeneratedRegex("^(platform|fights|pools|club|forecast)_[a-z0-9]+(_[a-z0-9]+)*$")]
    private static partial Regex TableName();
}
