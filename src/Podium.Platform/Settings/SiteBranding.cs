using Microsoft.Extensions.Logging;

namespace Podium.Platform.Settings;

/// <summary>The site name and tagline the shell shows, as an operator set them in the runtime settings.</summary>
/// <remarks>Without a tagline set, the host's own description of the product (<see cref="ProductInfo"/>).</remarks>
internal sealed partial class SiteBranding(ISettingsStore settings, ProductInfo product, ILogger<SiteBranding> logger)
{
    private string DefaultTagline => product.Description;

    public async Task<(string Name, string Tagline)> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var all = await settings.GetAllAsync(cancellationToken);
            return (all.GetValueOrDefault(SettingKeys.SiteName) ?? SettingKeys.DefaultSiteName,
                all.GetValueOrDefault(SettingKeys.SiteTagline) ?? DefaultTagline);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The layout also frames the error page: when the database is what failed, that page must still render.
            LogFallback(logger, ex);
            return (SettingKeys.DefaultSiteName, DefaultTagline);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site settings unavailable; the shell shows the defaults")]
    private static partial void LogFallback(ILogger logger, Exception exception);
}
