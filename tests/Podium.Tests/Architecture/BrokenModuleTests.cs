using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Podium.Tests.Architecture.Broken.Domain;

namespace Podium.Tests.Architecture;

/// <summary>Each rule of <see cref="ModuleRules"/> fed a module that breaks it, and the same module mended: it must tell them apart.</summary>
public sealed class BrokenModuleTests
{
    [Fact]
    public void OneExportedType_WhenASecondTypeIsPublic_ReportsBoth()
    {
        ModuleRules.OneExportedType([typeof(Broken.BrokenModule), typeof(Broken.LeakedHelper)]).ShouldHaveSingleItem().ShouldContain("LeakedHelper");
        ModuleRules.OneExportedType([typeof(Broken.BrokenModule), typeof(Broken.InternalHelper)]).ShouldBeEmpty();
    }

    [Fact]
    public void EntityConfigurationsInternalSealed_WhenPublicOrOpen_ReportsIt()
    {
        ModuleRules.EntityConfigurationsInternalSealed([typeof(Broken.PublicConfiguration), typeof(Broken.OpenConfiguration)]).Count.ShouldBe(2);
        ModuleRules.EntityConfigurationsInternalSealed([typeof(Broken.SealedConfiguration)]).ShouldBeEmpty();
    }

    [Fact]
    public void DomainIsPlain_WhenDomainUsesEfCoreTheWebOrTheContext_ReportsEach()
    {
        ModuleRules.DomainIsPlain([typeof(StoredLake)]).ShouldContain(b => b.Contains("DbSet", StringComparison.Ordinal));
        ModuleRules.DomainIsPlain([typeof(WebLake)]).ShouldContain(b => b.Contains("HttpContext", StringComparison.Ordinal));
        ModuleRules.DomainIsPlain([typeof(SavingLake)]).ShouldContain(b => b.Contains("PodiumDbContext", StringComparison.Ordinal));
        ModuleRules.DomainIsPlain([typeof(PlainLake)]).ShouldBeEmpty();
    }

    [Fact]
    public void ManagePagesCarryTheModulePolicy_WhenAManagePageLacksIt_ReportsThatPage()
    {
        RouteEndpoint[] endpoints =
        [
            Page("broken/manage/open"),
            Page("broken/manage/admin-only", new AuthorizeAttribute("admin")),
            Page("broken/manage/guarded", new AuthorizeAttribute("broken-officer")),
            Page("broken/public"),
        ];

        ModuleRules.ManagePagesCarryTheModulePolicy("broken", endpoints).ShouldBe(
            ["/broken/manage/open is open to anyone without the module's policy", "/broken/manage/admin-only is open to anyone without the module's policy"]);
    }

    [Fact]
    public void LandingPageIsOutputCached_WhenTheLandingPageIsRenderedPerVisitor_ReportsIt()
    {
        RouteEndpoint[] rendered = [Page("broken", "/Index"), Page("broken/tips", "/Tips")];
        RouteEndpoint[] cached = [Page("broken", "/Index", new OutputCacheAttribute()), Page("broken/tips", "/Tips")];

        ModuleRules.LandingPageIsOutputCached("broken", rendered)
            .ShouldBe(["/broken is rendered for every visitor: declare the module's LandingPageTags"]);
        ModuleRules.LandingPageIsOutputCached("broken", cached).ShouldBeEmpty();
    }

    [Fact]
    public void PageModelsDoNotWrite_WhenAPageModelSavesOrDeletes_ReportsIt()
    {
        ModuleRules.PageModelsDoNotWrite([typeof(Broken.SavingPageModel), typeof(Broken.DeletingPageModel), typeof(Broken.ReadingPageModel)])
            .ShouldBe([typeof(Broken.DeletingPageModel).FullName!, typeof(Broken.SavingPageModel).FullName!]);
    }

    [Fact]
    public void NamesNoModule_WhenPlatformHoldsAModuleNameAsAnIdentifier_ReportsIt_ButNotAPlainWord()
    {
        ModuleRules.NamesNoModule([typeof(Broken.PlatformNamingAModule)], ["broken"]).Count.ShouldBe(2);
        ModuleRules.NamesNoModule([typeof(Broken.BrokenModule)], ["broken"]).ShouldHaveSingleItem().ShouldContain("type ");
        ModuleRules.NamesNoModule([typeof(Broken.PlatformWithAPlainWord)], ["broken"]).ShouldBeEmpty();
    }

    private static RouteEndpoint Page(string route, params object[] metadata) => Page(route, "/" + route, metadata);

    private static RouteEndpoint Page(string route, string viewEnginePath, params object[] metadata) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0,
            new EndpointMetadataCollection(metadata.Prepend(new PageActionDescriptor { AreaName = "Broken", ViewEnginePath = viewEnginePath })), route);
}
