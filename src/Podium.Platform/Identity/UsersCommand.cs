using System.CommandLine;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Cli;

namespace Podium.Platform.Identity;

/// <summary><c>podium users create-admin --email …</c>: the first administrator, before anyone can sign in.</summary>
internal sealed class UsersCommand(TimeProvider time) : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var email = new Option<string>("--email") { Description = "The administrator's e-mail address (also the sign-in name)", Required = true };
        var name = new Option<string>("--name") { Description = "Display name", DefaultValueFactory = _ => "Administrator" };
        var createAdmin = new Command("create-admin",
            "Create an administrator with a confirmed address, or make an existing account one. The password is read " +
            "from standard input when it is piped, otherwise asked for twice without echo.") { email, name };
        createAdmin.SetScopedAction(services, async (parse, scope, _) =>
        {
            var users = scope.GetRequiredService<UserManager<PodiumUser>>();
            var address = parse.GetRequiredValue(email).Trim();
            var existing = await users.FindByEmailAsync(address);
            if (existing is not null)
            {
                await EnsureRolesAsync(users, existing);
                Console.WriteLine($"{address} already has an account; it is now an administrator. Its password is unchanged.");
                return 0;
            }

            var user = new PodiumUser
            {
                UserName = address,
                Email = address,
                EmailConfirmed = true,
                DisplayName = parse.GetValue(name) ?? "Administrator",
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, ReadPassword());
            if (!created.Succeeded)
            {
                throw new CliException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await EnsureRolesAsync(users, user);
            Console.WriteLine($"Administrator {address} created. Sign in and turn on two-factor sign-in to open the admin pages.");
            return 0;
        });

        return new Command("users", "Accounts.") { createAdmin };
    }

    private static async Task EnsureRolesAsync(UserManager<PodiumUser> users, PodiumUser user)
    {
        foreach (var role in new[] { Roles.Member, Roles.Admin })
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                await users.AddToRoleAsync(user, role);
            }
        }
    }

    private static string ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine() ?? throw new CliException("No password on standard input.");
        }

        var first = Prompt("Password: ");
        if (first != Prompt("Repeat the password: "))
        {
            throw new CliException("The two passwords are not the same.");
        }

        return first;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return password.ToString();
    }
}
