using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;

namespace Podium.Tests.Infrastructure;

/// <summary>
/// The real app (Program) on a database of its own. In-memory test server by default; <see cref="StartOnKestrel"/>
/// puts it on a real loopback port for browsers and socket-level behaviour (request limits).
/// With <paramref name="ownsDatabase"/> false several apps share one database (cluster tests) and the test removes it.
/// </summary>
/// <param name="ownsDatabase">
/// Whether disposing the app drops the database. False for a second instance on a database another app owns (the
/// multi-instance tests).
/// </param>
public sealed class PodiumAppFactory(TestDatabase database, bool ownsDatabase = true) : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly List<Action<IServiceCollection>> _services = [];
    private bool _kestrel;

    public TestDatabase Database { get; } = database;

    /// <summary>Where this app's e-mail lands (the pickup folder), one per app.</summary>
    public string MailDirectory { get; } = Directory.CreateTempSubdirectory("podium-mail-").FullName;

    public string Environment { get; set; } = "Testing";

    /// <summary>Sets a configuration value (e.g. <c>Podium:Http:MaxRequestBodyBytes</c>) before the host starts.</summary>
    public PodiumAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Uses Redis (the test server unless <paramref name="connectionString"/> names another). Keys and channels get
    /// <paramref name="keyPrefix"/>: apps given the same prefix share limits, cache and messages like a cluster's
    /// instances; each other app is isolated from the rest of the suite.
    /// </summary>
    public PodiumAppFactory WithRedis(string? keyPrefix = null, string? connectionString = null)
    {
        _settings["ConnectionStrings:Redis"] = connectionString ?? TestServices.RequireRedis();
        _settings["Podium:Redis:KeyPrefix"] = keyPrefix ?? NewRedisPrefix();
        return this;
    }

    public static string NewRedisPrefix() => $"t{Guid.NewGuid():N}:";

    public PodiumAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Serves on 127.0.0.1 with a free port; returns the base address.</summary>
    public Uri StartOnKestrel()
    {
        _kestrel = true;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        return ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        // Outside Development the app serves wwwroot as published; tests run from the build output, so point the
        // static assets (and their precompressed variants) at the build's manifest, as Development does.
        builder.UseStaticWebAssets();
        builder.UseSetting("Podium:Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Podium", Database.ConnectionString);
        builder.UseSetting("Podium:Database:MigrateOnStart", "true");
        builder.UseSetting("Podium:Database:SeedOnStart", "false");
        builder.UseSetting("Podium:Email:PickupDirectory", MailDirectory);
        // Hashing at the production cost (about 0.2 s a password here) would dominate the suite; one test checks the real cost.
        builder.UseSetting("Podium:Identity:PasswordHashIterations", "10000");
        // Every test client is 127.0.0.1 to the per-IP limits; the rate-limit tests lower them again.
        foreach (var policy in new[] { "Anonymous", "User", "ApiKey", "Account" })
        {
            builder.UseSetting($"Podium:RateLimits:{policy}:PermitLimit", "100000");
        }

        // Quiet: failures show in assertions, and tests about logs capture them with a sink.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
        foreach (var noisy in new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Hosting.Lifetime" })
        {
            builder.UseSetting($"Serilog:MinimumLevel:Override:{noisy}", "Fatal");
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    public HttpClient CreateClientWithoutRedirects() =>
        _kestrel
            ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = ClientOptions.BaseAddress }
            : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }

        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    public static async Task<PodiumAppFactory> CreateAsync(DatabaseProvider provider) =>
        new(await TestDatabase.CreateAsync(provider));
}
