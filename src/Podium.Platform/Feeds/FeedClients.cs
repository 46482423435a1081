namespace Podium.Platform.Feeds;

/// <summary>The HTTP client of a registered source: its base address as set now, its resilience pipeline, its key added per call.</summary>
public interface IFeedClients
{
    /// <summary>A client for <paramref name="sourceKey"/> (cheap: clients share pooled handlers). Relative request URIs resolve against the source's base URL.</summary>
    ValueTask<HttpClient> CreateAsync(string sourceKey, CancellationToken cancellationToken);
}

internal sealed class FeedClients(IHttpClientFactory factory, FeedSources sources) : IFeedClients
{
    public async ValueTask<HttpClient> CreateAsync(string sourceKey, CancellationToken cancellationToken)
    {
        var source = await sources.GetAsync(sourceKey, cancellationToken);
        return Create(source);
    }

    internal HttpClient Create(FeedSourceState source)
    {
        var client = factory.CreateClient(source.Definition.ClientName);
        client.BaseAddress = source.BaseUrl is { } url ? WithTrailingSlash(url) : null;

        // The pipeline's total timeout is the limit; HttpClient's own 100 s would only cut a long retry sequence short.
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    // "https://host/api" + "scores" would drop "api": a base URL names a folder.
    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsolutePath.EndsWith('/') ? url : new UriBuilder(url) { Path = url.AbsolutePath + "/" }.Uri;
}
