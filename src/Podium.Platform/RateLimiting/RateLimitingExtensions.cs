using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Podium.Platform.Identity;
using Podium.Platform.Security;

namespace Podium.Platform.RateLimiting;

internal static class RateLimitingExtensions
{
    public static IServiceCollection AddPodiumRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<RateLimitCounter>();
        return services;
    }

    /// <summary>
    /// Our own middleware rather than ASP.NET Core's limiter: that one cannot share a window across instances or
    /// report what is left. Endpoints still opt in and out with its attributes (<see cref="EnableRateLimitingAttribute"/>
    /// naming a <see cref="RateLimitPolicies"/> policy, <see cref="DisableRateLimitingAttribute"/>).
    /// </summary>
    public static IApplicationBuilder UsePodiumRateLimiting(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();
}

internal sealed partial class RateLimitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly RateLimitCounter _counter;
    private readonly IOptionsMonitor<RateLimitOptions> _options;
    private readonly ILogger<RateLimitMiddleware> _logger;
    private readonly Counter<long> _rejections;

    public RateLimitMiddleware(RequestDelegate next, RateLimitCounter counter, IOptionsMonitor<RateLimitOptions> options, IMeterFactory meters, ILogger<RateLimitMiddleware> logger)
    {
        _next = next;
        _counter = counter;
        _options = options;
        _logger = logger;
        _rejections = meters.Create("Podium.RateLimiting").CreateCounter<long>("podium.rate_limit.rejections", "{request}", "Requests refused with 429, by policy.");
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var options = _options.CurrentValue;
        var endpoint = context.GetEndpoint();
        if (!options.Enabled || endpoint?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null || IsExempt(context.Request.Path))
        {
            await _next(context);
            return;
        }

        var (policy, partition) = Caller(context);
        var decision = await _counter.HitAsync(policy, partition, options.Get(policy)!);
        if (decision.Allowed && endpoint?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is { } named && Counts(named, context.Request))
        {
            var limit = options.Get(named) ?? throw new InvalidOperationException($"Rate limit policy '{named}' on {endpoint.DisplayName} does not exist; use one of {nameof(RateLimitPolicies)}.");
            var extra = await _counter.HitAsync(named, IpPartition(context), limit);
            if (!extra.Allowed || extra.Remaining < decision.Remaining)
            {
                (policy, decision) = (named, extra);
            }
        }

        // Set as the response starts: an output-cached response would otherwise replay the headers it was stored with.
        var headers = decision;
        context.Response.OnStarting(() =>
        {
            var response = context.Response.Headers;
            response["RateLimit-Limit"] = headers.Limit.ToString(CultureInfo.InvariantCulture);
            response["RateLimit-Remaining"] = headers.Remaining.ToString(CultureInfo.InvariantCulture);
            response["RateLimit-Reset"] = Seconds(headers.ResetAfter);
            return Task.CompletedTask;
        });

        if (!decision.Allowed)
        {
            _rejections.Add(1, new KeyValuePair<string, object?>("policy", policy));
            LogRejected(_logger, policy, ClientAddress.Of(context)?.ToString(), context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Seconds(decision.ResetAfter);
            // No body here: the status-code pages write the Problem Details (API) or the friendly page.
            return;
        }

        await _next(context);
    }

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    /// <summary>Reading a form costs nothing: the account policy counts submissions only.</summary>
    private static bool Counts(string policy, HttpRequest request) =>
        policy != RateLimitPolicies.Account || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));

    private static (string Policy, string Partition) Caller(HttpContext context)
    {
        var user = context.User;
        if (user.FindFirst(RateLimitPolicies.ApiKeyClaimType)?.Value is { Length: > 0 } key)
        {
            return (RateLimitPolicies.ApiKey, key);
        }

        if (user.UserId() is { } id)
        {
            return (RateLimitPolicies.User, id.ToString());
        }

        return (RateLimitPolicies.Anonymous, IpPartition(context));
    }

    private static string IpPartition(HttpContext context)
    {
        var address = ClientAddress.Of(context);
        if (address is null)
        {
            return "unknown";
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // One subscriber usually holds a whole /64: limiting single addresses would let them rotate freely.
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
            return address + "/64";
        }

        return address.ToString();
    }

    private static string Seconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Security: rate limit {Policy} hit by {Address} on {Path}")]
    private static partial void LogRejected(ILogger logger, string policy, string? address, string path);
}
