using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Podium.Platform.Redis;
using StackExchange.Redis;

namespace Podium.Platform.Security;

/// <summary>
/// Webhook-style HMAC signatures on requests made with a key that requires them (docs/API.md, "Signed requests"):
/// <c>X-Podium-Timestamp: &lt;unix seconds&gt;</c> and <c>X-Podium-Signature: v1=&lt;hex&gt;</c>, the hex being
/// HMAC-SHA256 keyed with the API key over <c>timestamp \n METHOD \n request-target \n body</c>.
/// </summary>
internal sealed class RequestSignatures(SignatureReplayCache replays, TimeProvider time)
{
    public const string TimestampHeader = "X-Podium-Timestamp";
    public const string SignatureHeader = "X-Podium-Signature";
    public const string Version = "v1=";
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    /// <summary>Null when the request is signed correctly and for the first time; otherwise why not.</summary>
    public async Task<string?> VerifyAsync(HttpContext context, string key, Guid keyId)
    {
        var request = context.Request;
        if (!long.TryParse(request.Headers[TimestampHeader].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return $"the key requires signed requests: send {TimestampHeader} (unix seconds) and {SignatureHeader}";
        }

        var skew = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799));
        if (skew.Duration() > MaxSkew)
        {
            return $"{TimestampHeader} is more than {MaxSkew.TotalMinutes:0} minutes from the server's clock";
        }

        var presented = request.Headers[SignatureHeader].ToString();
        if (!presented.StartsWith(Version, StringComparison.Ordinal) || presented.Length != Version.Length + 64
            || !TryHex(presented.AsSpan(Version.Length), out var signature))
        {
            return $"{SignatureHeader} must be v1= followed by 64 hex digits";
        }

        var body = await ReadBodyAsync(request, context.RequestAborted);
        var expected = Compute(key, seconds, request.Method, Target(context), body);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return "the signature does not match the request";
        }

        // Only a correct signature is remembered: garbage cannot fill the cache, and it stays remembered for as long
        // as its timestamp would be accepted.
        return await replays.FirstSeenAsync($"{keyId:N}:{Convert.ToHexStringLower(signature)}", MaxSkew * 2)
            ? null
            : "this signed request was already received (replay)";
    }

    public static byte[] Compute(string key, long timestamp, string method, string target, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}\n{method.ToUpperInvariant()}\n{target}\n"));
        var message = new byte[head.Length + body.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        return HMACSHA256.HashData(Encoding.ASCII.GetBytes(key), message);
    }

    /// <summary>The request target as the client sent it on the request line: path and query, still percent-encoded.</summary>
    public static string Target(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw.StartsWith('/')
            ? raw
            : context.Request.PathBase.Add(context.Request.Path).ToUriComponent() + context.Request.QueryString.ToUriComponent();

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Buffered so the endpoint reads the same body after us (Kestrel's size limit still applies).
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        request.Body.Position = 0;
        return copy.ToArray();
    }

    private static bool TryHex(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        bytes = new byte[hex.Length / 2];
        return Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == bytes.Length;
    }
}

/// <summary>
/// Signatures seen recently: in Redis when it answers (a replay to another instance is caught too), else in this process
/// — the same fallback as the rate limits.
/// </summary>
internal sealed class SignatureReplayCache(RedisConnection redis, TimeProvider time)
{
    private const int SweepThreshold = 10_000;
    private readonly ConcurrentDictionary<string, long> _local = new(StringComparer.Ordinal);

    /// <summary>True the first time <paramref name="id"/> is seen within <paramref name="window"/>.</summary>
    public async ValueTask<bool> FirstSeenAsync(string id, TimeSpan window)
    {
        var (answered, first) = await redis.TryAsync(database => database.StringSetAsync(redis.Key("sig:" + id), 1, window, When.NotExists));
        if (answered)
        {
            return first;
        }

        // Redis not answering (bounded wait, then none while its circuit is open): remembered here instead.

        var now = time.GetUtcNow().UtcTicks;
        if (_local.Count > SweepThreshold)
        {
            foreach (var (seen, ends) in _local)
            {
                if (ends <= now)
                {
                    _local.TryRemove(seen, out _);
                }
            }
        }

        var expires = now + window.Ticks;
        return _local.TryAdd(id, expires)
            || (_local.TryGetValue(id, out var until) && until <= now && _local.TryUpdate(id, expires, until));
    }
}
