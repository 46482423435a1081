using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Podium.Platform.Caching;
using Podium.Platform.Settings;

namespace Podium.Platform.Modules;

/// <summary>
/// The page conventions every module gets from its registration rather than writing them itself: the pages of its
/// area's <c>Manage</c> folder require its <see cref="PodiumModule.ManagePolicy"/>, and its landing page is
/// output-cached for anonymous visitors under its <see cref="PodiumModule.LandingPageTags"/>.
/// </summary>
/// <remarks>
/// A post-configuration: modules are added before the host's <c>AddRazorPages</c>, whose options setup starts a new
/// convention list and would drop a convention added by a plain <c>Configure</c> (the manage pages were once open to
/// everyone that way).
/// </remarks>
internal sealed class ModulePageConventions(IEnumerable<PodiumModule> modules) : IPostConfigureOptions<RazorPagesOptions>
{
    private const string ManageFolder = "/Manage/";
    private const string LandingPage = "/Index";

    public void PostConfigure(string? name, RazorPagesOptions options)
    {
        options.Conventions.Add(new ManageFolderConvention([.. modules.Where(m => m.ManagePolicy is not null)]));
        options.Conventions.Add(new LandingPageConvention([.. modules.Where(m => m.LandingPageTags is not null)]));
    }

    private static PodiumModule? ModuleOf(IEnumerable<PodiumModule> modules, PageApplicationModel model) =>
        // The area is the folder's name (Areas/Club), the module's name its lower-case form (club): compared without
        // case, so a module cannot lose its convention to a capital letter.
        modules.FirstOrDefault(m => string.Equals(m.Name, model.AreaName, StringComparison.OrdinalIgnoreCase));

    private sealed class ManageFolderConvention(IReadOnlyList<PodiumModule> modules) : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            if (ModuleOf(modules, model) is { } module && model.ViewEnginePath.StartsWith(ManageFolder, StringComparison.OrdinalIgnoreCase))
            {
                model.EndpointMetadata.Add(new AuthorizeAttribute(module.ManagePolicy!));
            }
        }
    }

    /// <summary>
    /// The same <see cref="OutputCacheAttribute"/> a page could carry itself, so the layout sees it and leaves out the
    /// antiforgery token (and its cookie) for anonymous visitors: a stored page holds nothing personal. The site's
    /// settings tag is added because the layout shows the site's name.
    /// </summary>
    private sealed class LandingPageConvention(IReadOnlyList<PodiumModule> modules) : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            if (ModuleOf(modules, model) is { } module
                && string.Equals(model.ViewEnginePath, LandingPage, StringComparison.OrdinalIgnoreCase)
                && !model.EndpointMetadata.OfType<OutputCacheAttribute>().Any())
            {
                model.EndpointMetadata.Add(new OutputCacheAttribute
                {
                    PolicyName = CachePolicies.PublicPage,
                    Tags = [.. module.LandingPageTags!, SettingsStore.CacheTag],
                });
            }
        }
    }
}
