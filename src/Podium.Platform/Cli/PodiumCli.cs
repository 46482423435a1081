using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace Podium.Platform.Cli;

/// <summary>A top-level command of the <c>podium</c> CLI; capabilities and modules register theirs in DI.</summary>
public interface ICliCommand
{
    Command Build(IServiceProvider services);
}

/// <summary>
/// The web app and the CLI are one binary: with a command it runs the command against the configured services
/// (same configuration, same database) and exits, without starting the server.
/// </summary>
public static class PodiumCli
{
    private static readonly string[] RootOptions = ["--help", "-h", "-?", "--version"];

    public static bool IsCommand(IReadOnlyList<string> args) =>
        args.Count > 0 && (!args[0].StartsWith('-') || RootOptions.Contains(args[0], StringComparer.Ordinal));

    public static Task<int> InvokeAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var root = new RootCommand(
            "Podium: prediction leagues and club competitions. Without a command it starts the web app; " +
            "configuration comes from appsettings, environment variables (Podium__Database__Provider, ConnectionStrings__Podium) " +
            "and the ASPNETCORE_ENVIRONMENT variable.");
        foreach (var command in services.GetServices<ICliCommand>())
        {
            root.Subcommands.Add(command.Build(services));
        }

        return root.Parse(args).InvokeAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Runs a command body in its own DI scope. Errors that describe the input or the configuration are printed
    /// as one line to stderr (exit 1); anything else propagates with its stack trace.
    /// </summary>
    public static void SetScopedAction(this Command command, IServiceProvider services, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                return await action(parseResult, scope.ServiceProvider, cancellationToken);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or CliException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
        });
}

/// <summary>A command failed for a reason the user can act on; the message says which.</summary>
public sealed class CliException(string message) : Exception(message);
