using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Podium.Platform.Data;

/// <summary>
/// Carries the module assemblies whose entity configurations join the model. It lives in the context options
/// (not in DI) so EF keys its service provider, and with it the cached model, on the set of modules: two hosts
/// with different modules in one process never share a model.
/// </summary>
internal sealed class ModelAssembliesExtension(IReadOnlyList<Assembly> assemblies) : IDbContextOptionsExtension
{
    public IReadOnlyList<Assembly> Assemblies { get; } = assemblies;

    public DbContextOptionsExtensionInfo Info => field ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(ModelAssembliesExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        private ModelAssembliesExtension Model => (ModelAssembliesExtension)Extension;

        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"ModelAssemblies={string.Join(',', Model.Assemblies.Select(a => a.GetName().Name))} ";

        public override int GetServiceProviderHashCode()
        {
            var hash = new HashCode();
            foreach (var assembly in Model.Assemblies)
            {
                hash.Add(assembly.FullName, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo info && info.Model.Assemblies.SequenceEqual(Model.Assemblies);

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["Podium:ModelAssemblies"] = GetServiceProviderHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
