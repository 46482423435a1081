using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Security;

/// <summary>
/// <c>Podium:ForwardedHeaders</c>: which peers may tell Podium the client's address and scheme. Behind a reverse proxy
/// every connection comes from the proxy; its <c>X-Forwarded-For</c>/<c>-Proto</c> say who the client is and whether
/// they used HTTPS. Anyone else can send those headers too, so they count only from the proxies listed here.
/// </summary>
public sealed class ForwardedHeadersProxyOptions : IValidatableObject
{
    public const string SectionName = "Podium:ForwardedHeaders";

    /// <summary>
    /// Addresses or CIDR ranges of the proxies in front (nginx, the ingress controller, the load balancer's subnet).
    /// Empty, the default, trusts no one: the socket's peer is the client.
    /// </summary>
    public List<string>? KnownProxies { get; set; }

    /// <summary>
    /// How many proxies, from the nearest, are unwound; each must be a known proxy for the next entry to count.
    /// Raise it to the length of the chain (a CDN in front of the load balancer: 2).
    /// </summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies ?? [])
        {
            if (!IpRanges.TryParse(proxy, out _, out var problem))
            {
                yield return new ValidationResult($"{SectionName}:KnownProxies: {problem}", [nameof(KnownProxies)]);
            }
        }
    }
}

internal static class ForwardedHeadersExtensions
{
    /// <summary>ASP.NET Core's own switch (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>), as the host configuration names it.</summary>
    internal const string AspNetCoreSwitch = "FORWARDEDHEADERS_ENABLED";

    public static IServiceCollection AddPodiumForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        // ASP.NET Core's switch trusts the headers from every peer, which lets any client choose its address for the
        // rate limits, IP rules and audit trail. Refused rather than quietly combined with ours.
        var aspNetCoreSwitch = string.Equals(configuration[AspNetCoreSwitch], "true", StringComparison.OrdinalIgnoreCase);
        services.AddOptions<ForwardedHeadersProxyOptions>()
            .BindConfiguration(ForwardedHeadersProxyOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                _ => !aspNetCoreSwitch,
                $"ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts X-Forwarded-For from any sender; remove it and list the proxies in {ForwardedHeadersProxyOptions.SectionName}:KnownProxies (Podium__ForwardedHeaders__KnownProxies__0=…).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersProxyOptions>>((forwarded, podium) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = podium.Value.ForwardLimit;
            // The defaults trust loopback; only what the operator listed counts.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in podium.Value.KnownProxies ?? [])
            {
                if (IpRanges.TryParse(proxy, out var network, out _))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }
        });
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static IApplicationBuilder UsePodiumForwardedHeaders(this IApplicationBuilder app) => app.UseMiddleware<KnownProxyForwardedHeadersMiddleware>();
}

/// <summary>
/// ASP.NET Core's middleware checks the peer against the known proxies only when the list is non-empty, and trusts every
/// peer otherwise; with no proxy configured it is therefore not run at all.
/// </summary>
internal sealed class KnownProxyForwardedHeadersMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ForwardedHeadersMiddleware? _forwarded;

    public KnownProxyForwardedHeadersMiddleware(RequestDelegate next, ILoggerFactory loggers, IOptions<ForwardedHeadersOptions> options)
    {
        _next = next;
        _forwarded = options.Value.KnownIPNetworks.Count > 0 || options.Value.KnownProxies.Count > 0
            ? new ForwardedHeadersMiddleware(next, loggers, options)
            : null;
    }

    public Task InvokeAsync(HttpContext context) => _forwarded is { } forwarded ? forwarded.Invoke(context) : _next(context);
}
