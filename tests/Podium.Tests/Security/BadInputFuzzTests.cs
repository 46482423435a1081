using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Tests.Infrastructure;
using Podium.Tests.Security.Fuzzing;
using Serilog.Core;

namespace Podium.Tests.Security;

/// <summary>
/// Bad input everywhere, found rather than listed so it cannot drift: every operation of the app's own OpenAPI document,
/// and every form of every page reachable by links as an anonymous visitor, a club member, a club officer and an
/// administrator, over the demo data of every module. Each field in turn gets wrong types, empty, huge, negative and
/// far-future values, NUL and control characters and invalid UTF-8; each form and operation also gets handlers and
/// methods it does not have and broken bodies. Nothing may answer 5xx, and a refused request may write nothing but the
/// audit record of its refusal (checked in the database by triggers on every table of the model).
/// A bounded, seeded sample runs in CI; <see cref="FuzzSettings"/> says how to ask for more.
/// </summary>
public abstract class BadInputFuzzTests(FuzzAppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryFormAndApiOperation_WhenGivenBadInput_NeverAnswers5xx_AndWritesNothingItRefuses()
    {
        var elapsed = Stopwatch.StartNew();
        var app = fixture.App;
        await DemoData.SeedAsync(app.Services, _ct);
        var seeded = elapsed.Elapsed;
        var settings = FuzzSettings.FromEnvironment();
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        var accounts = new FuzzAccounts(app, fixture.Clock, _ct);
        var output = TestContext.Current.TestOutputHelper;

        // Least privileged first: a form or page is fuzzed as the first visitor shown it.
        Visitor[] visitors =
        [
            new("anonymous", anonymous: true, () => Task.FromResult(new FormSession(app))),
            new(FuzzAccounts.Member, anonymous: false, () => accounts.SignInAsync(FuzzAccounts.Member)),
            new(FuzzAccounts.Officer, anonymous: false, () => accounts.SignInAsync(FuzzAccounts.Officer)),
            new(FuzzAccounts.Admin, anonymous: false, () => accounts.SignInAsync(FuzzAccounts.Admin)),
        ];
        var pages = new Dictionary<string, (Visitor Visitor, HtmlPage Page)>(StringComparer.Ordinal);
        var forms = new Dictionary<string, (Visitor Visitor, HtmlForm Form)>(StringComparer.Ordinal);
        // The crawls only read, so they run side by side (most of their time is the first rendering of each page).
        var crawls = await Task.WhenAll(visitors.Select(async visitor =>
        {
            await visitor.StartAsync();
            return await SiteCrawler.CrawlAsync(visitor.Session.Client, settings, today, line => output?.WriteLine(line), _ct);
        }));
        foreach (var (visitor, crawled) in visitors.Zip(crawls))
        {
            foreach (var page in crawled)
            {
                visitor.Token ??= page.Token;
                pages.TryAdd(Routes.Pattern(page.Url), (visitor, page));
                foreach (var form in page.Forms)
                {
                    forms.TryAdd(form.Key, (visitor, form));
                }
            }
        }

        var anonymousApi = new ApiCaller("anonymous", app.CreateClient(), new HashSet<string>());
        var operations = OpenApiOperations.Read(await anonymousApi.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", _ct));
        ApiCaller[] callers = [anonymousApi, await accounts.TokenAsync(FuzzAccounts.Member), await accounts.TokenAsync(FuzzAccounts.Officer), await accounts.TokenAsync(FuzzAccounts.Admin)];

        // The crawl found what each kind of visitor may do, or the run proves nothing.
        foreach (var visitor in visitors)
        {
            forms.Values.Count(f => f.Visitor == visitor).ShouldBeGreaterThan(0, $"no form was first shown to the {visitor.Name}");
        }

        operations.ShouldContain(o => o.Body != null && o.Requirements != null);
        var setup = elapsed.Elapsed;

        await using var writes = await DatabaseWrites.InstallAsync(app, _ct);
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var runner = new FuzzRunner(settings, writes, fixture.Log, cookie.LoginPath.Value!, cookie.AccessDeniedPath.Value!, line => output?.WriteLine(line));
        var api = new ApiFuzzer(runner, settings, today, _ct);
        foreach (var operation in operations)
        {
            await api.FuzzAsync(operation, operations, callers);
        }

        var pageFuzzer = new FormFuzzer(runner, settings, today, _ct);
        foreach (var visitor in visitors)
        {
            foreach (var (_, page) in pages.Values.Where(p => p.Visitor == visitor))
            {
                await pageFuzzer.FuzzPageAsync(visitor, page);
            }

            // What signs out, locks or deletes goes last, so it cannot take away what the other forms stand on.
            foreach (var (_, form) in forms.Values.Where(f => f.Visitor == visitor).OrderBy(f => FormFuzzer.IsDestructive(f.Form)))
            {
                await pageFuzzer.FuzzFormAsync(visitor, form);
            }
        }

        output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{fixture.Provider}: {runner.Requests} fuzz requests in {elapsed.Elapsed.TotalSeconds:0.0} s " +
            $"(demo data {seeded.TotalSeconds:0.0} s, accounts and crawl {(setup - seeded).TotalSeconds:0.0} s, fuzzing {(elapsed.Elapsed - setup).TotalSeconds:0.0} s): " +
            $"{pageFuzzer.Forms} forms with {pageFuzzer.Fields} fields and {pages.Count} pages as {string.Join("/", visitors.Select(v => v.Name))}, " +
            $"{api.Operations} API operations with {api.Fields} fields; {pageFuzzer.PageLoads + api.Lookups} page loads and id lookups besides; " +
            $"{visitors.Sum(v => v.Renewals)} sessions renewed after a case ended them; " +
            $"{runner.ServerErrors} answered 5xx, {runner.RefusedWrites} refused yet wrote; {settings}"));
        foreach (var skipped in pageFuzzer.Skipped)
        {
            output?.WriteLine($"skipped: {skipped}");
        }

        if (runner.Failures > 0)
        {
            Assert.Fail(runner.Report());
        }
    }
}

/// <summary>
/// The app as the fuzzer needs it: nothing writing in the background (jobs, the outbox dispatcher) so every write seen
/// during a request is that request's; the clock stopped; and the exceptions the app logs collected, to name the cause
/// of a 5xx.
/// </summary>
public abstract class FuzzAppFixture(DatabaseProvider provider) : AppFixture(provider)
{
    internal CollectingSink Log { get; } = new();

    internal FrozenClock Clock { get; } = new();

    protected override void Configure(PodiumAppFactory app) => app
        .WithSetting("Podium:Jobs:Enabled", "false")
        .WithSetting("Podium:Outbox:DispatcherEnabled", "false")
        .WithSetting("Serilog:MinimumLevel:Override:Podium.Platform.Api.PodiumExceptionHandler", "Error")
        .WithServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Log);
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        });
}

public sealed class SqliteFuzzAppFixture() : FuzzAppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresFuzzAppFixture() : FuzzAppFixture(DatabaseProvider.Postgres);

public sealed class SqliteBadInputFuzzTests(SqliteFuzzAppFixture fixture) : BadInputFuzzTests(fixture), IClassFixture<SqliteFuzzAppFixture>;

public sealed class PostgresBadInputFuzzTests(PostgresFuzzAppFixture fixture) : BadInputFuzzTests(fixture), IClassFixture<PostgresFuzzAppFixture>;
