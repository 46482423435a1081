using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Observability;

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

    /// <summary>The help's first line: "Podium: " and the host's sentence, which continues after the colon in lower case.</summary>
    internal static string Description(ProductInfo product) =>
        $"Podium: {char.ToLowerInvariant(product.Description[0])}{product.Description[1..]} Without a command it starts the web app; " +
        "configuration comes from appsettings, environment variables (Podium__Database__Provider, ConnectionStrings__Podium) " +
        "and the ASPNETCORE_ENVIRONMENT variable.";

    /// <summary>
    /// Commands that run before the app is composed. <c>health</c> is started by container runtimes every few
    /// seconds: composing the whole app would cost about a second of CPU each time, and it must answer the same
    /// whether or not the settings and the database would let the app start.
    /// </summary>
    /// <remarks>
    /// <c>login</c> and <c>logout</c> too: they run on a user's machine against a remote server, where there are no
    /// server settings to compose the app from.
    /// </remarks>
    public static bool IsStandalone(IReadOnlyList<string> args) =>
        args.Count > 0 && args[0] is HealthCommand.Name or LoginCommand.Name or LogoutCommand.Name;

    /// <summary>Runs a standalone command with Kestrel's environment variables (<c>ASPNETCORE_…</c>) as its only settings.</summary>
    public static Task<int> InvokeStandaloneAsync(string[] args, ProductInfo product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(product);
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").Build();
        var root = new RootCommand(Description(product)) { HealthCommand.Create(configuration), LoginCommand.Create(TimeProvider.System), LogoutCommand.Create() };
        return root.Parse(args).InvokeAsync(cancellationToken: cancellationToken);
    }

    public static Task<int> InvokeAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var root = new RootCommand(Description(services.GetRequiredService<ProductInfo>()));
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
    /// <param name="needsCurrentSchema">
    /// Refuse, naming <c>podium db migrate</c>, while migrations are pending: a command would otherwise fail half-way
    /// with "no such table". Only the commands that inspect or change the schema itself say false.
    /// </param>
    public static void SetScopedAction(
        this Command command, IServiceProvider services, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> action, bool needsCurrentSchema = true) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                if (needsCurrentSchema)
                {
                    var status = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().GetStatusAsync(cancellationToken);
                    if (status.Pending.Count > 0)
                    {
                        throw new CliException($"{status.Pending.Count} migration(s) are pending; run `podium db migrate` first.");
                    }
                }

                var exit = await action(parseResult, scope.ServiceProvider, cancellationToken);
                // A command's host runs no background services: its cache invalidations go to Redis (and so to the
                // running servers) here, before the process exits.
                await services.GetRequiredService<CacheInvalidationRelay>().DrainAsync();
                return exit;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or CliException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
        });

    /// <summary>
    /// A path the user typed, made absolute against the directory they typed it in. That is the working directory,
    /// except under <c>dotnet run</c>, which starts a web project in its own folder (so settings and the SQLite file are
    /// found): there the shell's <c>PWD</c> still names the user's directory.
    /// </summary>
    public static string FullPath(string path) =>
        Path.GetFullPath(path, InvocationDirectory(Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PWD")));

    /// <remarks>
    /// PWD is trusted only when the process runs in a folder holding a project file (what <c>dotnet run</c> does): a
    /// program that starts <c>podium</c> in another directory passes on its own, stale, PWD.
    /// </remarks>
    internal static string InvocationDirectory(string currentDirectory, string? shellDirectory) =>
        !string.IsNullOrEmpty(shellDirectory) && Path.IsPathFullyQualified(shellDirectory) && Directory.Exists(shellDirectory)
            && Directory.EnumerateFiles(currentDirectory, "*.csproj").Any()
            ? shellDirectory
            : currentDirectory;
}

/// <summary>A command failed for a reason the user can act on; the message says which.</summary>
public sealed class CliException(string message) : Exception(message);
