using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Podium.Platform.Data;

// A module that breaks every rule of ModuleRules, next to the same parts done right; BrokenModuleTests feeds both.
namespace Podium.Tests.Architecture.Broken
{
    public static class BrokenModule;

    public sealed class LeakedHelper;

    internal sealed class InternalHelper;

    public sealed record BrokenLake(Guid Id);

    public sealed class PublicConfiguration : IEntityTypeConfiguration<BrokenLake>
    {
        public void Configure(EntityTypeBuilder<BrokenLake> builder) => builder.HasKey(l => l.Id);
    }

    internal class OpenConfiguration : IEntityTypeConfiguration<BrokenLake>
    {
        public void Configure(EntityTypeBuilder<BrokenLake> builder) => builder.HasKey(l => l.Id);
    }

    internal sealed class SealedConfiguration : IEntityTypeConfiguration<BrokenLake>
    {
        public void Configure(EntityTypeBuilder<BrokenLake> builder) => builder.HasKey(l => l.Id);
    }

    internal sealed class SavingPageModel(PodiumDbContext db) : PageModel
    {
        public async Task OnPostAsync()
        {
            db.Add(new BrokenLake(Guid.NewGuid()));
            await db.SaveChangesAsync();
        }
    }

    internal sealed class DeletingPageModel(PodiumDbContext db) : PageModel
    {
        public Task<int> OnPostAsync(Guid id) => db.Set<BrokenLake>().Where(l => l.Id == id).ExecuteDeleteAsync();
    }

    internal sealed class ReadingPageModel(PodiumDbContext db) : PageModel
    {
        public Task<int> OnGetAsync() => db.Set<BrokenLake>().CountAsync();
    }

    internal sealed class PlatformNamingAModule
    {
        public static string Scope => "broken:read";

        public static string Path() => "/broken/manage";
    }

    internal sealed class PlatformWithAPlainWord
    {
        public static string Help => "Nothing is broken here.";
    }
}

namespace Podium.Tests.Architecture.Broken.Domain
{
    internal sealed class StoredLake
    {
        public DbSet<BrokenLake>? Lakes { get; init; }
    }

    internal sealed class WebLake
    {
        public static string Where(Microsoft.AspNetCore.Http.HttpContext context) => context.Request.Path;
    }

    internal sealed class SavingLake
    {
        public static Task Save(PodiumDbContext db) => db.SaveChangesAsync();
    }

    internal sealed class PlainLake
    {
        public string Name { get; init; } = "";
    }
}
