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
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("podium-cli-").FullName,
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

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

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
}
