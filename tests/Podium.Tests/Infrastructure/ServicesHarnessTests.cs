using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Podium.Tests.Infrastructure;

/// <summary>The services scripts/services.sh starts are the real servers the data, cache and limit tests rely on.</summary>
public sealed class ServicesHarnessTests
{
    [Fact]
    public async Task Redis_AnswersPingOnTheAdvertisedAddress()
    {
        var address = TestServices.RequireRedis();
        var separator = address.LastIndexOf(':');
        using var client = new TcpClient();
        await client.ConnectAsync(address[..separator], int.Parse(address[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
        var stream = client.GetStream();

        await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);

        Encoding.ASCII.GetString(buffer, 0, read).ShouldBe("+PONG\r\n");
    }

    [Fact]
    public async Task Postgres_LetsTheTestRoleCreateDatabases()
    {
        await using var connection = new NpgsqlConnection(TestServices.RequirePostgres());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user", connection);

        (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).ShouldBe(true);
        connection.PostgreSqlVersion.Major.ShouldBeGreaterThanOrEqualTo(15);
    }
}
