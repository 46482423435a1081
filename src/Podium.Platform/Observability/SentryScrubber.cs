using System.Text.RegularExpressions;
using Sentry;

namespace Podium.Platform.Observability;

/// <summary>
/// The last stop before an event leaves for Sentry: passwords, tokens, cookies and e-mail addresses are removed
/// wherever they can hide (request, headers, exception messages, log messages, breadcrumbs, tags, extras, user),
/// whatever the code that raised the event put there. Send-default-PII stays off as well; this catches the rest.
/// </summary>
internal static partial class SentryScrubber
{
    public const string Filtered = "[Filtered]";

    /// <summary>Headers whose values are credentials or session state, whatever their content looks like.</summary>
    private static readonly string[] SecretHeaderParts =
        ["authorization", "cookie", "token", "antiforgery", "xsrf", "csrf", "api-key", "apikey", "secret", "password", "session"];

    public static SentryEvent ScrubEvent(SentryEvent sentryEvent, SentryHint hint)
    {
        if (sentryEvent.Message is { } message)
        {
            sentryEvent.Message = new SentryMessage { Message = Text(message.Message), Formatted = Text(message.Formatted) };
        }

        foreach (var exception in sentryEvent.SentryExceptions ?? [])
        {
            exception.Value = Text(exception.Value);
        }

        ScrubRequest(sentryEvent.Request);
        ScrubUser(sentryEvent.User);
        foreach (var (key, value) in sentryEvent.Extra.ToList())
        {
            sentryEvent.SetExtra(key, IsSecretName(key) ? Filtered : Text(value?.ToString()));
        }

        foreach (var (key, value) in sentryEvent.Tags.ToList())
        {
            sentryEvent.SetTag(key, IsSecretName(key) ? Filtered : Text(value) ?? "");
        }

        return sentryEvent;
    }

    public static SentryTransaction ScrubTransaction(SentryTransaction transaction, SentryHint hint)
    {
        ScrubRequest(transaction.Request);
        ScrubUser(transaction.User);
        foreach (var span in transaction.Spans)
        {
            span.Description = Text(span.Description);
        }

        return transaction;
    }

    /// <summary>Runs as the breadcrumb is added (so a moment after it happened; the recorded time is now).</summary>
    public static Breadcrumb ScrubBreadcrumb(Breadcrumb breadcrumb, SentryHint hint) =>
        new(
            Text(breadcrumb.Message) ?? "",
            breadcrumb.Type ?? "default",
            breadcrumb.Data?.ToDictionary(d => d.Key, d => IsSecretName(d.Key) ? Filtered : Text(d.Value) ?? ""),
            breadcrumb.Category,
            breadcrumb.Level);

    /// <summary>Removes e-mail addresses, <c>name=value</c> secrets (query strings, forms, connection strings) and credentials.</summary>
    public static string? Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = SecretPair().Replace(text, m => m.Groups["name"].Value + Filtered);
        text = Credential().Replace(text, m => m.Groups["scheme"].Value + " " + Filtered);
        return Email().Replace(text, Filtered);
    }

    private static void ScrubRequest(SentryRequest request)
    {
        request.Cookies = null;
        // Bodies are not captured (MaxRequestBodySize = None); if anything put one here it goes.
        request.Data = null;
        if (request.Url is { } url && url.IndexOf('?', StringComparison.Ordinal) is var query and >= 0)
        {
            request.Url = url[..query];
        }

        request.QueryString = Text(request.QueryString);
        foreach (var (name, value) in request.Headers.ToList())
        {
            request.Headers[name] = IsSecretName(name) ? Filtered : Text(value) ?? "";
        }

        foreach (var (name, value) in request.Env.ToList())
        {
            request.Env[name] = IsSecretName(name) ? Filtered : Text(value) ?? "";
        }
    }

    private static void ScrubUser(SentryUser user)
    {
        // The opaque account id is enough to find the person in our own database; nothing else identifies them.
        user.Email = null;
        user.Username = null;
        user.IpAddress = null;
        user.Other.Clear();
    }

    private static bool IsSecretName(string name) =>
        SecretHeaderParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"(?<name>\b(?:password|passwd|pwd|pass|secret|token|access_token|refresh_token|id_token|code|state|api[_-]?key|key|signature|sig|otp|__RequestVerificationToken|[A-Za-z_]*token)""?\s*[=:]\s*)(?:""[^""]*""|'[^']*'|[^&;,\s""']+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPair();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|Digest|ApiKey))\s+[A-Za-z0-9._~+/=-]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Credential();

    // Also URL-encoded (%40), as in a query string.
    [GeneratedRegex(@"[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Email();
}
