using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Fights.Features.Import;
using Podium.Platform.Feeds;

namespace Podium.Modules.Fights.Features.Quality;

/// <summary>
/// "Update now" for the Fights feed, from the Data quality page and the API: Platform's own (the source marked due, its
/// update job fired, audited), limited to the one source this module imports from.
/// </summary>
internal sealed class FeedNow(FeedAdministration feeds, IServiceProvider services)
{
    public string? SourceKey => services.GetService<FightsFeed>()?.SourceKey;

    public async Task<FeedUpdateResult> UpdateNowAsync(Guid adminId, string? source, CancellationToken cancellationToken) =>
        SourceKey is { } key && string.Equals(source, key, StringComparison.Ordinal)
            ? await feeds.UpdateNowAsync(adminId, key, cancellationToken)
            : FeedUpdateResult.UnknownSource;
}
