using Microsoft.EntityFrameworkCore;

namespace Podium.Platform.Data;

/// <summary>
/// The one context of the application. Its model is Platform's configurations plus those of every module
/// assembly registered with <see cref="ModelAssembliesExtension"/>, so modules never touch this class.
/// </summary>
public class PodiumDbContext(DbContextOptions<PodiumDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PodiumDbContext).Assembly);
        var modules = options.FindExtension<ModelAssembliesExtension>();
        if (modules is null)
        {
            return;
        }

        foreach (var assembly in modules.Assemblies)
        {
            modelBuilder.ApplyConfigurationsFromAssembly(assembly);
        }
    }
}
