using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Podium.Tests.Infrastructure;
using Serilog.Events;

namespace Podium.Tests.Security.Fuzzing;

/// <summary>
/// One bad request: who sends it, what it aims at, and the request itself (built fresh for each send).
/// <paramref name="RefusedByDefinition"/>: a handler or method the target does not have, which must change nothing
/// whatever it answers. <paramref name="SignedIn"/>: sent with a session, which the request itself may end.
/// </summary>
internal sealed record FuzzCase(
    string Who, string Target, string Field, string Mutation, Func<HttpRequestMessage> Request, bool RefusedByDefinition = false, bool SignedIn = false);

/// <summary>What came back, as far as the fuzzer cares. <paramref name="ToSignIn"/>: sent to sign in or turned away, so the session may be gone.</summary>
internal sealed record FuzzAnswer(int Status, Uri? Location, bool Refused, bool ToSignIn);

/// <summary>
/// Sends the cases one at a time, and fails on two things: any 5xx (with method, path, field, value, the first line of
/// the answer and the exception the app logged), and any change to the database made by a request that was refused
/// (4xx, sent to sign in or turned away, or the form redrawn with a field error).
/// </summary>
internal sealed partial class FuzzRunner(FuzzSettings settings, DatabaseWrites writes, CollectingSink log, string signInPath, string deniedPath, Action<string>? trace)
{
    // One entry per bug (target, field and cause), with its first case and how many more cases hit it.
    private readonly Dictionary<string, (string First, int Cases)> _failures = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    public int ServerErrors { get; private set; }

    public int RefusedWrites { get; private set; }

    public int Failures => _failures.Count;

    public async Task<FuzzAnswer> SendAsync(HttpClient client, FuzzCase fuzz, CancellationToken cancellationToken)
    {
        var before = await writes.SnapshotAsync(cancellationToken);
        log.Events.Clear();
        using var request = fuzz.Request();
        var line = $"{fuzz.Who}: {request.Method} {Shorten(request.RequestUri!.OriginalString, 160)} field '{fuzz.Field}' = {fuzz.Mutation}";
        using var response = await SendAsync(client, request, cancellationToken);
        Requests++;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        var location = response.Headers.Location is { } l ? new Uri(client.BaseAddress!, l) : null;
        var html = response.Content.Headers.ContentType?.MediaType == "text/html";
        if (status >= 500)
        {
            ServerErrors++;
            var (logged, cause) = Logged();
            Fail(fuzz, request, $"{line} → {status}: {FirstLine(body, html)}{logged}", cause);
        }

        var toSignIn = location?.AbsolutePath == signInPath;
        var denied = location?.AbsolutePath == deniedPath;
        // Sent to sign in with a session: refused because the session is gone, or because this request ended it (a
        // sign-out, revoking this very session), which is no refusal. Only a visitor who never had one was refused.
        var refused = fuzz.RefusedByDefinition
            || status is >= 400 and < 500
            || denied
            || (toSignIn && !fuzz.SignedIn)
            || (status == 200 && html && HtmlForms.ShowsValidationErrors(body));
        if (refused)
        {
            var written = DatabaseWrites.Difference(before, await writes.SnapshotAsync(cancellationToken));
            if (written.Count > 0 && !await writes.OnlyRefusalsAuditedAsync(written, cancellationToken))
            {
                RefusedWrites++;
                var what = string.Join(", ", written.Select(w => $"{w.Key}×{w.Value}"));
                Fail(fuzz, request, $"{line} → {status}, refused, yet wrote {what}", what);
            }
        }

        if (settings.Trace)
        {
            trace?.Invoke($"{line} → {status}{(refused ? " (refused)" : "")}: {FirstLine(body, html)}");
        }

        return new FuzzAnswer(status, location, refused, toSignIn || denied);
    }

    /// <summary>
    /// The answer, or what stands for it: a path the HTTP server cannot decode (a NUL) is refused by Kestrel with 400
    /// before the app sees it, where the test server throws instead; anything else thrown reached the client as a crash.
    /// </summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, cancellationToken);
        }
        catch (InvalidOperationException ex) when (ex.StackTrace?.Contains("PathString.FromUriComponent", StringComparison.Ordinal) == true)
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent($"(refused by the HTTP server: {ex.Message})") };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent($"(the request threw on the client: {ex.GetType().Name}: {ex.Message})") };
        }
    }

    /// <summary>A finding that is not about one request's answer (a form without its antiforgery token).</summary>
    public void Fail(string message) => Record(message, message);

    /// <summary>Every failure once, with the number of cases that hit it (replayable with the settings named).</summary>
    public string Report() =>
        $"{_failures.Count} failures in {_failures.Values.Sum(f => f.Cases)} cases, with {settings}:\n"
        + string.Join('\n', _failures.Values.Select(f => f.Cases > 1 ? $"{f.First} (and {f.Cases - 1} more cases like it)" : f.First));

    // Many values trip the same bug: it is reported once per target, field and cause.
    private void Fail(FuzzCase fuzz, HttpRequestMessage request, string message, string cause) =>
        Record($"{fuzz.Who} {request.Method} {Routes.Pattern(request.RequestUri!)} {fuzz.Field} {cause}", message);

    private void Record(string key, string message) =>
        _failures[key] = _failures.TryGetValue(key, out var known) ? (known.First, known.Cases + 1) : (message, 1);

    /// <summary>The exception the app logged for the request just sent, and what makes it one bug (its type and where it was thrown).</summary>
    private (string Text, string Cause) Logged()
    {
        var exception = log.Events.Where(e => e.Exception is not null && e.Level >= LogEventLevel.Error).Select(e => e.Exception!.GetBaseException()).FirstOrDefault();
        if (exception is null)
        {
            return ("", "5xx");
        }

        var frame = exception.StackTrace?.Split('\n').Select(f => f.Trim()).FirstOrDefault(f => f.StartsWith("at Podium.", StringComparison.Ordinal)) ?? "";
        return ($" [{exception.GetType().Name}: {Shorten(exception.Message.Split('\n')[0], 200)} {frame}]", $"{exception.GetType().Name} {frame}");
    }

    private static string FirstLine(string body, bool html)
    {
        if (html && Title().Match(body) is { Success: true } title)
        {
            return WebUtility.HtmlDecode(title.Groups["title"].Value.Trim());
        }

        return Shorten(body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty)", 200);
    }

    private static string Shorten(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length), $"…({text.Length} chars)");

    [GeneratedRegex("<title>(?<title>[^<]*)</title>", RegexOptions.IgnoreCase)]
    private static partial Regex Title();
}

/// <summary>Bodies built byte by byte, so invalid UTF-8 and broken JSON reach the server as written.</summary>
internal static class Bodies
{
    public static ByteArrayContent FormUrlEncoded(IEnumerable<(string Name, WireValue Value)> pairs)
    {
        var bytes = new List<byte>();
        foreach (var (name, value) in pairs)
        {
            if (bytes.Count > 0)
            {
                bytes.Add((byte)'&');
            }

            bytes.AddRange(Encoding.ASCII.GetBytes(Uri.EscapeDataString(name)));
            bytes.Add((byte)'=');
            bytes.AddRange(value.Raw ?? Encoding.ASCII.GetBytes(Uri.EscapeDataString(value.Text!)));
        }

        var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        return content;
    }

    public static MultipartFormDataContent Multipart(IEnumerable<(string Name, WireValue Value, bool File)> parts)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value, file) in parts)
        {
            var part = new ByteArrayContent(value.ToBytes());
            if (file)
            {
                content.Add(part, name, "fuzz.csv");
            }
            else
            {
                content.Add(part, name);
            }
        }

        return content;
    }

    /// <summary>A query string: text encoded, raw bytes percent-encoded (an address cannot carry them otherwise).</summary>
    public static string Query(IEnumerable<(string Name, WireValue Value)> pairs) =>
        string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Name)}={Encode(p.Value)}"));

    private static string Encode(WireValue value) =>
        value.Text is { } text ? Uri.EscapeDataString(text)
        : Encoding.ASCII.GetString(value.Raw!) is var ascii && value.Raw!.All(b => b is >= 0x20 and < 0x7F) ? ascii
        : string.Concat(value.Raw!.Select(b => $"%{b:X2}"));

    public static ByteArrayContent Json(byte[] json, string mediaType = "application/json")
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new(mediaType);
        return content;
    }
}
