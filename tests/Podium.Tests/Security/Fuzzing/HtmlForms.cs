using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security.Fuzzing;

/// <summary>One control of a form. <see cref="Sent"/>: whether a browser would submit it as the page stands (a checked box, an enabled field).</summary>
internal sealed record FormField(string Name, string Value, FieldKind Kind, bool Sent);

/// <summary>A form as the page renders it, with the values a plausible submission would carry.</summary>
internal sealed record HtmlForm(string Method, Uri Page, Uri Action, bool Multipart, IReadOnlyList<FormField> Fields, string? Token)
{
    public const string TokenField = "__RequestVerificationToken";

    public bool IsPost => Method == "POST";

    /// <summary>Which form this is, whatever record it shows: method, route with ids blanked, handler, field names.</summary>
    public string Key => $"{Method} {Routes.Pattern(Action)} [{string.Join(",", Targets)}]";

    /// <summary>The field names the fuzzer varies, each once however many controls share it (a check box and its hidden "false").</summary>
    public IReadOnlyList<string> Targets => [.. Fields.Select(f => f.Name).Distinct(StringComparer.Ordinal)];

    public FieldKind KindOf(string name) => Fields.First(f => f.Name == name).Kind;

    /// <summary>The pairs a submission sends, in page order, with one field's values replaced (none: left out; two: sent twice).</summary>
    public IReadOnlyList<(string Name, WireValue Value)> Pairs(string? replaced = null, IReadOnlyList<WireValue>? values = null)
    {
        var pairs = new List<(string, WireValue)>();
        var done = false;
        foreach (var field in Fields.Where(f => f.Sent))
        {
            if (field.Name == replaced && !done)
            {
                pairs.AddRange(values!.Select(v => (field.Name, v)));
                done = true;
                continue;
            }

            pairs.Add((field.Name, WireValue.Of(field.Value)));
        }

        if (replaced is not null && !done)
        {
            // A box left unticked is not sent at all; an attacker sends it anyway.
            pairs.AddRange(values!.Select(v => (replaced, v)));
        }

        return pairs;
    }
}

internal sealed record HtmlPage(Uri Url, IReadOnlyList<HtmlForm> Forms, IReadOnlyList<Uri> Links, string? Token);

/// <summary>Reads a page's links and forms (with AngleSharp, as a browser would build them).</summary>
internal static class HtmlForms
{
    private static readonly HtmlParser Parser = new();

    public static HtmlPage Parse(Uri url, string html, DateOnly today)
    {
        using var document = Parser.ParseDocument(html);
        // Links, and the fragments htmx loads into the page (live results), which are pages with handlers of their own.
        var links = document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href"))
            .Concat(document.QuerySelectorAll("[hx-get]").Select(e => e.GetAttribute("hx-get")))
            .Select(href => Routes.SameOrigin(url, href))
            .OfType<Uri>()
            .ToList();
        var forms = document.Forms.Select(f => Read(url, f, today)).ToList();
        if (QueryForm(url) is { } query)
        {
            forms.Add(query);
        }

        var token = forms.Select(f => f.Token).FirstOrDefault(t => t is not null);
        return new HtmlPage(url, forms, links, token);
    }

    /// <summary>
    /// The page's own address as a GET form when it carries query parameters (<c>?season=2025</c>, <c>?month=…</c>):
    /// a link's parameters are input as much as a form's fields are.
    /// </summary>
    private static HtmlForm? QueryForm(Uri url)
    {
        var query = QueryHelpers.ParseQuery(url.Query);
        var handler = query.FirstOrDefault(q => q.Key.Equals("handler", StringComparison.OrdinalIgnoreCase));
        var fields = query.Where(q => q.Key != handler.Key)
            .SelectMany(q => q.Value.Select(v => new FormField(q.Key, v ?? "", ValueKind(v ?? "", FieldKind.Text), Sent: true)))
            .ToList();
        if (fields.Count == 0)
        {
            return null;
        }

        var action = new UriBuilder(url) { Query = handler.Key is null ? "" : $"{handler.Key}={Uri.EscapeDataString(handler.Value.ToString())}" }.Uri;
        return new HtmlForm("GET", url, action, Multipart: false, fields, Token: null);
    }

    /// <summary>Whether a page that answered a post shows a field or summary error (the form was refused and redrawn).</summary>
    public static bool ShowsValidationErrors(string html) =>
        html.Contains("field-validation-error", StringComparison.Ordinal)
        || html.Contains("validation-summary-errors", StringComparison.Ordinal)
        || html.Contains("input-validation-error", StringComparison.Ordinal);

    private static HtmlForm Read(Uri page, IHtmlFormElement form, DateOnly today)
    {
        var method = string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET";
        var action = Routes.SameOrigin(page, form.GetAttribute("action") is { Length: > 0 } a ? a : page.PathAndQuery) ?? page;
        var multipart = string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase);
        var fields = new List<FormField>();
        string? token = null;
        var radios = new HashSet<string>(StringComparer.Ordinal);
        var clicked = false;
        foreach (var control in form.Elements)
        {
            var name = control.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            var disabled = control.HasAttribute("disabled");
            switch (control)
            {
                case IHtmlInputElement { Type: "hidden" } hidden when name == HtmlForm.TokenField:
                    token = hidden.Value;
                    break;
                case IHtmlInputElement { Type: "submit" or "image" } input:
                    fields.Add(new FormField(name, input.Value, FieldKind.Text, !clicked && !disabled));
                    clicked = true;
                    break;
                case IHtmlInputElement { Type: "button" or "reset" }:
                    break;
                case IHtmlInputElement { Type: "radio" } radio when radios.Add(name):
                    // A plausible submission picks one: the checked option, else the first.
                    var group = form.Elements.OfType<IHtmlInputElement>().Where(r => r.Type == "radio" && r.GetAttribute("name") == name).ToList();
                    var chosen = group.FirstOrDefault(r => r.IsDefaultChecked) ?? group[0];
                    fields.Add(new FormField(name, chosen.Value, KindOf(chosen), !disabled));
                    break;
                case IHtmlInputElement { Type: "radio" }:
                    break;
                case IHtmlInputElement { Type: "checkbox" } box:
                    fields.Add(new FormField(name, box.Value, KindOf(box), box.IsDefaultChecked && !disabled));
                    break;
                case IHtmlInputElement { Type: "file" }:
                    fields.Add(new FormField(name, "fuzz", FieldKind.File, !disabled));
                    break;
                case IHtmlInputElement input:
                    var kind = KindOf(input);
                    var value = input.Value;
                    if (value.Length == 0 && input.Type != "hidden" && (kind == FieldKind.Text || Required(input)))
                    {
                        value = Plausible(kind, input.Type, name, today);
                    }

                    fields.Add(new FormField(name, value, kind, !disabled));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new FormField(name, area.Value.Length > 0 ? area.Value : "Fuzz", FieldKind.Text, !disabled));
                    break;
                case IHtmlSelectElement select:
                    var options = select.Options.Select(o => o.Value).ToList();
                    var selected = select.Options.Where(o => o.IsDefaultSelected).Select(o => o.Value).ToList();
                    if (selected.Count == 0 || (!select.IsMultiple && selected[0].Length == 0 && Required(select)))
                    {
                        selected = [options.FirstOrDefault(o => o.Length > 0) ?? ""];
                    }

                    var selectKind = SelectKind(options);
                    fields.AddRange(selected.Take(select.IsMultiple ? int.MaxValue : 1).Select(v => new FormField(name, v, selectKind, !disabled)));
                    break;
                case IHtmlButtonElement button when button.Type == "submit":
                    fields.Add(new FormField(name, button.Value, FieldKind.Text, !clicked && !disabled));
                    clicked = true;
                    break;
            }
        }

        return new HtmlForm(method, page, action, multipart, fields, token);
    }

    /// <summary>
    /// Whether the page says the field must be filled (<c>required</c>, or the validation attribute the tag helpers
    /// write for [Required]). Optional choices and dates stay as the page has them: filling every optional row of a
    /// form (a poll's spare options) would make the whole form invalid, and the one bad value would never be looked at.
    /// </summary>
    private static bool Required(IElement control) => control.HasAttribute("required") || control.HasAttribute("data-val-required");

    private static FieldKind KindOf(IHtmlInputElement input) => input.Type switch
    {
        "number" or "range" => FieldKind.Number,
        "date" or "month" or "week" => FieldKind.Date,
        "datetime-local" => FieldKind.DateTime,
        "time" => FieldKind.Time,
        "checkbox" or "radio" => input.Value is "true" or "false" or "on" ? FieldKind.Boolean : ValueKind(input.Value, FieldKind.Choice),
        "hidden" => ValueKind(input.Value, FieldKind.Text),
        _ => input.GetAttribute("inputmode") is "numeric" or "decimal" ? FieldKind.Number : FieldKind.Text,
    };

    private static FieldKind SelectKind(IReadOnlyList<string> options)
    {
        var values = options.Where(o => o.Length > 0).ToList();
        return values.Count == 0 ? FieldKind.Choice
            : values.All(v => Guid.TryParse(v, out _)) ? FieldKind.Id
            : values.All(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) ? FieldKind.Number
            : FieldKind.Choice;
    }

    private static FieldKind ValueKind(string value, FieldKind otherwise) =>
        Guid.TryParse(value, out _) ? FieldKind.Id
        : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? FieldKind.Number
        : value is "true" or "false" or "True" or "False" ? FieldKind.Boolean
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? FieldKind.Date
        : DateTime.TryParseExact(value, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? FieldKind.DateTime
        : otherwise;

    /// <summary>A value the field would plausibly accept, so the one bad value beside it is what the server meets.</summary>
    private static string Plausible(FieldKind kind, string type, string name, DateOnly today) => kind switch
    {
        FieldKind.Number => "1",
        FieldKind.Date => today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        FieldKind.DateTime => today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00",
        FieldKind.Time => "10:00",
        _ when type == "password" => TestUsers.Password,
        _ when type == "email" || name.Contains("email", StringComparison.OrdinalIgnoreCase) => "fuzz@example.org",
        _ when type == "url" => "https://example.org/",
        _ when type == "tel" => "+1 512 555 0100",
        _ => "Fuzz",
    };
}

/// <summary>Addresses as the crawler and the fuzzer compare them.</summary>
internal static class Routes
{
    /// <summary>The address a link or action leads to, when it stays on the site (null for other sites, mail links, fragments).</summary>
    public static Uri? SameOrigin(Uri page, string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#') || href.StartsWith("//", StringComparison.Ordinal)
            || !Uri.TryCreate(page, href, out var target) || target.Scheme != page.Scheme || target.Authority != page.Authority)
        {
            return null;
        }

        return new UriBuilder(target) { Fragment = "" }.Uri;
    }

    /// <summary>
    /// A route's shape: id segments (GUIDs, numbers) blanked, query values dropped except the page handler's, so one
    /// tournament's page stands for every tournament's.
    /// </summary>
    public static string Pattern(Uri url)
    {
        var path = string.Join('/', url.AbsolutePath.Split('/').Select(s => IsId(s) ? "{id}" : s));
        // Pages named by a slug stand for each other as id pages do: one fighter's page for the hundreds linked.
        foreach (var collection in SlugCollections)
        {
            if (path.StartsWith(collection, StringComparison.Ordinal) && path.Length > collection.Length)
            {
                var end = path.IndexOf('/', collection.Length);
                path = collection + "{slug}" + (end < 0 ? "" : path[end..]);
            }
        }

        var query = QueryHelpers.ParseQuery(url.Query)
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => q.Key.Equals("handler", StringComparison.OrdinalIgnoreCase) ? $"{q.Key}={q.Value}" : q.Key);
        var keys = string.Join('&', query);
        return keys.Length > 0 ? $"{path}?{keys}" : path;
    }

    private static readonly string[] SlugCollections = ["/fights/fighters/", "/fights/events/"];

    public static bool IsId(string segment) =>
        Guid.TryParse(segment, out _) || (segment.Length > 0 && segment.All(char.IsAsciiDigit));
}
