using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Modules;

/// <summary>
/// The page conventions every module gets from its registration rather than writing them itself: the pages of its
/// area's <c>Manage</c> folder require its <see cref="PodiumModule.ManagePolicy"/>.
/// </summary>
/// <remarks>
/// A post-configuration: modules are added before the host's <c>AddRazorPages</c>, whose options setup starts a new
/// convention list and would drop a convention added by a plain <c>Configure</c> (the manage pages were once open to
/// everyone that way).
/// </remarks>
internal sealed class ModulePageConventions(IEnumerable<PodiumModule> modules) : IPostConfigureOptions<RazorPagesOptions>
{
    private const string ManageFolder = "/Manage/";

    public void PostConfigure(string? name, RazorPagesOptions options) =>
        options.Conventions.Add(new ManageFolderConvention([.. modules.Where(m => m.ManagePolicy is not null)]));

    private sealed class ManageFolderConvention(IReadOnlyList<PodiumModule> modules) : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            // The area is the folder's name (Areas/Club), the module's name its lower-case form (club): compared
            // without case, so a module cannot lose its policy to a capital letter.
            var module = modules.FirstOrDefault(m => string.Equals(m.Name, model.AreaName, StringComparison.OrdinalIgnoreCase));
            if (module is not null && model.ViewEnginePath.StartsWith(ManageFolder, StringComparison.OrdinalIgnoreCase))
            {
                model.EndpointMetadata.Add(new AuthorizeAttribute(module.ManagePolicy!));
            }
        }
    }
}
