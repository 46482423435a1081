using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Observability;

public abstract class HealthTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_Returns200WithoutRunningChecks()
    {
        var response = await fixture.CreateClient().GetAsync("/health/live", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        body.GetProperty("checks").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Ready_WhenDatabaseAnswers_Returns200ListingTheDatabaseCheck()
    {
        var response = await fixture.CreateClient().GetAsync("/health/ready", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl?.NoStore.ShouldBeTrue();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        checks.Keys.ShouldBe(["database", "redis"], ignoreOrder: true);
        // Without Redis nothing is missing: the single-process set-up is a supported one, not a degraded one.
        checks["redis"].GetProperty("status").GetString().ShouldBe("Healthy");
        var check = checks["database"];
        check.GetProperty("status").GetString().ShouldBe("Healthy");
        check.GetProperty("data").GetProperty("provider").GetString().ShouldBe(fixture.Provider.ToString());
    }
}

public sealed class HealthTests_Sqlite(SqliteAppFixture fixture) : HealthTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class HealthTests_Postgres(PostgresAppFixture fixture) : HealthTests(fixture), IClassFixture<PostgresAppFixture>;

public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Ready_WhenPostgresRefusesConnections_Returns503AndRecoversWhenItReturns()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await PodiumAppFactory.CreateAsync(Podium.Platform.Data.DatabaseProvider.Postgres);
        var database = (PostgresTestDatabase)app.Database;
        var client = app.CreateClient();
        (await client.GetAsync("/health/ready", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await database.ExecuteOnServerAsync($"ALTER DATABASE \"{database.Name}\" ALLOW_CONNECTIONS false");
        await database.ExecuteOnServerAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database.Name}'");
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            var down = await client.GetAsync("/health/ready", ct);
            down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var body = await down.Content.ReadFromJsonAsync<JsonElement>(ct);
            body.GetProperty("status").GetString().ShouldBe("Unhealthy");
            body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database")
                .GetProperty("description").GetString()!.ShouldStartWith("The database does not answer");
            (await client.GetAsync("/health/live", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await database.ExecuteOnServerAsync($"ALTER DATABASE \"{database.Name}\" ALLOW_CONNECTIONS true");
        }

        (await client.GetAsync("/health/ready", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
