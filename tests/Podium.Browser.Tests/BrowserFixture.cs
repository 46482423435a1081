using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Podium.Platform.Realtime;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Browser.Tests;

/// <summary>The real app on a loopback Kestrel port and Debian's Chromium, shared by the tests of a class.</summary>
public class BrowserFixture : IAsyncLifetime
{
    private PodiumAppFactory? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>An account that can sign in straight away.</summary>
    public async Task CreateConfirmedUserAsync(string email, string password, params string[] roles)
    {
        await TestUsers.CreateAsync(_app!, email, "Browser Tester", password: password, roles: roles);
    }

    /// <summary>An administrator with an authenticator (the admin pages need the second factor); returns its key.</summary>
    public async Task<string> CreateAdminAsync(string email, string password) =>
        (await TestUsers.CreateAsync(_app!, email, "Browser Admin", twoFactor: true, password, Podium.Platform.Identity.Roles.Admin)).AuthenticatorKey!;

    /// <summary>Fills in and sends the sign-in form (a second factor, if the account has one, is the caller's next step).</summary>
    public static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.Locator("main").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Marks the page's window, so <see cref="AssertNotReloadedAsync"/> can tell a live update from a reload.</summary>
    // A reload would start a fresh window object; the mark survives only on the same document.
    public static Task MarkNotReloadedAsync(IPage page) => page.EvaluateAsync("() => { window.podiumTestMark = true; }");

    public static async Task AssertNotReloadedAsync(IPage page) =>
        (await page.EvaluateAsync<bool>("() => window.podiumTestMark === true")).ShouldBeTrue("the page reloaded");

    /// <summary>The running app's services, to arrange data the way the server itself writes it.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>A live-update topic family anyone may follow, registered for the tests.</summary>
    public const string LiveTopic = "browser-test";

    /// <summary>Publishes a live update from the server, as a module would after a change.</summary>
    public Task PublishAsync(string topic, string name, object? data) =>
        _app!.Services.GetRequiredService<ILiveUpdates>().PublishAsync(topic, name, data);

    /// <summary>The app's e-mail pickup folder.</summary>
    public Mailbox Mail => new(_app!.MailDirectory);

    public async ValueTask InitializeAsync()
    {
        _app = (await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithServices(services => services.AddLiveTopic(LiveTopic));
        await ConfigureAsync(_app);
        BaseAddress = _app.StartOnKestrel();
        await StartedAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // No sandbox as root in a container; the rest keeps Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    /// <summary>
    /// A fresh context (own storage) whose page records every console error (content security policy violations
    /// included), uncaught exception and failed request.
    /// </summary>
    public async Task<(IPage Page, List<string> Problems)> OpenAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        // Generous: a loaded 2-core CI machine can take a while to answer; a real hang still fails.
        page.SetDefaultTimeout(60_000);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        // Chromium cancels a page's unfinished loads (deferred scripts, images) when it navigates away, reporting each as
        // net::ERR_ABORTED: that is the browser leaving the page, not the page failing. A load aborted while its own page
        // is still the current one is still a problem.
        var navigations = 0;
        var startedIn = new ConditionalWeakTable<IRequest, StrongBox<int>>();
        page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest && request.Frame == page.MainFrame)
            {
                Interlocked.Increment(ref navigations);
            }

            startedIn.AddOrUpdate(request, new StrongBox<int>(Volatile.Read(ref navigations)));
        };
        page.RequestFailed += (_, request) =>
        {
            var leftPage = request.Failure == "net::ERR_ABORTED" && !request.IsNavigationRequest
                && startedIn.TryGetValue(request, out var started) && Volatile.Read(ref navigations) > started.Value;
            if (!leftPage)
            {
                problems.Add($"request failed: {request.Url} {request.Failure}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.Contains("/no-such-page", StringComparison.Ordinal))
            {
                problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        return (page, problems);
    }

    /// <summary>
    /// A new club administrator (who manages the club as an officer does; the officer pages ask no second factor),
    /// signed in on a phone-sized page (390×844, touch).
    /// </summary>
    public async Task<(IPage Page, List<string> Problems)> ClubAdminOnPhoneAsync(string email, string password)
    {
        await CreateConfirmedUserAsync(email, password, Podium.Platform.Identity.Roles.Admin);
        var (phone, problems) = await OpenAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await SubmitSignInAsync(phone, email, password);
        await phone.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return (phone, problems);
    }

    /// <summary>Settings of the app before it starts.</summary>
    protected virtual Task ConfigureAsync(PodiumAppFactory app) => Task.CompletedTask;

    /// <summary>The app listens on <see cref="BaseAddress"/> now.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
