using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Identity;

public sealed class AccountRateLimitOptions
{
    public const string SectionName = "Podium:RateLimits:Account";

    /// <summary>Form submissions (sign-in, sign-up, password reset) one IP address may make per window.</summary>
    [Range(1, 10_000)]
    public int PermitLimit { get; set; } = 10;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// A per-IP limit on the account forms, beside the per-account lockout: lockout stops guessing one account's
/// password, this stops one address trying many accounts. In-process until the shared Redis limiter lands.
/// </summary>
public static partial class AccountRateLimits
{
    public const string Policy = "account-forms";

    internal static IServiceCollection AddAccountRateLimits(this IServiceCollection services)
    {
        services.AddOptions<AccountRateLimitOptions>().BindConfiguration(AccountRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context =>
            {
                // Reading a form costs nothing; only submissions count.
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var options = context.RequestServices.GetRequiredService<IOptions<AccountRateLimitOptions>>().Value;
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = TimeSpan.FromSeconds(options.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = (context, _) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountRateLimits));
                LogRejected(logger, context.HttpContext.Connection.RemoteIpAddress?.ToString(), context.HttpContext.Request.Path);
                // No body here: the status-code pages add the friendly page or the Problem Details.
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Security: rate limit hit by {Address} on {Path}")]
    private static partial void LogRejected(ILogger logger, string? address, string path);
}
