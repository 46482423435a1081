using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;

namespace Podium.Platform.Security;

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder) => builder.ToTable("platform_data_protection_keys");
}

internal static class DataProtectionKeys
{
    /// <summary>
    /// Keys live in the database, not in a home directory: every instance (and a restarted container) reads the same
    /// ring, so sign-in cookies, antiforgery and e-mailed tokens stay valid across instances and deploys.
    /// </summary>
    public static IServiceCollection AddPodiumDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName("Podium")
            .PersistKeysToDbContext<PodiumDbContext>();
        return services;
    }
}
