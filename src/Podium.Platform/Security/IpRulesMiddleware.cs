using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Podium.Platform.Api;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Observability;

namespace Podium.Platform.Security;

internal static class IpRulesExtensions
{
    public static IServiceCollection AddPodiumIpRules(this IServiceCollection services)
    {
        services.AddSingleton<IpRuleCache>();
        services.TryAddSingleton<SecurityEventThrottle>();
        services.AddScoped(sp => new IpRuleAdministration(
            sp.GetRequiredService<PodiumDbContext>(),
            sp.GetRequiredService<IpRuleCache>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>After the forwarded headers (the client's address) and the error pages (the 403 page), before anything else.</summary>
    public static IApplicationBuilder UsePodiumIpRules(this IApplicationBuilder app) => app.UseMiddleware<IpRulesMiddleware>();

    /// <summary>Whether IP rules refused this request, for the error page to say so rather than blame the account.</summary>
    public static bool IsBlockedByIpRules(this HttpContext context) => context.Items.ContainsKey(IpRulesMiddleware.BlockedItem);
}

/// <summary>
/// Refuses requests from addresses the IP rules keep out: 403, Problem Details for the API and the error page for
/// people, counted in <c>podium.ip_rules.blocked</c> and reported (log line and audit row, throttled per address).
/// The rules come from the cache; no request reads the database for them.
/// </summary>
internal sealed partial class IpRulesMiddleware
{
    internal const string BlockedItem = "podium:ip-rules-blocked";

    private readonly RequestDelegate _next;
    private readonly IpRuleCache _rules;
    private readonly SecurityEventThrottle _throttle;
    private readonly ILogger<IpRulesMiddleware> _logger;
    private readonly Counter<long> _blocked;

    public IpRulesMiddleware(RequestDelegate next, IpRuleCache rules, SecurityEventThrottle throttle, IMeterFactory meters, ILogger<IpRulesMiddleware> logger)
    {
        _next = next;
        _rules = rules;
        _throttle = throttle;
        _logger = logger;
        _blocked = meters.Create("Podium.Security").CreateCounter<long>("podium.ip_rules.blocked", "{request}", "Requests refused by the IP rules, by scope and reason (denied, not-allowed).");
    }

    public async Task InvokeAsync(HttpContext context)
    {
        // The error page a refusal re-executes to must not be refused in turn.
        // Probes and the scraper are exempt: an IP rule must not take an instance out of its load balancer or its
        // monitoring (and /metrics has its own allowed networks).
        if (TelemetryExtensions.IsMachinePath(context.Request.Path) || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await _next(context);
            return;
        }

        var rules = await _rules.GetAsync(context.RequestAborted);
        if (rules.IsEmpty)
        {
            await _next(context);
            return;
        }

        var address = ClientAddress.Of(context);
        var verdict = rules.Check(address, IsAdminArea(context.Request.Path));
        if (verdict.Allowed)
        {
            await _next(context);
            return;
        }

        _blocked.Add(1, new KeyValuePair<string, object?>("scope", verdict.Scope), new KeyValuePair<string, object?>("reason", verdict.Reason));
        await ReportAsync(context, address?.ToString() ?? "unknown", verdict);
        context.Items[BlockedItem] = true;
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (ApiRequests.IsApi(context))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Forbidden",
                    Detail = "Requests from your network address are not accepted here.",
                },
            });
        }

        // Pages: no body here; the status-code pages re-execute to the friendly 403 page.
    }

    private static bool IsAdminArea(PathString path)
    {
        // Leading slashes collapsed: whatever routing makes of "//admin", it must not be a way around the admin rules.
        var rooted = new PathString("/" + path.Value?.TrimStart('/'));
        return rooted.StartsWithSegments("/admin") || rooted.StartsWithSegments(ApiRequests.Prefix + "/v1/admin");
    }

    private async Task ReportAsync(HttpContext context, string address, IpRuleVerdict verdict)
    {
        if (!_throttle.ShouldRecord($"ip-rules:{address}", out var suppressed))
        {
            return;
        }

        LogBlocked(_logger, address, verdict.Scope, verdict.Reason, context.Request.Path, suppressed);
        var audit = context.RequestServices.GetRequiredService<IAuditLog>();
        await audit.RecordAsync("security.ip-blocked", AuditOutcome.Denied, actorId: null, target: verdict.Scope,
            new { verdict.Scope, verdict.Reason, context.Request.Method, Path = context.Request.Path.Value, SuppressedSinceLast = suppressed },
            context.RequestAborted);
    }

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Security: {Address} refused by the {Scope} IP rules ({Reason}) on {Path}; {Suppressed} more refusal(s) of it since the last report")]
    private static partial void LogBlocked(ILogger logger, string address, string? scope, string reason, string path, long suppressed);
}
