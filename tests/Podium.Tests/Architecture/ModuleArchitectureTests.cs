using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Modules;
using Podium.Tests.Infrastructure;
using Podium.Web;

namespace Podium.Tests.Architecture;

/// <summary>The rules of <see cref="ModuleRules"/> over every module of the host's one list, and over Platform.</summary>
public sealed class ModuleArchitectureTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    public static TheoryData<string> Modules => [.. PodiumModules.All.Select(m => m.Assembly.GetName().Name!)];

    private static Type[] TypesOf(string module) => Assembly.Load(module).GetTypes();

    [Fact]
    public void ModuleList_NamesOnlyModuleAssemblies()
    {
        PodiumModules.All.ShouldNotBeEmpty();
        PodiumModules.All.ShouldAllBe(m => m.Assembly.GetName().Name!.StartsWith("Podium.Modules.", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_ExportsOnlyItsAddAndMapClass(string module) =>
        ModuleRules.OneExportedType(TypesOf(module)).ShouldBeEmpty();

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_EntityConfigurationsAreInternalSealed(string module) =>
        ModuleRules.EntityConfigurationsInternalSealed(TypesOf(module)).ShouldBeEmpty();

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_DomainReferencesNoStorageOrWeb(string module) =>
        ModuleRules.DomainIsPlain(TypesOf(module)).ShouldBeEmpty();

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_ManagePagesCarryItsPolicy(string module)
    {
        var name = fixture.App.Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Assembly.GetName().Name == module).Name;
        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        ModuleRules.ManagePagesCarryTheModulePolicy(name, endpoints).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_PageModelsDoNotWriteToTheDatabase(string module) =>
        ModuleRules.PageModelsDoNotWrite(TypesOf(module)).ShouldBeEmpty();

    [Fact]
    public void Platform_NamesNoModule()
    {
        var modules = fixture.App.Services.GetRequiredService<ModuleCatalog>().Modules.Select(m => m.Name);

        ModuleRules.NamesNoModule(typeof(PodiumDbContext).Assembly.GetTypes(), modules).ShouldBeEmpty();
    }
}
