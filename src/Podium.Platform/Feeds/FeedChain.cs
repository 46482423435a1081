using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Podium.Platform.Data;

namespace Podium.Platform.Feeds;

/// <summary>What a chain is asked for: the kind of data and, within it, which (a day's scoreboard, a coin's price).</summary>
public interface IFeedRequest
{
    /// <summary>Lower-case, stable: <c>scoreboard</c>. Last good data is kept per kind and key.</summary>
    string Kind { get; }

    /// <summary>Stable for the same question: <c>2026-12-07</c>. At most 200 characters.</summary>
    string Key { get; }
}

/// <summary>
/// One source's way of getting one kind of data. Register each with <c>services.AddFeedProvider&lt;TRequest, TData, TProvider&gt;()</c>,
/// in fallback order (primary first). Throw when the answer is unusable (a 5xx left after retries, malformed JSON,
/// data missing what the module needs): the chain then asks the next source.
/// </summary>
public interface IFeedProvider<in TRequest, TData>
    where TRequest : IFeedRequest
{
    /// <summary>The registered source this provider reads (<see cref="FeedSourceDefinition.Key"/>).</summary>
    string SourceKey { get; }

    /// <param name="client">The source's client: base address, resilience and key already applied.</param>
    Task<TData> FetchAsync(TRequest request, HttpClient client, CancellationToken cancellationToken);
}

/// <summary>Thrown by a provider when a source answered, but with data the module cannot use.</summary>
public sealed class FeedDataException : Exception
{
    public FeedDataException(string message)
        : base(message)
    {
    }

    public FeedDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A source the chain did not get data from, and why (<c>disabled</c>, <c>no API key set</c>, an error's type and message).</summary>
public sealed record FeedAttempt(string SourceKey, bool Skipped, string Reason);

/// <summary>
/// What a chain got: the data, which source answered, its provenance (<c>cached</c> when every source failed and the
/// last good data was served), when it was fetched, and what failed or was skipped before.
/// </summary>
public sealed record FeedResult<TData>(TData? Data, string? SourceKey, FeedProvenance? Provenance, DateTime? FetchedAtUtc, IReadOnlyList<FeedAttempt> Failures)
{
    public bool HasData => Provenance is not null;
}

/// <summary>Fetches through the registered providers of one kind of data: primary → secondary → … → last good data.</summary>
public interface IFeedChain<in TRequest, TData>
    where TRequest : IFeedRequest
{
    Task<FeedResult<TData>> FetchAsync(TRequest request, CancellationToken cancellationToken);
}

internal sealed partial class FeedChain<TRequest, TData>(
    IEnumerable<IFeedProvider<TRequest, TData>> providers,
    FeedSources sources,
    FeedClients clients,
    FeedMetrics metrics,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<FeedChain<TRequest, TData>> logger) : IFeedChain<TRequest, TData>
    where TRequest : IFeedRequest
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<FeedResult<TData>> FetchAsync(TRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = Bounded(request.Kind, FeedSnapshotConfiguration.KindLength, nameof(request.Kind));
        var key = Bounded(request.Key, FeedSnapshotConfiguration.RequestKeyLength, nameof(request.Key));
        var failures = new List<FeedAttempt>();
        foreach (var provider in providers)
        {
            var source = await sources.GetAsync(provider.SourceKey, cancellationToken);
            if (source.SkipReason is { } skip)
            {
                failures.Add(new FeedAttempt(source.Key, Skipped: true, skip));
                continue;
            }

            TData data;
            try
            {
                data = await provider.FetchAsync(request, clients.Create(source), cancellationToken);
                if (data is null)
                {
                    throw new FeedDataException("The provider returned no data.");
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = FeedRuns.Describe(ex);
                failures.Add(new FeedAttempt(source.Key, Skipped: false, reason));
                LogSourceFailed(logger, source.Key, kind, key, reason);
                continue;
            }

            var provenance = source.Definition.IsSample ? FeedProvenance.Sample : FeedProvenance.Real;
            // To the microsecond, as PostgreSQL keeps it: the cached answer then says the same time the live one did.
            var now = time.GetUtcNow().UtcDateTime;
            var fetched = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
            await KeepAsync(kind, key, source.Key, provenance, data, fetched, cancellationToken);
            metrics.RecordFetch(source.Key, provenance.ToValue());
            return new FeedResult<TData>(data, source.Key, provenance, fetched, failures);
        }

        var last = await LastGoodAsync(kind, key, cancellationToken);
        if (last is not null)
        {
            // Sample data stays sample: "cached" would pass it off as real data that is merely old.
            var provenance = last.Provenance == FeedProvenance.Sample ? FeedProvenance.Sample : FeedProvenance.Cached;
            metrics.RecordFetch(last.SourceKey, provenance.ToValue());
            LogServedLastGood(logger, kind, key, last.SourceKey, last.FetchedAt);
            return new FeedResult<TData>(JsonSerializer.Deserialize<TData>(last.Payload, Json), last.SourceKey, provenance, last.FetchedAt, failures);
        }

        metrics.RecordFetch(null, "none");
        LogNothing(logger, kind, key);
        return new FeedResult<TData>(default, null, null, null, failures);
    }

    private async Task KeepAsync(string kind, string key, string sourceKey, FeedProvenance provenance, TData data, DateTime fetched, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(data, Json);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        try
        {
            await db.InTransactionAsync(
                async ct =>
                {
                    var row = await db.Set<FeedSnapshot>().SingleOrDefaultAsync(s => s.Kind == kind && s.RequestKey == key, ct);
                    if (row is null)
                    {
                        row = new FeedSnapshot { Kind = kind, RequestKey = key };
                        db.Add(row);
                    }

                    row.SourceKey = sourceKey;
                    row.Provenance = provenance;
                    row.Payload = payload;
                    row.FetchedAt = fetched;
                    await db.SaveChangesAsync(ct);
                },
                cancellationToken: cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance kept the same request's data at the same moment; theirs is as fresh as ours.
        }
    }

    private async Task<FeedSnapshot?> LastGoodAsync(string kind, string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        return await db.Set<FeedSnapshot>().AsNoTracking().SingleOrDefaultAsync(s => s.Kind == kind && s.RequestKey == key, cancellationToken);
    }

    private static string Bounded(string? value, int max, string name) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= max ? value : throw new ArgumentException($"A feed request's {name} must be 1 to {max} characters.", name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedSource} failed for {Kind} {RequestKey}; trying the next source: {Reason}")]
    private static partial void LogSourceFailed(ILogger logger, string feedSource, string kind, string requestKey, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every source failed for {Kind} {RequestKey}; serving the last good data, from {FeedSource} at {FetchedAt:u}")]
    private static partial void LogServedLastGood(ILogger logger, string kind, string requestKey, string feedSource, DateTime fetchedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Every source failed for {Kind} {RequestKey} and there is no last good data")]
    private static partial void LogNothing(ILogger logger, string kind, string requestKey);
}
