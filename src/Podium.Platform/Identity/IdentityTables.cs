using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Platform.Identity;

// ASP.NET Core Identity's tables, renamed to the platform_ prefix every table of ours carries.

internal sealed class PodiumUserConfiguration : IEntityTypeConfiguration<PodiumUser>
{
    public void Configure(EntityTypeBuilder<PodiumUser> builder)
    {
        builder.ToTable("platform_users");
        // Identity names these indexes globally ("UserNameIndex"); SQLite index names share one namespace per database.
        builder.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ux_platform_users_normalized_user_name").IsUnique();
        builder.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_platform_users_normalized_email");
        builder.Property(u => u.DisplayName).HasMaxLength(PodiumUser.MaxDisplayNameLength);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
        builder.Ignore(u => u.Initials);
    }
}

internal sealed class PodiumRoleConfiguration : IEntityTypeConfiguration<PodiumRole>
{
    // Fixed ids and stamps: the roles are part of the schema, created by the migration on every provider.
    private static readonly (string Name, Guid Id)[] Seeded =
    [
        (Roles.Admin, new Guid("0193a000-0000-7000-8000-000000000001")),
        (Roles.Organizer, new Guid("0193a000-0000-7000-8000-000000000002")),
        (Roles.Member, new Guid("0193a000-0000-7000-8000-000000000003")),
    ];

    public void Configure(EntityTypeBuilder<PodiumRole> builder)
    {
        builder.ToTable("platform_roles");
        builder.HasIndex(r => r.NormalizedName).HasDatabaseName("ux_platform_roles_normalized_name").IsUnique();
        builder.HasData(Seeded.Select(r => new PodiumRole
        {
            Id = r.Id,
            Name = r.Name,
            NormalizedName = r.Name.ToUpperInvariant(),
            ConcurrencyStamp = r.Id.ToString("N"),
        }));
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> builder) => builder.ToTable("platform_user_roles");
}

internal sealed class UserClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> builder) => builder.ToTable("platform_user_claims");
}

internal sealed class UserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> builder) => builder.ToTable("platform_user_logins");
}

internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> builder) => builder.ToTable("platform_user_tokens");
}

internal sealed class RoleClaimConfiguration : IEntityTypeConfiguration<IdentityRoleClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> builder) => builder.ToTable("platform_role_claims");
}
