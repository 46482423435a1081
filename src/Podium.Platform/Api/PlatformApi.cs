using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Podium.Platform.Modules;
using Podium.Platform.Observability;
using Podium.Platform.Settings;

namespace Podium.Platform.Api;

public sealed record ModuleSummary(string Name, string Title, string Path);

public sealed record PlatformInfo(string Name, string? Tagline, string Version, DateTime ServerTimeUtc, IReadOnlyList<ModuleSummary> Modules);

internal static class PlatformApi
{
    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder endpoints)
    {
        // Public by design: the name, version, clock and module list of a server are what its home page shows.
        var api = endpoints.MapGroup("/api/v1/platform").WithTags("Platform").AllowAnonymous();
        api.MapGet("/info", GetInfo)
            .WithName("GetPlatformInfo")
            .WithSummary("What this Podium server is: its name, version, clock and modules.");
        return endpoints;
    }

    internal static async Task<Ok<PlatformInfo>> GetInfo(
        ISettingsStore settings, ModuleCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var all = await settings.GetAllAsync(cancellationToken);
        return TypedResults.Ok(new PlatformInfo(
            all.GetValueOrDefault(SettingKeys.SiteName) ?? SettingKeys.DefaultSiteName,
            all.GetValueOrDefault(SettingKeys.SiteTagline),
            BuildInfo.Version,
            time.GetUtcNow().UtcDateTime,
            [.. catalog.Modules.Select(m => new ModuleSummary(m.Name, m.Title, m.Path))]));
    }
}
