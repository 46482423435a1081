using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Sample;

/// <summary>
/// The app's modules plus the worked example, <c>tests/Podium.Modules.Sample</c>, on one host: what the app would be
/// once the Sample's line is in its module list. SQLite only: the Sample has no tables, so no database tells it apart.
/// </summary>
public sealed class SampleHostFixture : IAsyncLifetime
{
    private PlatformTestHost? _host;

    public PlatformTestHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public async ValueTask InitializeAsync() =>
        _host = await PlatformTestHost.StartAsync(
            "Testing",
            new Dictionary<string, string?> { ["Podium:Identity:PasswordHashIterations"] = "10000" },
            _ => { },
            TestContext.Current.CancellationToken,
            modules: TestModules.WithSample);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
