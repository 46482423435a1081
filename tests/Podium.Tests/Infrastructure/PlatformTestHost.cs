using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform;
using Podium.Platform.Modules;
using Podium.Web;

namespace Podium.Tests.Infrastructure;

/// <summary>
/// The platform and the web app's pages on a real loopback socket, built here rather than through the factory, so a
/// test can choose the environment and add endpoints of its own (ones that fail, ones that write) as modules will.
/// </summary>
public sealed class PlatformTestHost : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly string _mail;
    private readonly WebApplication _app;

    private PlatformTestHost(TestDatabase database, string mail, WebApplication app)
    {
        _database = database;
        _mail = mail;
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Added to (or replacing) what every such host needs: its database, mail folder and URL.</param>
    /// <param name="map">The test's own endpoints, mapped after the platform's.</param>
    /// <param name="provider">The database the host runs on (its own, dropped on dispose).</param>
    /// <param name="services">Replacements of the test's own (a <see cref="TestClock"/>), after the platform's.</param>
    /// <param name="modules">The host's module list unless given (<see cref="TestModules.WithSample"/>).</param>
    public static async Task<PlatformTestHost> StartAsync(
        string environment,
        IReadOnlyDictionary<string, string?> settings,
        Action<WebApplication> map,
        CancellationToken cancellationToken,
        Podium.Platform.Data.DatabaseProvider provider = Podium.Platform.Data.DatabaseProvider.Sqlite,
        Action<IServiceCollection>? services = null,
        IReadOnlyList<ModuleStartup>? modules = null)
    {
        modules ??= PodiumModules.All;
        var database = await TestDatabase.CreateAsync(provider);
        var mail = Directory.CreateTempSubdirectory("podium-mail-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                EnvironmentName = environment,
                // The host's pages (error page, home) come from the web app's assembly; the layout from Platform's.
                ApplicationName = typeof(Program).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            });
            var configuration = new Dictionary<string, string?>
            {
                ["Podium:Database:Provider"] = provider.ToString(),
                ["Podium:Database:MigrateOnStart"] = "true",
                ["ConnectionStrings:Podium"] = database.ConnectionString,
                ["Podium:PublicUrl"] = "https://podium.test",
                ["Podium:Email:From"] = "Podium <no-reply@podium.test>",
                ["Podium:Email:PickupDirectory"] = mail,
                ["Serilog:MinimumLevel:Default"] = "Fatal",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Fatal",
            };
            foreach (var (key, value) in settings)
            {
                configuration[key] = value;
            }

            builder.Configuration.AddInMemoryCollection(configuration);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.AddPlatform([], PodiumProduct.Info);
            // The modules the real host is built with: the database model (and so its migrations) includes theirs.
            builder.AddModules(modules);
            var pages = builder.Services.AddRazorPages();
            // The web app finds the pages of the modules it references; a module only the tests reference brings its own.
            foreach (var assembly in modules.Select(m => m.Assembly).Except(PodiumModules.All.Select(m => m.Assembly)))
            {
                pages.AddApplicationPart(assembly);
            }

            services?.Invoke(builder.Services);

            var app = builder.Build();
            app.MapPlatform();
            app.MapModules();
            app.MapRazorPages();
            map(app);
            await app.StartAsync(cancellationToken);
            return new PlatformTestHost(database, mail, app);
        }
        catch
        {
            await database.DisposeAsync();
            Directory.Delete(mail, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_mail, recursive: true);
    }
}
