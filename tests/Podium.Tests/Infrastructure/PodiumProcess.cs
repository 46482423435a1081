using System.Diagnostics;

namespace Podium.Tests.Infrastructure;

/// <summary>Runs the real binary (<c>dotnet Podium.Web.dll …</c>) as a separate process, as an operator would.</summary>
public static class PodiumProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    private static string WebAssembly => Path.Combine(AppContext.BaseDirectory, "Podium.Web.dll");

    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunWithInputAsync(environment, "", args);

    public static async Task<Result> RunWithInputAsync(IReadOnlyDictionary<string, string> environment, string standardInput, params string[] args)
    {
        var directory = Directory.CreateTempSubdirectory("podium-cli-").FullName;
        try
        {
            return await RunInAsync(directory, environment, standardInput, args);
        }
        finally
        {
            // A suite run makes hundreds of these; the machine's /tmp is not ours to fill.
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs a command with <paramref name="workingDirectory"/> as the content root (where <c>data/</c> lands).</summary>
    public static async Task<Result> RunInAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string standardInput, params string[] args)
    {
        var start = StartInfo(workingDirectory, environment, args);
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"podium {string.Join(' ', args)} did not finish within 60 s");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the server (or a long command) and leaves it running until the handle is disposed.</summary>
    public static Running Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var process = Process.Start(StartInfo(workingDirectory, environment, args))!;
        process.StandardInput.Close();
        return new Running(process);
    }

    /// <summary>A started process; disposing stops it (and its children) if it still runs.</summary>
    public sealed class Running : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _output;
        private readonly Task<string> _error;

        internal Running(Process process)
        {
            _process = process;
            _output = process.StandardOutput.ReadToEndAsync();
            _error = process.StandardError.ReadToEndAsync();
        }

        public bool HasExited => _process.HasExited;

        /// <summary>Stops the process and returns everything it wrote.</summary>
        public async Task<Result> StopAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            return new Result(_process.ExitCode, await _output, await _error);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _process.Dispose();
        }
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(WebAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only what the test says: no inherited Podium or ASP.NET Core settings from the developer's shell.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Podium__", StringComparison.Ordinal)
            || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        // Tests read the command's stderr; on a loaded machine a slow-query warning (a cold migrations-history read took
        // 0.9 s in one CI run) would come before the line they check. A test may still set its own marks.
        start.Environment["Podium__Observability__SlowDbCommandMs"] = "600000";
        start.Environment["Podium__Observability__SlowRequestMs"] = "600000";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
