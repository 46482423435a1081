using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;

namespace Podium.Tests.Infrastructure;

/// <summary>
/// One app and one fresh database per test class (xUnit class fixture). Tests written once against this base run on
/// each provider through a derived fixture; the PostgreSQL one needs the test services.
/// </summary>
public abstract class AppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private PodiumAppFactory? _app;
    private Exception? _unavailable;

    public DatabaseProvider Provider { get; } = provider;

    public PodiumAppFactory App => _app ?? throw _unavailable ?? new InvalidOperationException("The fixture has not started.");

    public HttpClient CreateClient() => App.CreateClient();

    /// <summary>A scope of the app's services (DbContext, stores) for arranging and checking data directly.</summary>
    public AsyncServiceScope CreateScope() => App.Services.CreateAsyncScope();

    public virtual async ValueTask InitializeAsync()
    {
        try
        {
            _app = await PodiumAppFactory.CreateAsync(Provider);
            Configure(_app);
        }
        catch (Exception ex) when (ex.Message.StartsWith("$XunitDynamicSkip$", StringComparison.Ordinal))
        {
            // Remembered, and rethrown by App inside each test so each test is reported as skipped with the reason.
            _unavailable = ex;
            return;
        }

        // Start the host now, so migrations run once per class rather than inside the first test.
        _ = _app.Services;
    }

    /// <summary>Settings and services of this fixture's app, before it starts.</summary>
    protected virtual void Configure(PodiumAppFactory app)
    {
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteAppFixture() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresAppFixture() : AppFixture(DatabaseProvider.Postgres);
