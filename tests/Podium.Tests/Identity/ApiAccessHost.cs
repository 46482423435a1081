using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Identity;

/// <summary>
/// The platform with endpoints of the kinds modules will add (a read and a write guarded by scopes, an admin one), on
/// each database, with a clock the tests move.
/// </summary>
public abstract class ApiAccessHost(DatabaseProvider provider) : IAsyncLifetime
{
    public const string ReadPath = "/api/v1/test/fights";
    public const string WritePath = "/api/v1/test/fights/picks";
    public const string AdminPath = "/api/v1/test/admin";
    public const int ApiKeyLimit = 4321;

    /// <summary>The stand-in module's scopes, registered the way a module registers its own.</summary>
    public const string ReadScope = "standin:read";
    public const string WriteScope = "standin:write";

    private PlatformTestHost? _host;
    private Exception? _unavailable;

    public TestClock Clock { get; } = new();

    public PlatformTestHost Host => _host ?? throw _unavailable ?? new InvalidOperationException("The fixture has not started.");

    public HttpClient Client => Host.Client;

    public IServiceProvider Services => Host.Services;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _host = await PlatformTestHost.StartAsync(
                "Testing",
                new Dictionary<string, string?>
                {
                    ["Podium:Identity:PasswordHashIterations"] = "10000",
                    ["Podium:RateLimits:Anonymous:PermitLimit"] = "100000",
                    ["Podium:RateLimits:User:PermitLimit"] = "100000",
                    ["Podium:RateLimits:Account:PermitLimit"] = "5000",
                    ["Podium:RateLimits:ApiKey:PermitLimit"] = ApiKeyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                app =>
                {
                    var fights = app.MapGroup("/api/v1/test/fights");
                    fights.MapGet("", () => TypedResults.Ok(new { fights = 3 })).RequireScope(ReadScope);
                    fights.MapPost("/picks", async (HttpRequest request) =>
                    {
                        using var reader = new StreamReader(request.Body);
                        return TypedResults.Ok(new { received = (await reader.ReadToEndAsync()).Length });
                    }).RequireScope(WriteScope);
                    app.MapGet(AdminPath, () => TypedResults.Ok(new { admin = true })).RequireAuthorization(Policies.Admin);
                },
                TestContext.Current.CancellationToken,
                provider,
                services =>
                {
                    services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
                    services.AddApiScope(ReadScope, "Read the test's fights.", Roles.Member, Roles.Organizer, Roles.Admin);
                    services.AddApiScope(WriteScope, "Make the test's picks.", Roles.Member, Roles.Organizer, Roles.Admin);
                });
        }
        catch (Exception ex) when (ex.Message.StartsWith("$XunitDynamicSkip$", StringComparison.Ordinal))
        {
            _unavailable = ex;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    public async Task<PodiumUser> UserAsync(string name, params string[] roles) =>
        (await TestUsers.CreateAsync(Services, $"{name}-{Guid.NewGuid():N}@example.org", name, roles: roles)).User;

    public async Task<string> KeyAsync(PodiumUser owner, string[] scopes, string? networks = null, bool signed = false, DateTime? expires = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(owner, owner.Id, new ApiKeyRequest("test key", scopes, expires, networks, signed), TestContext.Current.CancellationToken);
        outcome.Errors.ShouldBeEmpty();
        return outcome.Value!.Secret;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer = null, string? apiKey = null, HttpContent? content = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        configure?.Invoke(request);
        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<JsonElement> TokenAsync(string email, string? code = null, string password = TestUsers.Password)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/auth/token", new { email, password, code }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }
}

public sealed class SqliteApiAccessHost() : ApiAccessHost(DatabaseProvider.Sqlite);

public sealed class PostgresApiAccessHost() : ApiAccessHost(DatabaseProvider.Postgres);
