using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Sample;
using Podium.Platform.Data;
using Podium.Platform.Modules;
using Podium.Tests.Infrastructure;
using Podium.Tests.Modules.Sample;
using Podium.Web;

namespace Podium.Tests.Architecture;

/// <summary>
/// The rules of <see cref="ModuleRules"/> over every module of the host's one list and the worked example (the Sample,
/// which the tests add as the host would), and over Platform.
/// </summary>
public sealed class ModuleArchitectureTests(SampleHostFixture fixture) : IClassFixture<SampleHostFixture>
{
    public static TheoryData<string> Modules => [.. TestModules.WithSample.Select(m => m.Assembly.GetName().Name!)];

    private static Type[] TypesOf(string module) => Assembly.Load(module).GetTypes();

    [Fact]
    public void ModuleList_NamesOnlyModuleAssemblies()
    {
        PodiumModules.All.ShouldNotBeEmpty();
        PodiumModules.All.ShouldAllBe(m => m.Assembly.GetName().Name!.StartsWith("Podium.Modules.", StringComparison.Ordinal));
    }

    [Fact]
    public void ModuleList_LeavesOutTheSample_WhichOnlyTheTestsAdd()
    {
        var sample = typeof(SampleModule).Assembly.GetName().Name;

        PodiumModules.All.ShouldNotContain(m => m.Assembly.GetName().Name == sample);
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
        var name = fixture.Host.Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Assembly.GetName().Name == module).Name;
        var endpoints = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        ModuleRules.ManagePagesCarryTheModulePolicy(name, endpoints).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_LandingPageIsOutputCachedForVisitors(string module)
    {
        var name = fixture.Host.Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Assembly.GetName().Name == module).Name;
        var endpoints = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        endpoints.ShouldContain(e => string.Equals(e.RoutePattern.RawText, name, StringComparison.OrdinalIgnoreCase), $"the module has no landing page at /{name}");
        ModuleRules.LandingPageIsOutputCached(name, endpoints).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_PageModelsDoNotWriteToTheDatabase(string module) =>
        ModuleRules.PageModelsDoNotWrite(TypesOf(module)).ShouldBeEmpty();

    [Fact]
    public void Platform_NamesNoModule()
    {
        // The test-only Sample module is left out: its name is an ordinary word Platform has its own use for (sample
        // data, a feed record's provenance), and the rule is about the product's modules, which the app is built with.
        var modules = fixture.Host.Services.GetRequiredService<ModuleCatalog>().Modules
            .Where(m => m.Assembly != typeof(Podium.Modules.Sample.SampleModule).Assembly)
            .Select(m => m.Name);

        ModuleRules.NamesNoModule(typeof(PodiumDbContext).Assembly.GetTypes(), modules).ShouldBeEmpty();
    }
}
