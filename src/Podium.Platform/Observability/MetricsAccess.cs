using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Security;

namespace Podium.Platform.Observability;

/// <summary>
/// Only the allowed networks see <c>/metrics</c>; to everyone else it does not exist (404, the same page as any unknown
/// address) rather than 403, which would tell a scanner there is something worth getting at. The client's address
/// decides (<see cref="ClientAddress"/>): a scraper on the inside connects directly, and a visitor coming through a
/// known proxy is judged by their own address, never by the proxy's, which may well be inside an allowed network.
/// </summary>
internal static class MetricsAccess
{
    public static void Restrict(IApplicationBuilder branch) =>
        branch.Use((context, next) =>
        {
            var options = context.RequestServices.GetRequiredService<IOptionsMonitor<MetricsOptions>>().CurrentValue;
            if (IsAllowed(ClientAddress.Of(context), options.ParsedNetworks()))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

    public static bool IsAllowed(IPAddress? address, IReadOnlyList<IPNetwork> networks) =>
        ClientAddress.Canonical(address) is { } canonical && networks.Any(network => network.Contains(canonical));
}
