using System.Net;

namespace Podium.Tests.Security.Fuzzing;

/// <summary>
/// The page side: for every form a visitor is shown, each field in turn gets bad values while the others keep
/// plausible ones and the valid antiforgery token rides along; ids in the form's address get bad values too; and the
/// form is posted to a handler and with methods it does not have. Every page also gets posts it has no form for.
/// </summary>
internal sealed class FormFuzzer(FuzzRunner runner, FuzzSettings settings, DateOnly today, CancellationToken cancellationToken)
{
    private const string UnknownHandler = "Bogus";
    private static readonly string[] UnknownMethods = ["PUT", "DELETE", "PATCH"];

    // Words of actions that end a session or remove what later forms stand on: fuzzed after everything else.
    private static readonly string[] DestructiveWords =
        ["delete", "remove", "revoke", "sign-out", "signout", "everywhere", "lock", "disable", "cancel", "reset", "rotate", "roles"];

    public int Forms { get; private set; }

    public int Fields { get; private set; }

    public int PageLoads { get; private set; }

    public List<string> Skipped { get; } = [];

    public static bool IsDestructive(HtmlForm form) =>
        DestructiveWords.Any(w => form.Action.PathAndQuery.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>Posts and methods the page has no form for; none of them may change anything.</summary>
    public async Task FuzzPageAsync(Visitor visitor, HtmlPage page)
    {
        var target = $"page {Routes.Pattern(page.Url)}";
        var plan = new List<(string Method, Uri Url, string Mutation)> { ("GET", WithHandler(page.Url, UnknownHandler), "unknown-handler") };
        if (!PostsWithoutHandler(page, page.Url))
        {
            // Razor Pages runs the unnamed OnPost for a handler name it does not know: only where there is none is
            // an unknown handler a request the page has no answer for.
            plan.Add(("POST", WithHandler(page.Url, UnknownHandler), "unknown-handler"));
            plan.Add(("POST", WithHandler(page.Url, null), "post-without-form"));
        }

        plan.AddRange(PickMethods(target).Select(m => (m, page.Url, "unknown-method")));
        foreach (var (method, url, mutation) in plan)
        {
            var token = visitor.Token;
            await runner.SendAsync(visitor.Session.Client, new FuzzCase(visitor.Name, target, "(page)", $"{mutation} {method}", () => new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = method == "GET" ? null : Bodies.FormUrlEncoded(token is null ? [] : [(HtmlForm.TokenField, WireValue.Of(token))]),
            }, RefusedByDefinition: true, SignedIn: !visitor.Anonymous), cancellationToken);
        }
    }

    public async Task FuzzFormAsync(Visitor visitor, HtmlForm crawled)
    {
        var (page, form) = await FreshAsync(visitor, crawled);
        if (form is null)
        {
            Skipped.Add($"{visitor.Name}: {crawled.Key} (no longer on {crawled.Page.AbsolutePath})");
            return;
        }

        Forms++;
        if (form.IsPost && form.Token is null)
        {
            runner.Fail($"{visitor.Name}: the POST form to {Routes.Pattern(form.Action)} on {form.Page.AbsolutePath} has no antiforgery token: a browser's post is refused");
        }

        foreach (var (field, mutation, build, refused) in Plan(form, PostsWithoutHandler(page!, form.Action)))
        {
            var current = form;
            var token = current.Token ?? visitor.Token;
            var answer = await runner.SendAsync(visitor.Session.Client, new FuzzCase(visitor.Name, form.Key, field, mutation.Name, () => build(current, token), refused, SignedIn: !visitor.Anonymous), cancellationToken);
            if (!visitor.Anonymous && answer.ToSignIn)
            {
                // Sent to sign in: that case (or one before it) ended the session. Carry on as a new account of the same kind.
                (_, form) = await FreshAsync(visitor, crawled);
                if (form is null)
                {
                    Skipped.Add($"{visitor.Name}: the rest of {crawled.Key} (gone after {field} = {mutation.Name})");
                    return;
                }
            }
        }
    }

    private IEnumerable<(string Field, Mutation Mutation, Func<HtmlForm, string?, HttpRequestMessage> Build, bool Refused)> Plan(HtmlForm form, bool fallsBack)
    {
        foreach (var name in form.Targets)
        {
            Fields++;
            var (aimed, others) = Mutations.ForField(form.KindOf(name), form.Fields.First(f => f.Name == name).Value);
            foreach (var mutation in settings.Pick($"{form.Key}|{name}", aimed, others))
            {
                yield return (name, mutation, (f, token) => Request(f, token, f.Method, f.Action, f.Pairs(name, mutation.Values)), false);
            }
        }

        var segments = form.Action.AbsolutePath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!Routes.IsId(segments[i]))
            {
                continue;
            }

            Fields++;
            var index = i;
            var (aimed, others) = Mutations.ForSegment(Guid.TryParse(segments[i], out _) ? FieldKind.Id : FieldKind.Number);
            foreach (var mutation in settings.Pick($"{form.Key}|segment{i}", aimed, others))
            {
                yield return ($"{{segment {i}}}", mutation, (f, token) => Request(f, token, f.Method, WithSegment(f.Action, index, mutation.Values[0].Text!), f.Pairs()), false);
            }
        }

        foreach (var (name, value) in QueryOf(form.Action).Where(q => !q.Name.Equals("handler", StringComparison.OrdinalIgnoreCase)))
        {
            Fields++;
            var (aimed, others) = Mutations.ForField(Routes.IsId(value) ? (Guid.TryParse(value, out _) ? FieldKind.Id : FieldKind.Number) : FieldKind.Text, value);
            foreach (var mutation in settings.Pick($"{form.Key}|?{name}", aimed, others))
            {
                yield return ($"?{name}", mutation, (f, token) => Request(f, token, f.Method, WithQuery(f.Action, name, mutation.Values), f.Pairs()), false);
            }
        }

        if (form.IsPost)
        {
            yield return ("(form)", new Mutation("unknown-handler", []), (f, token) => Request(f, token, "POST", WithHandler(f.Action, UnknownHandler), f.Pairs()), !fallsBack);
            if (Handler(form.Action) is not null)
            {
                yield return ("(form)", new Mutation("no-handler", []), (f, token) => Request(f, token, "POST", WithHandler(f.Action, null), f.Pairs()), false);
            }
        }

        foreach (var method in PickMethods(form.Key))
        {
            yield return ("(form)", new Mutation($"unknown-method {method}", []), (f, token) => Request(f, token, method, f.Action, f.Pairs()), true);
        }
    }

    private IReadOnlyList<string> PickMethods(string target) =>
        settings.Pick($"{target}|method", UnknownMethods, [], settings.Everything ? UnknownMethods.Length : 1);

    private static HttpRequestMessage Request(HtmlForm form, string? token, string method, Uri action, IReadOnlyList<(string Name, WireValue Value)> pairs)
    {
        if (method == "GET")
        {
            var query = Bodies.Query(pairs);
            return new HttpRequestMessage(HttpMethod.Get, Raw(action.GetLeftPart(UriPartial.Path) + (action.Query.Length > 0 ? $"{action.Query}&{query}" : $"?{query}")));
        }

        IEnumerable<(string Name, WireValue Value)> all = token is null ? pairs : [(HtmlForm.TokenField, WireValue.Of(token)), .. pairs];
        HttpContent content = form.Multipart
            ? Bodies.Multipart(all.Select(p => (p.Name, p.Value, form.Fields.Any(f => f.Name == p.Name && f.Kind == FieldKind.File))))
            : Bodies.FormUrlEncoded(all);
        return new HttpRequestMessage(new HttpMethod(method), action) { Content = content };
    }

    /// <summary>The form as its page shows it now (after earlier cases, or for a renewed visitor); null when it is gone.</summary>
    private async Task<(HtmlPage? Page, HtmlForm? Form)> FreshAsync(Visitor visitor, HtmlForm crawled)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await visitor.Session.Client.GetAsync(crawled.Page, cancellationToken);
            PageLoads++;
            if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var page = HtmlForms.Parse(crawled.Page, await response.Content.ReadAsStringAsync(cancellationToken), today);
                visitor.Token = page.Token ?? visitor.Token;
                return (page, page.Forms.FirstOrDefault(f => f.Key == crawled.Key));
            }

            if (visitor.Anonymous || attempt > 0)
            {
                return (null, null);
            }

            await visitor.RenewAsync();
        }
    }

    /// <summary>Whether the page has a form posting to this path without a handler: then the page has an unnamed OnPost.</summary>
    private static bool PostsWithoutHandler(HtmlPage page, Uri path) =>
        page.Forms.Any(f => f.IsPost && f.Action.AbsolutePath == path.AbsolutePath && Handler(f.Action) is null);

    private static string? Handler(Uri action) =>
        QueryOf(action).Where(q => q.Name.Equals("handler", StringComparison.OrdinalIgnoreCase)).Select(q => q.Value).FirstOrDefault();

    /// <summary>The query's pairs as sent (still URL-encoded).</summary>
    private static List<(string Name, string Value)> QueryOf(Uri url) =>
        [.. url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Select(p => (Uri.UnescapeDataString(p[0]), p.Length > 1 ? p[1] : ""))];

    private static Uri WithHandler(Uri url, string? handler)
    {
        var query = QueryOf(url).Where(q => !q.Name.Equals("handler", StringComparison.OrdinalIgnoreCase)).Select(q => $"{Uri.EscapeDataString(q.Name)}={q.Value}").ToList();
        if (handler is not null)
        {
            query.Add($"handler={handler}");
        }

        return Raw(url.GetLeftPart(UriPartial.Path) + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
    }

    private static Uri WithQuery(Uri url, string name, IReadOnlyList<WireValue> values)
    {
        var kept = QueryOf(url).Where(q => q.Name != name).Select(q => $"{Uri.EscapeDataString(q.Name)}={q.Value}");
        var query = string.Join('&', [.. kept, .. values.Select(v => Bodies.Query([(name, v)]))]);
        return Raw(url.GetLeftPart(UriPartial.Path) + (query.Length > 0 ? "?" + query : ""));
    }

    private static Uri WithSegment(Uri url, int index, string segment)
    {
        var segments = url.AbsolutePath.Split('/');
        segments[index] = segment;
        return Raw($"{url.GetLeftPart(UriPartial.Authority)}{string.Join('/', segments)}{url.Query}");
    }

    /// <summary>An address as written, percent-escapes included (the test server decodes them as Kestrel would).</summary>
    public static Uri Raw(string url) => new(url);
}
