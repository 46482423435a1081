using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Security;

namespace Podium.Platform.Observability;

/// <summary>
/// Only the allowed networks see <c>/metrics</c>; to everyone else it does not exist (404, the same page as any unknown
/// address) rather than 403, which would tell a scanner there is something worth getting at. The direct peer's
/// address decides: a scraper is a machine on the inside, never behind the public proxy.
/// </summary>
internal static class MetricsAccess
{
    public static void Restrict(IApplicationBuilder branch) =>
        branch.Use((context, next) =>
        {
            var options = context.RequestServices.GetRequiredService<IOptionsMonitor<MetricsOptions>>().CurrentValue;
            if (IsAllowed(context.Connection.RemoteIpAddress, options.ParsedNetworks()))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

    public static bool IsAllowed(IPAddress? address, IReadOnlyList<IPNetwork> networks) =>
        ClientAddress.Canonical(address) is { } canonical && networks.Any(network => network.Contains(canonical));
}
