using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Podium.Platform.Feeds;

/// <summary>
/// The innermost handler of a source's client, so it sees every attempt the resilience pipeline sends (retries
/// included, and nothing while the circuit is open): it adds the API key, then logs and counts the call by source,
/// status and latency. Logs name the host and path only: the key, and any query string that could carry it, never.
/// </summary>
internal sealed partial class FeedCallHandler(string sourceKey, FeedSources sources, FeedMetrics metrics, TimeProvider time, ILogger<FeedCallHandler> logger)
    : DelegatingHandler
{
    public const string DefaultApiKeyHeader = "X-Api-Key";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var source = await sources.GetAsync(sourceKey, cancellationToken);
        AddApiKey(request, source);
        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.Host + uri.AbsolutePath : "";
        var started = time.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var elapsed = time.GetElapsedTime(started);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            metrics.RecordRequest(sourceKey, status, elapsed);
            LogCall(logger, sourceKey, request.Method.Method, path, (int)response.StatusCode, (long)elapsed.TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            var elapsed = time.GetElapsedTime(started);
            var outcome = ex is OperationCanceledException or TimeoutException ? "timeout" : "error";
            metrics.RecordRequest(sourceKey, outcome, elapsed);
            // The exception's type only: socket and TLS messages can quote the request line.
            LogFailed(logger, sourceKey, request.Method.Method, path, outcome, ex.GetType().Name, (long)elapsed.TotalMilliseconds);
            throw;
        }
    }

    private static void AddApiKey(HttpRequestMessage request, FeedSourceState source)
    {
        if (!source.HasApiKey || request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            return;
        }

        var definition = source.Definition;
        if (definition.ApiKeyQueryParameter is { } parameter)
        {
            // A retried request may already carry it: replaced, never repeated.
            var pairs = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(p => !string.Equals(Uri.UnescapeDataString(p.Split('=')[0]), parameter, StringComparison.Ordinal))
                .Append($"{Uri.EscapeDataString(parameter)}={Uri.EscapeDataString(source.ApiKey!)}");
            request.RequestUri = new UriBuilder(uri) { Query = string.Join('&', pairs) }.Uri;
            return;
        }

        var header = definition.ApiKeyHeader ?? DefaultApiKeyHeader;
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, source.ApiKey);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedSource}: {Method} {Path} answered {StatusCode} in {ElapsedMilliseconds} ms")]
    private static partial void LogCall(ILogger logger, string feedSource, string method, string path, int statusCode, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedSource}: {Method} {Path} got no answer ({Outcome}, {ErrorType}) after {ElapsedMilliseconds} ms")]
    private static partial void LogFailed(ILogger logger, string feedSource, string method, string path, string outcome, string errorType, long elapsedMilliseconds);
}
