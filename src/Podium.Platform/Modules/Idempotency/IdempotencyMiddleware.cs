using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Podium.Platform.Identity;
using Podium.Platform.RateLimiting;

namespace Podium.Platform.Modules.Idempotency;

/// <summary>Marks an endpoint whose requests may carry <c>Idempotency-Key</c> (<see cref="IdempotencyExtensions.WithIdempotency{TBuilder}"/>).</summary>
public sealed class IdempotentEndpointMetadata;

/// <summary>
/// For endpoints marked with <see cref="IdempotentEndpointMetadata"/> and requests carrying <c>Idempotency-Key</c>: the
/// first request per caller and key runs, and its response is kept; a retry gets that response again without running
/// anything; a different request under the same key is refused (422); a duplicate arriving while the first still runs
/// (on any instance) waits for its response, or gets 409 when it takes too long. A response the client cannot have had
/// (5xx, the request cancelled or aborted) is not kept, so the retry runs.
/// </summary>
/// <remarks>
/// A middleware rather than an endpoint filter: the request's fingerprint includes its body, which model binding would
/// already have consumed by the time a filter runs. It sits after authentication and authorization (the key belongs to a
/// caller, and a refused request claims nothing) and inside the exception handler (a throw frees the key).
/// </remarks>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, TimeProvider time, IOptions<IdempotencyOptions> options)
{
    /// <summary>Larger responses are not kept (the key is freed): the endpoints concerned answer with one small document.</summary>
    internal const int MaxStoredBodyBytes = 1024 * 1024;

    /// <summary>Headers a replay repeats; never cookies, dates, trace ids or limits, which belong to the retry itself.</summary>
    private static readonly string[] ReplayedHeaders = [HeaderNames.ContentType, HeaderNames.Location, HeaderNames.ETag, HeaderNames.LastModified];

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpointMetadata>() is null
            || !context.Request.Headers.TryGetValue(IdempotencyExtensions.HeaderName, out var header))
        {
            await next(context);
            return;
        }

        if (!TryParseKey(header, out var key))
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid Idempotency-Key",
                $"Idempotency-Key is one value of 1 to {IdempotencyRecord.KeyMaxLength} printable ASCII characters, e.g. a UUID.");
            return;
        }

        if (CallerOf(context.User) is not { } caller)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Idempotency-Key needs a signed-in caller",
                "Keys are kept per account or API key; send the request with a credential, or without Idempotency-Key.");
            return;
        }

        var requestHash = await FingerprintAsync(context.Request, context.RequestAborted);
        switch (await store.ClaimAsync(caller, key, requestHash, context.RequestAborted))
        {
            case IdempotencyClaim.Owned owned:
                await RunAsync(context, owned);
                break;
            case IdempotencyClaim.Completed completed:
                await ReplayAsync(context, completed.Response);
                break;
            case IdempotencyClaim.Mismatch:
                await ProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different request (method, address or body). Use a new key for a new request.");
                break;
            default:
                context.Response.Headers.RetryAfter = "1";
                await ProblemAsync(context, StatusCodes.Status409Conflict, "Request with this Idempotency-Key in progress",
                    "The first request with this key has not finished yet. Retry shortly with the same key to get its response.");
                break;
        }
    }

    /// <summary>
    /// Whose keys these are: an API key's own id (each program its own namespace of keys, apart from its owner's), else
    /// the signed-in account's, however it signed in. Anonymous callers have none: keyed by address, one caller behind a
    /// shared address (an office, a carrier's NAT) could be answered with another's stored response.
    /// </summary>
    internal static string? CallerOf(ClaimsPrincipal user)
    {
        if (user.FindFirst(RateLimitPolicies.ApiKeyClaimType)?.Value is { Length: > 0 } apiKey)
        {
            return $"api-key:{apiKey}";
        }

        return user.UserId() is { } id ? $"user:{id}" : null;
    }

    /// <summary>A key as RFC 8941 sf-string (<c>"…"</c>, as the IETF draft writes it) or bare (as most clients send it): the same key.</summary>
    internal static bool TryParseKey(StringValues header, out string key)
    {
        key = "";
        if (header.Count != 1 || header[0] is not { } value)
        {
            return false;
        }

        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        if (value.Length is 0 or > IdempotencyRecord.KeyMaxLength || value.Any(c => c is < ' ' or > '~' or '"'))
        {
            return false;
        }

        key = value;
        return true;
    }

    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.PathBase}{request.Path}{request.QueryString}\n"));

        // Buffered, so the endpoint reads the same body after us (Kestrel's size limit still applies).
        request.EnableBuffering();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async Task RunAsync(HttpContext context, IdempotencyClaim.Owned claim)
    {
        var original = context.Response.Body;
        await using var capture = new ResponseCapture(original, MaxStoredBodyBytes);
        context.Response.Body = capture;
        var stored = false;
        if (claim.Replay)
        {
            // Its write committed in an earlier run: this run's units roll back, and the client is told it did not run again.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[IdempotencyExtensions.ReplayedHeaderName] = "true";
                return Task.CompletedTask;
            });
        }

        IdempotentRequest.Current = new IdempotentRequest(claim, time, options.Value.CommittedLease);
        try
        {
            try
            {
                await next(context);
            }
            catch (IdempotencyKeyLostException) when (!context.Response.HasStarted)
            {
                // A retry owns the key now and runs the write; this run's was rolled back. The key is not ours to store or free.
                stored = true;
                context.Response.Body = original;
                context.Response.Clear();
                context.Response.Headers.RetryAfter = "1";
                await ProblemAsync(context, StatusCodes.Status409Conflict, "Request with this Idempotency-Key taken over",
                    "This request ran past its hold on the key and a retry took it over; nothing was saved by this one. Retry with the same key to get the retry's response.");
                return;
            }

            // Whatever the endpoint left in the response's pipe reaches the copy (and the client) before it is stored.
            if (context.Features.Get<IHttpResponseBodyFeature>() is StreamResponseBodyFeature ours && ReferenceEquals(ours.Stream, capture))
            {
                await ours.CompleteAsync();
            }

            var status = context.Response.StatusCode;
            if (status < StatusCodes.Status500InternalServerError && !context.RequestAborted.IsCancellationRequested && !capture.Overflowed)
            {
                await store.CompleteAsync(claim, new StoredResponse(status, HeadersToReplay(context.Response), capture.Captured()));
                stored = true;
            }
        }
        finally
        {
            IdempotentRequest.Current = null;
            context.Response.Body = original;
            if (!stored)
            {
                await store.ReleaseAsync(claim);
            }
        }
    }

    private static Dictionary<string, string> HeadersToReplay(HttpResponse response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in ReplayedHeaders)
        {
            if (response.Headers.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value))
            {
                headers[name] = value.ToString();
            }
        }

        return headers;
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers[IdempotencyExtensions.ReplayedHeaderName] = "true";
        if (response.Body.Length > 0)
        {
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
}

/// <summary>Passes the response through to the client as it is written, keeping a copy (up to a limit) to store.</summary>
internal sealed class ResponseCapture(Stream inner, int limit) : Stream
{
    private readonly MemoryStream _copy = new();

    public bool Overflowed { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public byte[] Captured() => _copy.ToArray();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Keep(buffer.AsSpan(offset, count));
        inner.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Keep(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _copy.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        if (Overflowed)
        {
            return;
        }

        if (_copy.Length + bytes.Length > limit)
        {
            Overflowed = true;
            _copy.SetLength(0);
            return;
        }

        _copy.Write(bytes);
    }
}
