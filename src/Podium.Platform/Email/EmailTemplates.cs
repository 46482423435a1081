using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace Podium.Platform.Email;

/// <summary>
/// Messages from the embedded templates in Email/Templates: <c>NAME.txt</c> (first line is the subject) and
/// <c>NAME.html</c> inside <c>_layout.html</c>. Placeholders are <c>{{Key}}</c>; values are HTML-encoded in the HTML body.
/// </summary>
public static partial class EmailTemplates
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static EmailMessage Render(string template, string to, string toName, IReadOnlyDictionary<string, string> values)
    {
        var text = Fill(Load($"{template}.txt"), values, encode: false);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var subject = text[..newline].Trim();
        var layout = Load("_layout.html").Replace("{{Body}}", Load($"{template}.html"), StringComparison.Ordinal);
        var html = Fill(layout, new Dictionary<string, string>(values) { ["Subject"] = subject }, encode: true);
        return new EmailMessage(to, toName, subject, text[(newline + 1)..].TrimStart('\r', '\n'), html);
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool encode) =>
        Placeholder().Replace(template, match =>
        {
            var key = match.Groups["key"].Value;
            if (!values.TryGetValue(key, out var value))
            {
                throw new KeyNotFoundException($"The e-mail template needs a value for {{{{{key}}}}}.");
            }

            return encode ? HtmlEncoder.Default.Encode(value) : value;
        });

    private static string Load(string name) => Cache.GetOrAdd(name, static file =>
    {
        var resource = $"{typeof(EmailTemplates).Namespace}.Templates.{file}";
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No e-mail template {file} is embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    [GeneratedRegex(@"\{\{(?<key>[A-Za-z_]+)\}\}")]
    private static partial Regex Placeholder();
}
