using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Cli;

namespace Podium.Platform.Identity;

/// <summary>
/// <c>podium api-keys create --owner … --name … --scope …</c>: a key for automation set up by the operator (the first
/// integration, a benchmark) without going through the pages. Prints the key once, on standard output.
/// </summary>
internal sealed class ApiKeysCommand(TimeProvider time) : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var owner = new Option<string>("--owner") { Description = "E-mail address of the account the key acts for", Required = true };
        var name = new Option<string>("--name") { Description = "What the key is for", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "A permission (repeat for several), e.g. profile:read", Required = true, AllowMultipleArgumentsPerToken = true };
        var days = new Option<int?>("--expires-days") { Description = "Expire after this many days (default: never)" };
        var signed = new Option<bool>("--require-signature") { Description = "Requests must be HMAC-signed (docs/API.md)" };
        var create = new Command("create", "Create an API key and print it (it is not shown again).") { owner, name, scopes, days, signed };
        create.SetScopedAction(services, async (parse, scope, cancellationToken) =>
        {
            var user = await scope.GetRequiredService<UserManager<PodiumUser>>().FindByEmailAsync(parse.GetRequiredValue(owner).Trim())
                ?? throw new CliException("No account has that e-mail address.");
            var expires = parse.GetValue(days) is { } d ? time.GetUtcNow().UtcDateTime.AddDays(d) : (DateTime?)null;
            var outcome = await scope.GetRequiredService<ApiKeyService>().CreateAsync(user, null,
                new ApiKeyRequest(parse.GetValue(name), parse.GetValue(scopes), expires, null, parse.GetValue(signed)), cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new CliException(string.Join(" ", outcome.Errors.Values));
            }

            Console.WriteLine(outcome.Value!.Secret);
            return 0;
        });
        return new Command("api-keys", "API keys for programs.") { create };
    }
}
