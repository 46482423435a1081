using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Settings;

namespace Podium.Platform.Cli;

internal sealed class SettingsCommand : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var list = new Command("list", "Print every runtime setting as key=value.");
        list.SetScopedAction(services, async (_, scope, cancellationToken) =>
        {
            foreach (var (key, value) in await scope.GetRequiredService<ISettingsStore>().GetAllAsync(cancellationToken))
            {
                Console.WriteLine($"{key}={value}");
            }

            return 0;
        });

        var keyArgument = new Argument<string>("key") { Description = "Setting key, e.g. site.name" };
        var valueArgument = new Argument<string>("value") { Description = "New value" };

        var set = new Command("set", "Create or change a runtime setting.") { keyArgument, valueArgument };
        set.SetScopedAction(services, async (parse, scope, cancellationToken) =>
        {
            var key = parse.GetRequiredValue(keyArgument);
            await scope.GetRequiredService<ISettingsStore>().SetAsync(key, parse.GetRequiredValue(valueArgument), cancellationToken);
            Console.WriteLine($"{key} saved.");
            return 0;
        });

        var get = new Command("get", "Print one runtime setting.") { keyArgument };
        get.SetScopedAction(services, async (parse, scope, cancellationToken) =>
        {
            var key = parse.GetRequiredValue(keyArgument);
            var value = await scope.GetRequiredService<ISettingsStore>().GetAsync(key, cancellationToken)
                ?? throw new CliException($"There is no setting '{key}'.");
            Console.WriteLine(value);
            return 0;
        });

        var remove = new Command("remove", "Delete a runtime setting (the built-in default applies again).") { keyArgument };
        remove.SetScopedAction(services, async (parse, scope, cancellationToken) =>
        {
            var key = parse.GetRequiredValue(keyArgument);
            if (!await scope.GetRequiredService<ISettingsStore>().RemoveAsync(key, cancellationToken))
            {
                throw new CliException($"There is no setting '{key}'.");
            }

            Console.WriteLine($"{key} removed.");
            return 0;
        });

        return new Command("settings", "Runtime settings kept in the database.") { list, get, set, remove };
    }
}
