using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Identity;

namespace Podium.Platform.Data;

/// <summary>
/// The one context of the application. Its model is Platform's configurations plus those of every module
/// assembly registered with <see cref="ModelAssembliesExtension"/>, so modules never touch this class.
/// ASP.NET Core Identity's tables live here too (renamed with the platform_ prefix).
/// </summary>
public class PodiumDbContext(DbContextOptions<PodiumDbContext> options)
    : IdentityDbContext<PodiumUser, PodiumRole, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect cookies and tokens, shared by every instance (so a cookie from one works on all).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Conventions.Add(_ => new GuidKeysSetInCodeConvention());
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PodiumDbContext).Assembly);
        var modules = options.FindExtension<ModelAssembliesExtension>();
        if (modules is null)
        {
            return;
        }

        // A module's first slices may have no tables (pure rules and tools); EF would warn about it on every start and in
        // every command's output.
        foreach (var assembly in modules.Assemblies.Where(DeclaresEntities))
        {
            modelBuilder.ApplyConfigurationsFromAssembly(assembly);
        }
    }

    private static bool DeclaresEntities(System.Reflection.Assembly assembly) =>
        assembly.GetTypes().Any(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }
            && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)));
}
