using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Cli;
using Podium.Platform.Data;

namespace Podium.Platform.Audit;

internal sealed class AuditCommand : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var verify = new Command("verify", "Check the audit trail's hash chain; exits 1 naming the first edited, inserted or deleted row.");
        verify.SetScopedAction(services, async (_, scope, cancellationToken) =>
        {
            var result = await AuditLog.VerifyAsync(scope.GetRequiredService<PodiumDbContext>(), cancellationToken);
            if (result.Intact)
            {
                Console.WriteLine($"The audit trail is intact ({result.RowsChecked} row(s)).");
                return 0;
            }

            await Console.Error.WriteLineAsync($"The audit trail is broken at row {result.BrokenAtId}: {result.Problem}.");
            return 1;
        });
        return new Command("audit", "The audit trail.") { verify };
    }
}

internal static class AuditExtensions
{
    public static IServiceCollection AddPodiumAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<ICliCommand, AuditCommand>();
        return services;
    }
}
