using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Podium.Tests.Infrastructure;

/// <summary>
/// A Redis server of one test's own (Debian's redis-server, as scripts/services.sh installs it), for tests that stop
/// and restart Redis under a running app: the shared test server must stay up for everyone else.
/// </summary>
public sealed class TestRedisServer : IAsyncDisposable
{
    private Process? _process;

    private TestRedisServer(string executable, int port)
    {
        Executable = executable;
        Port = port;
    }

    public string Executable { get; }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<TestRedisServer> StartAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        if (executable is null)
        {
            // Same rule as the shared server: skipped locally, a failure in CI.
            throw TestServices.Unavailable(TestServices.RedisVariable);
        }

        var server = new TestRedisServer(executable, FreePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again, on the same port) and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await AnswersAsync())
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not come up");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server the way a crash or a network cut would: no goodbye to its clients.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>
    /// Freezes the server (SIGSTOP): its connections stay open and accept commands, nothing answers — the hardest
    /// outage for a client, which sees no error, only silence.
    /// </summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>Lets a frozen server run again (SIGCONT); it then answers what it was sent meanwhile.</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        var pid = _process?.Id ?? throw new InvalidOperationException("redis-server is not running");
        using var kill = Process.Start("/bin/kill", [signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {pid} failed");
        }
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
